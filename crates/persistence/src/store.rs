use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::callers::CallerCache;
use crate::migration::Migrator;
use crate::personal::PersonalDataKey;
use crate::policy::FrozenPolicies;
use crate::tx::Tx;
use crate::{OrgScope, StoreError, at_once, audit};

/// Who is changing something, for whom, and in which request: what every audit event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditContext {
    pub scope: OrgScope,
    pub actor_id: Option<Uuid>,
    pub request_id: Option<String>,
}

impl AuditContext {
    /// A change made from the server's console: no actor, and the request id says so.
    pub fn console(scope: OrgScope) -> Self {
        AuditContext { scope, actor_id: None, request_id: Some("console".into()) }
    }
}

/// Writes the code declares as not audited, each with its reason. Events they record anyway
/// (a detected token theft) are still appended to the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exempt {
    SessionRotation,
    LoginThrottle,
    IdempotencyKey,
    AuditCheckpoint,
}

impl Exempt {
    /// Why such a write leaves no event, in words an auditor reads in the published spec.
    pub fn reason(self) -> &'static str {
        match self {
            Exempt::SessionRotation => {
                "Renewing an access token rotates the refresh token of a session whose opening (login) and \
                 closing (logout, detected theft, disabling) are audited; an event per renewal, every few \
                 minutes per signed-in user, would bury the changes people made."
            }
            Exempt::LoginThrottle => {
                "Failed logins are counted only to slow down guessing: they belong to no organisation (the \
                 name tried may not exist), and the count is not a change anyone made."
            }
            Exempt::IdempotencyKey => {
                "An idempotency key and the response it replays are bookkeeping of a request; the change \
                 the request made is audited by its own write."
            }
            Exempt::AuditCheckpoint => {
                "A checkpoint is the server's signature over an organisation's audit chain head, not a change \
                 anyone made; recording it in the chain would move the head it signs."
            }
        }
    }
}

const DEFAULT_POSTGRES_CONNECTIONS: u32 = 16;

/// Prepared statements a writer's connection keeps: a dozen statements, each in as many group
/// sizes as a busy organisation's groups vary over.
const WRITER_STATEMENTS: usize = 512;

/// The database behind Mitra: SQLite (embedded default) or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
    pub(crate) callers: Arc<CallerCache>,
    /// Seals personal data (a journalist's NIK); none on a store that never writes any.
    pub(crate) personal: Option<Arc<PersonalDataKey>>,
    /// Policy versions that can no longer change, kept in memory for the writes that weigh them.
    pub(crate) frozen_policies: Arc<FrozenPolicies>,
    /// Report streams running at once: a stream holds a connection while its client reads, so at
    /// most half the pool; a slow download then never leaves writes without a connection.
    pub(crate) report_streams: Arc<Semaphore>,
    /// How this store's pool was opened, to open another like it ([`Store::with_own_connections`]);
    /// none for SQLite.
    reopen: Option<Reopen>,
}

/// A PostgreSQL pool's options, kept out of `Debug` output: the URL may hold a password.
#[derive(Clone)]
struct Reopen(Arc<ConnectOptions>);

impl std::fmt::Debug for Reopen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reopen(..)")
    }
}

impl Store {
    /// Connects without migrating, with the default pool: 4 connections to SQLite, 16 to
    /// PostgreSQL.
    pub async fn connect(url: &str) -> Result<Store, DbErr> {
        Store::connect_with(url, None).await
    }

