//! The benchmark's baseline: what the same list costs without Mitra around it.
//!
//! `seed DATABASE_URL SLUG COUNT` adopts an organisation with COUNT users through the real
//! write path and prints its admin's login. `serve DATABASE_URL SLUG BIND` serves `GET /users`:
//! the first page of that organisation's users from the very query function Mitra's
//! `GET /api/v1/users` runs, rendered as the same view - but with no authentication, no caller
//! check, no middleware and no logging.

use std::net::TcpListener;

use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::{Context, bail};
use mitra_api::extract::Page;
use mitra_api::routes::users::UserView;
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, NewUser, Username};
use mitra_domain::organisation::{OrganisationName, Slug};
use mitra_persistence::users::{self, UserFilter};
use mitra_persistence::{AuditContext, OrgScope, PageRequest, Store, StoreError, organisations};

const PASSWORD: &str = "tolok-ukur-kinerja-2026";
const BATCH: usize = 1_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [_, "seed", url, slug, count] => seed(url, slug, count.parse().context("COUNT must be a number")?).await,
        [_, "serve", url, slug, bind] => serve(url, slug, bind).await,
        _ => bail!("usage: mitra-perf-baseline seed DATABASE_URL SLUG COUNT | serve DATABASE_URL SLUG BIND"),
    }
}

/// The organisation's scope, chosen as an operator would.
#[allow(clippy::disallowed_methods, reason = "the benchmark acts as the console for its own organisation")]
async fn scope_of(store: &Store, slug: &str) -> anyhow::Result<OrgScope> {
    Ok(OrgScope::console(organisations::find_by_slug(store, slug).await?.id))
}

async fn seed(url: &str, slug: &str, count: usize) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    store.migrate().await?;
    let hash = mitra_api::auth::password::hash_now(PASSWORD)?;
    let new_user = |name: String, role| -> anyhow::Result<NewUser> {
        Ok(NewUser {
            username: Username::parse(&name)?,
            full_name: FullName::parse(&name)?,
            email: None,
            role,
            unit_id: None,
        })
    };
    let admin = new_user(format!("{slug}.admin"), Role::Admin)?;
    let (name, slug_value) = (OrganisationName::parse(&format!("Kabupaten {slug}"))?, Slug::parse(slug)?);
    let admin_hash = hash.clone();
    store
        .adopt(Some("perf-seed".into()), async |tx| {
            organisations::create(tx, name, slug_value).await?;
            users::create(tx, admin, admin_hash).await?;
            Ok::<_, StoreError>(())
        })
        .await?;
    let ctx = AuditContext::console(scope_of(&store, slug).await?);
    for start in (1..count).step_by(BATCH) {
        let batch: Vec<NewUser> = (start..(start + BATCH).min(count))
            .map(|n| new_user(format!("{slug}.user{n:05}"), Role::Officer))
            .collect::<anyhow::Result<_>>()?;
        let hash = hash.clone();
        store
            .write(&ctx, async |tx| {
                for user in batch {
                    users::create(tx, user, hash.clone()).await?;
                }
                Ok::<_, StoreError>(())
            })
            .await?;
    }
    println!("seeded {count} users; admin login: {slug}.admin / {PASSWORD}");
    Ok(())
}

async fn serve(url: &str, slug: &str, bind: &str) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    let scope = scope_of(&store, slug).await?;
    let state = web::Data::new((store, scope));
    let listener = TcpListener::bind(bind)?;
    println!("baseline listening on http://{}", listener.local_addr()?);
    HttpServer::new(move || {
        App::new().app_data(state.clone()).route(
            "/users",
            web::get().to(|state: web::Data<(Store, OrgScope)>| async move {
                let (store, scope) = state.get_ref();
                let page = PageRequest { limit: 20, after: None };
                match users::list(store, *scope, &UserFilter::default(), page).await {
                    Ok(page) => HttpResponse::Ok().json(Page::of(page, UserView::from)),
                    Err(err) => HttpResponse::InternalServerError().body(err.to_string()),
                }
            }),
        )
    })
    .listen(listener)?
    .run()
    .await?;
    Ok(())
}
