//! Building and starting the server. Tests start exactly this, on port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, ErrorHandlers, Logger, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use chrono::Utc;
use mitra_domain::checkpoint::CheckpointKey;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::{Store, agreements, checkpoints};
use utoipa::OpenApi as _;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::access::{self, Operations};
use crate::auth::tokens::TokenIssuer;
use crate::config::Config;
use crate::demo::{self, DemoLogin};
use crate::extract;
use crate::idempotency;
use crate::openapi::{ApiDoc, document_problems};
use crate::problem;
use crate::public_readers::PublicReaders;
use crate::request_id;
use crate::routes;
use crate::spa::{self, SpaDir};
use crate::state::AppState;
use crate::writer_thread::WriterThread;
use mitra_persistence::files::FileStore;

/// Every route, for the server and for the published document alike.
fn register(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(utoipa_actix_web::scope("/api/v1").configure(routes::api_v1)).configure(routes::root);
}

/// The OpenAPI document of the API, as committed in `openapi/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(register).split_for_parts();
    document_problems(api)
}

/// The spec as published: pretty JSON with a final newline, byte-for-byte the committed file.
pub fn openapi_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(&openapi())?))
}

pub struct Application {
    server: Server,
    port: u16,
    host: String,
    demo_logins: Option<Vec<DemoLogin>>,
}

impl Application {
    /// Connects to the database, migrates it when asked, seeds the demo organisation into a new
    /// embedded database, and binds the listener (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&config.data_dir)?;
        let store = Store::connect_with(&config.database_url(), config.database_connections)
            .await?
            .with_caller_ttl(config.caller_ttl)
            .with_personal_data_key(config.personal_data_key()?);
        if config.auto_migrate {
            store.migrate().await?;
        }
        let files = FileStore::local(&config.files_dir).await?;
        let demo_logins = if config.demo_data { demo::seed_if_empty(&store, &files).await? } else { None };
        let keys = config.signing_keys()?;
        let checkpoint_key = Arc::new(config.checkpoint_key()?);
        let (signer, key) = (store.clone(), checkpoint_key.clone());
        every(config.checkpoint_every, move || {
            let (store, key) = (signer.clone(), key.clone());
            async move { sign_checkpoints(&store, &key).await }
        });
        let keeper = store.clone();
        every(Duration::from_secs(60 * 60), move || {
            let store = keeper.clone();
            async move { hourly_upkeep(&store).await }
        });
        // The writes each organisation's requests make together run on a thread of their own,
        // through connections opened there (see `writer_thread`).
        let writers = Arc::new(WriterThread::start()?);
        let writing = writers
            .run({
                let store = store.clone();
                move || async move { store.with_own_connections().await }
            })
            .await
            .ok_or_else(|| anyhow::anyhow!("the writers' thread stopped while connecting"))??;
        let state = AppState {
            files,
            tokens: TokenIssuer::new(keys, config.access_ttl, config.refresh_ttl),
            checkpoint_key,
            public_readers: Arc::new(PublicReaders::new(config.public_requests_per_minute)),
            issuing: Arc::new(routes::orders::issuing(writers.clone(), writing.clone())),
            key_claims: Arc::new(idempotency::claiming(writers.clone(), writing.clone())),
            key_answers: Arc::new(idempotency::answering(writers, writing)),
            store,
        };
        let listener = TcpListener::bind(&config.bind)?;
        let address = listener.local_addr()?;
        let server = serve(listener, state, SpaDir(config.spa_dir.clone()))?;
        Ok(Application { server, port: address.port(), host: address.ip().to_string(), demo_logins })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self) -> String {
        format!("http://{}:{}", self.host, self.port)
    }

    /// Logins created for the demo on this start, if the database was new.
    pub fn demo_logins(&self) -> Option<&[DemoLogin]> {
        self.demo_logins.as_deref()
    }

    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Runs `job` once per `period` for as long as the server runs, the first time one period after
/// the start: a request racing a job just after a start (the tests' own expiry, say) would see
/// its change as a conflict, which is correct but surprising.
fn every<F, Fut>(period: Duration, mut job: F)
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            ticks.tick().await;
            job().await;
        }
    });
}

/// Signs every organisation's audit chain head that moved.
async fn sign_checkpoints(store: &Store, key: &CheckpointKey) {
    match checkpoints::sign_all_heads(store, key, Utc::now()).await {
        Ok(0) => {}
        Ok(signed) => log::info!("signed the audit chain heads of {signed} organisation(s)"),
        Err(err) => log::error!("audit checkpoints could not be signed: {err}"),
    }
}

/// What time does by itself: the agreements whose period has ended (in Jakarta's calendar) are
/// expired, so that the unused part of their ceiling returns to the budget line's remaining
/// amount without anybody having to remember it; and the idempotency keys past their
/// [`idempotency::KEPT_FOR_HOURS`] are deleted with the responses they kept.
async fn hourly_upkeep(store: &Store) {
    match agreements::expire_ended(store, jakarta_today()).await {
        Ok(0) => {}
        Ok(expired) => log::info!("expired {expired} agreement(s) whose period ended"),
        Err(err) => log::error!("agreements whose period ended could not be expired: {err}"),
    }
    match mitra_persistence::idempotency::forget_expired(store, Utc::now()).await {
        Ok(0) => {}
        Ok(forgotten) => log::info!("forgot {forgotten} expired idempotency key(s)"),
        Err(err) => log::error!("expired idempotency keys could not be forgotten: {err}"),
    }
}

fn serve(listener: TcpListener, state: AppState, spa_dir: SpaDir) -> anyhow::Result<Server> {
    let state = web::Data::new(state);
    let spa_dir = web::Data::new(spa_dir);
    let spec = openapi();
    let operations = web::Data::new(
        Operations::from_openapi(&spec).map_err(|why| anyhow::anyhow!("an operation's access is wrong: {why}"))?,
    );
    let server = HttpServer::new(move || {
        // The docs and the spec come first: the `/api/v1` scope would otherwise claim the
        // spec's path and answer 404.
        App::new()
            .service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", spec.clone()))
            .route(
                "/docs",
                web::get()
                    .to(|| async { HttpResponse::PermanentRedirect().insert_header(("Location", "/docs/")).finish() }),
            )
            .into_utoipa_app()
            .configure(register)
            .into_app()
            .app_data(state.clone())
            .app_data(spa_dir.clone())
            .app_data(operations.clone())
            .app_data(web::PathConfig::default().error_handler(extract::path_error))
            .app_data(web::QueryConfig::default().error_handler(extract::query_error))
            .default_service(web::to(spa::fallback))
            // Inside access control: a key belongs to the signed-in caller's organisation.
            .wrap(from_fn(idempotency::replay))
            .wrap(from_fn(access::authorize))
            .wrap(ErrorHandlers::new().default_handler(problem::ensure_problem_json))
            .wrap(Compress::default())
            .wrap(from_fn(request_id::assign))
            .wrap(Logger::new("%a \"%r\" %s %b %Dms request_id=%{x-request-id}o"))
    })
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}