    /// Connects with at most `connections` (at least 2, so that reports and writes each have
    /// one), or the default pool. SQLite files are created when missing, use WAL so readers
    /// never wait for the writer, and wait rather than fail when another writer holds the lock.
    pub async fn connect_with(url: &str, connections: Option<u32>) -> Result<Store, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(30));
        let default = if url.starts_with("sqlite:") { 4 } else { DEFAULT_POSTGRES_CONNECTIONS };
        let connections = connections.unwrap_or(default).max(2);
        options.max_connections(connections).min_connections(1);
        if url.starts_with("sqlite:") {
            options.map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(15))
            });
        }
        let reopen = (!url.starts_with("sqlite:")).then(|| Reopen(Arc::new(options.clone())));
        let db = Database::connect(options).await?;
        Ok(Store {
            db,
            callers: Arc::new(CallerCache::new(CallerCache::DEFAULT_TTL)),
            personal: None,
            frozen_policies: Arc::default(),
            report_streams: Arc::new(Semaphore::new(connections as usize / 2)),
            reopen,
        })
    }

    /// This store with a pool of its own, a quarter of this one's (at least 2), opened on the
    /// runtime that calls this and to be used from it only. A PostgreSQL connection's socket is
    /// watched by the runtime that opened it: used from another thread, each answer from the
    /// database waits until that runtime looks, behind whatever else it is doing. A thread that
    /// writes for everybody (the API's `writer_thread`) therefore holds connections of its own.
    /// Everything else (the caller cache, the frozen policies, the personal data key) is shared.
    /// A SQLite store is shared whole: its connections run on threads of their own, and an
    /// in-memory database exists only inside its one pool.
    pub async fn with_own_connections(&self) -> Result<Store, DbErr> {
        let Some(reopen) = &self.reopen else { return Ok(self.clone()) };
        let mut options = (*reopen.0).clone();
        let connections = options.get_max_connections().unwrap_or(DEFAULT_POSTGRES_CONNECTIONS);
        options.max_connections((connections / 4).max(2));
        // A writer runs the same few statements over and over, each with as many values as its
        // group has requests, so one statement per group size: keep them all prepared (the
        // default keeps 100, which groups of varying sizes outgrow, and each one dropped is
        // parsed again), and plan each once. They read and write rows by key, which one plan
        // serves for any values; PostgreSQL would plan each of the first five runs anew.
        options.map_sqlx_postgres_opts(|pg| {
            pg.statement_cache_capacity(WRITER_STATEMENTS).options([("plan_cache_mode", "force_generic_plan")])
        });
        Ok(Store { db: Database::connect(options).await?, ..self.clone() })
    }

    /// How long a verified caller is trusted without asking the database again. Changes made
    /// through this store forget the caller at once; other instances notice within this time.
    pub fn with_caller_ttl(mut self, ttl: Duration) -> Store {
        self.callers = Arc::new(CallerCache::new(ttl));
        self
    }

    /// The key that seals personal data written through this store.
    pub fn with_personal_data_key(mut self, key: PersonalDataKey) -> Store {
        self.personal = Some(Arc::new(key));
        self
    }

    pub(crate) fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.db, None).await
    }

    /// How many known migrations are not yet applied (readiness needs zero).
    pub async fn pending_migrations(&self) -> Result<usize, DbErr> {
        Ok(Migrator::get_pending_migrations(&self.db).await?.len())
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.db.ping().await
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.db.close().await
    }

    /// The write path: runs `work` in one write transaction on behalf of `ctx`, appends the
    /// audit events its commands recorded to the organisation's chain, and commits. A write that
    /// changed rows but recorded no event is rolled back and refused ([`StoreError::Unaudited`]);
    /// any error rolls everything back.
    pub async fn write<T>(
        &self,
        ctx: &AuditContext,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Tx::new(self.begin().await?, self, Some(ctx.scope), ctx.actor_id, ctx.request_id.clone());
        self.finish(tx, None, work).await
    }

    /// A write the code declares as not audited, for `reason`; see [`Exempt`].
    pub(crate) async fn write_exempt<T>(
        &self,
        reason: Exempt,
        request_id: Option<String>,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Tx::new(self.begin().await?, self, None, None, request_id);
        self.finish(tx, Some(reason), work).await
    }

    /// A region adopting Mitra: `work` starts by creating the organisation
    /// ([`crate::organisations::create`]), then acts for it - one transaction, one audited write.
    pub async fn adopt<T>(
        &self,
        request_id: Option<String>,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Tx::new(self.begin().await?, self, None, None, request_id);
        self.finish(tx, None, work).await
    }

    /// An audited write for an organisation and actor this crate established itself (a user who
    /// just proved their password).
    pub(crate) async fn write_as<T>(
        &self,
        scope: OrgScope,
        actor_id: Option<Uuid>,
        request_id: Option<String>,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = Tx::new(self.begin().await?, self, Some(scope), actor_id, request_id);
        self.finish(tx, None, work).await
    }

    async fn finish<T>(
        &self,
        mut tx: Tx,
        exempt: Option<Exempt>,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // On an error the transaction is dropped here, which rolls it back.
        let value = work(&mut tx).await?;
        if tx.events.is_empty() && tx.changed && exempt.is_none() {
            tx.txn.rollback().await?;
            return Err(StoreError::Unaudited);
        }
        // What the write left for its commit and the chain's append, at once (`at_once`).
        let mut at_commit = std::mem::take(&mut tx.at_commit);
        at_commit.extend(audit::appending(&tx.txn, &tx.events).await?);
        let checks: Vec<(u64, fn() -> StoreError)> =
            at_commit.iter().map(|made| (made.change.rows, made.otherwise)).collect();
        let touched = at_once::run(&tx.txn, at_commit.into_iter().map(|made| made.change).collect()).await?;
        if let Some((_, (_, otherwise))) = touched.iter().zip(&checks).find(|(rows, (expected, _))| *rows != expected) {
            return Err(otherwise());
        }
        tx.txn.commit().await?;
        self.callers.forget_changed(&tx.events);
        Ok(value)
    }

    /// Starts a write transaction. On SQLite it is IMMEDIATE: a deferred transaction that reads
    /// and then writes fails with "database is locked" when another writer got there first.
    /// On PostgreSQL, read-then-write code takes row locks inside it.
    async fn begin(&self) -> Result<DatabaseTransaction, DbErr> {
        let sqlite_transaction_mode = match self.db.get_database_backend() {
            DbBackend::Sqlite => Some(SqliteTransactionMode::Immediate),
            _ => None,
        };
        self.db.begin_with_options(TransactionOptions { sqlite_transaction_mode, ..Default::default() }).await
    }
}
