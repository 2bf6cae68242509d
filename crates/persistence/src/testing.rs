//! What the test suites need beyond the public API: a fresh database per test, cloned from a
//! template each test process prepares once, and tampering with the database as an attacker with
//! database access would. Compiled for this crate's own tests and, with the `test-support`
//! feature, for the other crates' suites; never in the server.
//!
//! `MITRA_TEST_DATABASE_URL` (a PostgreSQL server's maintenance database) puts every test
//! database on that server; otherwise each is an SQLite file in a temporary folder.
//! `MITRA_TEST_REQUIRE_POSTGRES=1` turns a missing or unreachable server into a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failed fixture step must fail the test loudly")]

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DbErr, Statement};
use tokio::sync::{Mutex, OnceCell};
use uuid::Uuid;

use crate::Store;

/// Runs SQL straight on the database, bypassing every rule of the write path.
pub async fn execute(store: &Store, sql: &str) -> Result<u64, DbErr> {
    Ok(store.db().execute_unprepared(sql).await?.rows_affected())
}

/// Whether the store is on PostgreSQL (else on SQLite): for the few rules only PostgreSQL keeps.
pub fn on_postgres(store: &Store) -> bool {
    store.db().get_database_backend() == sea_orm::DbBackend::Postgres
}

/// The first column of each row `sql` answers, as whole numbers (NULL as 0).
pub async fn numbers(store: &Store, sql: &str) -> Result<Vec<i64>, DbErr> {
    let backend = store.db().get_database_backend();
    let rows = store.db().query_all_raw(Statement::from_string(backend, sql)).await?;
    rows.iter().map(|row| row.try_get_by_index::<Option<i64>>(0).map(Option::unwrap_or_default)).collect()
}

/// What a database superuser can do that the chain alone cannot detect: set the action of the
/// organisation's event at `sequence`, recompute the hash of it and of every later event, and
/// move the organisation's head to match. The chain verifies again afterwards; only a signed
/// checkpoint taken before tells.
#[allow(clippy::disallowed_methods, reason = "an attacker with database access ignores the scoped helpers")]
pub async fn rewrite_audit_chain(
    store: &Store,
    organisation_id: Uuid,
    sequence: i64,
    action: &str,
) -> Result<(), DbErr> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    use crate::entities::{audit_event, organisation};

    let events = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(audit_event::Column::Sequence)
        .all(store.db())
        .await?;
    let mut prev_hash = mitra_domain::audit::GENESIS_HASH.to_owned();
    for event in events {
        let mut content = mitra_domain::audit::EventContent {
            organisation_id: event.organisation_id,
            sequence: event.sequence,
            occurred_at_micros: event.occurred_at_micros,
            actor_id: event.actor_id,
            entity_type: event.entity_type.clone(),
            entity_id: event.entity_id.clone(),
            action: event.action.clone(),
            before: event.before_state.clone(),
            after: event.after_state.clone(),
            request_id: event.request_id.clone(),
        };
        if event.sequence == sequence {
            content.action = action.to_owned();
        }
        let hash = content.chain_hash(&prev_hash);
        let mut row: audit_event::ActiveModel = event.into();
        row.action = Set(content.action);
        row.prev_hash = Set(prev_hash);
        row.hash = Set(hash.clone());
        row.update(store.db()).await?;
        prev_hash = hash;
    }
    organisation::Entity::update_many()
        .col_expr(organisation::Column::AuditHeadHash, sea_orm::sea_query::Expr::value(prev_hash))
        .filter(organisation::Column::Id.eq(organisation_id))
        .exec(store.db())
        .await?;
    Ok(())
}

/// The organisation's audit chain head (its newest event's sequence), as the database keeps it.
pub async fn audit_head(store: &Store, organisation_id: Uuid) -> Result<i64, DbErr> {
    let backend = store.db().get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "SELECT audit_head_sequence FROM organisations WHERE id = $1",
        _ => "SELECT audit_head_sequence FROM organisations WHERE id = ?",
    };
    let statement = Statement::from_sql_and_values(backend, sql, [organisation_id.into()]);
    let row = store.db().query_one_raw(statement).await?.ok_or_else(|| DbErr::RecordNotFound("organisation".into()))?;
    row.try_get_by_index(0)
}

/// The id of an organisation's imported company with `npwp`.
pub async fn history_company_id(store: &Store, organisation_id: Uuid, npwp: &str) -> Result<Uuid, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let scope = crate::scope::OrgScope::of(organisation_id);
    crate::scope::select::<crate::entities::history_company::Entity>(scope)
        .filter(crate::entities::history_company::Column::Npwp.eq(npwp))
        .select_only()
        .column(crate::entities::history_company::Column::Id)
        .into_tuple::<Uuid>()
        .one(store.db())
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("history company".into()))
}

/// Where test databases live.
enum Server {
    Sqlite,
    /// The maintenance database's URL.
    Postgres(String),
}

fn server() -> Server {
    let require = std::env::var("MITRA_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    match std::env::var("MITRA_TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) {
        Some(url) => Server::Postgres(url),
        None if require => panic!("MITRA_TEST_REQUIRE_POSTGRES=1 but MITRA_TEST_DATABASE_URL is not set"),
        None => Server::Sqlite,
    }
}

fn database_url(admin_url: &str, name: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("MITRA_TEST_DATABASE_URL must end in /<database>"),
    }
}

async fn admin(admin_url: &str) -> Store {
    Store::connect(admin_url)
        .await
        .unwrap_or_else(|err| panic!("PostgreSQL at MITRA_TEST_DATABASE_URL is unreachable: {err}"))
}

/// A prepared, migrated database that each test copies, with what preparing it produced.
pub struct Template<T> {
    /// An SQLite file, or a PostgreSQL database name.
    location: String,
    pub fixture: T,
}

/// A database for one test, dropped afterwards when it lives on a PostgreSQL server.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
    dir: tempfile::TempDir,
}

/// Names carry the process id, so a later run can tell (and drop) what a crashed one left.
fn process_tag() -> String {
    format!("{}", std::process::id())
}

/// Serialises `CREATE DATABASE ... TEMPLATE`, which PostgreSQL refuses while another copy of the
/// same template is being made.
static CLONING: Mutex<()> = Mutex::const_new(());

impl TestDatabase {
    /// An empty database (not migrated).
    pub async fn empty() -> TestDatabase {
        let dir = tempfile::tempdir().unwrap();
        match server() {
            Server::Sqlite => {
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.sqlite").display());
                TestDatabase { url, postgres: None, dir }
            }
            Server::Postgres(admin_url) => {
                let name = format!("mitra_test_{}_{}", process_tag(), Uuid::new_v4().simple());
                let store = admin(&admin_url).await;
                execute(&store, &format!("CREATE DATABASE {name}")).await.unwrap();
                store.close().await.unwrap();
                TestDatabase { url: database_url(&admin_url, &name), postgres: Some((admin_url, name)), dir }
            }
        }
    }

    /// A copy of `template`, which is prepared on first use in this process: migrated, then
    /// filled by `prepare`, whose result every copy shares.
    pub async fn from_template<T, F>(template: &'static OnceCell<Template<T>>, prepare: F) -> (TestDatabase, &'static T)
    where
        F: AsyncFnOnce(&Store) -> T,
    {
        let template = template.get_or_init(async || build_template(prepare).await).await;
        let dir = tempfile::tempdir().unwrap();
        let database = match server() {
            Server::Sqlite => {
                let file = dir.path().join("test.sqlite");
                std::fs::copy(&template.location, &file).unwrap();
                TestDatabase { url: format!("sqlite://{}?mode=rwc", file.display()), postgres: None, dir }
            }
            Server::Postgres(admin_url) => {
                let name = format!("mitra_test_{}_{}", process_tag(), Uuid::new_v4().simple());
                let _one_at_a_time = CLONING.lock().await;
                let store = admin(&admin_url).await;
                execute(&store, &format!("CREATE DATABASE {name} TEMPLATE {}", template.location)).await.unwrap();
                store.close().await.unwrap();
                TestDatabase { url: database_url(&admin_url, &name), postgres: Some((admin_url, name)), dir }
            }
        };
        (database, &template.fixture)
    }

    /// A folder that lives as long as the database, for files a test needs beside it.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

async fn build_template<T, F>(prepare: F) -> Template<T>
where
    F: AsyncFnOnce(&Store) -> T,
{
    let (location, url) = match server() {
        Server::Sqlite => {
            let folder = template_folder();
            let file = folder.join(format!("template-{}.sqlite", Uuid::new_v4().simple()));
            let url = format!("sqlite://{}?mode=rwc", file.display());
            (file.display().to_string(), url)
        }
        Server::Postgres(admin_url) => {
            let store = admin(&admin_url).await;
            drop_leftovers(&store).await;
            let name = format!("mitra_tpl_{}_{}", process_tag(), Uuid::new_v4().simple());
            execute(&store, &format!("CREATE DATABASE {name}")).await.unwrap();
            store.close().await.unwrap();
            (name.clone(), database_url(&admin_url, &name))
        }
    };
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let fixture = prepare(&store).await;
    // Copies are made from the file or database at rest: fold SQLite's write-ahead log into the
    // file, and leave no connection open (PostgreSQL refuses to copy a database in use).
    if url.starts_with("sqlite:") {
        execute(&store, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
    }
    store.close().await.unwrap();
    Template { location, fixture }
}

/// This process's folder for SQLite templates, after removing those of processes that ended.
fn template_folder() -> PathBuf {
    let root = std::env::temp_dir().join("mitra-test-templates");
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let pid = entry.file_name().to_string_lossy().into_owned();
            if !Path::new("/proc").join(&pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let folder = root.join(process_tag());
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// Drops test databases and templates of test processes that are no longer running.
async fn drop_leftovers(admin: &Store) {
    let rows = admin
        .db()
        .query_all_raw(Statement::from_string(
            admin.db().get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'mitra_t%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get_by_index::<String>(0) else { continue };
        let pid = name.strip_prefix("mitra_tpl_").or_else(|| name.strip_prefix("mitra_test_"));
        let Some(pid) = pid.and_then(|rest| rest.split('_').next()) else { continue };
        if pid.chars().all(|c| c.is_ascii_digit()) && !Path::new("/proc").join(pid).exists() {
            let _ = execute(admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else { return };
        // Drop runs inside the test's runtime; a separate thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    let _ = execute(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}
