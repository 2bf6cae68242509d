use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use uuid::Uuid;

use crate::migration::Migrator;

/// The organisation a request acts for. Only the API's authentication builds one from a verified
/// token (and the command line from an explicit choice); every query of organisation data takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgScope {
    organisation_id: Uuid,
}

impl OrgScope {
    pub fn new(organisation_id: Uuid) -> Self {
        Self { organisation_id }
    }

    pub fn organisation_id(&self) -> Uuid {
        self.organisation_id
    }
}

/// Who is changing something, for whom, and in which request: what every audit event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditContext {
    pub scope: OrgScope,
    pub actor_id: Option<Uuid>,
    pub request_id: Option<String>,
}

/// The database behind Mitra: SQLite (embedded default) or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Connects without migrating. SQLite files are created when missing, use WAL so readers
    /// never wait for the writer, and wait rather than fail when another writer holds the lock.
    pub async fn connect(url: &str) -> Result<Store, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(30));
        if url.starts_with("sqlite:") {
            options.max_connections(4).min_connections(1).map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(15))
            });
        } else {
            options.max_connections(16).min_connections(1);
        }
        let db = Database::connect(options).await?;
        Ok(Store { db })
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
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

    /// Starts a write transaction. On SQLite it is IMMEDIATE: a deferred transaction that reads
    /// and then writes fails with "database is locked" when another writer got there first.
    /// On PostgreSQL, read-then-write code takes row locks (`lock_exclusive`) inside it.
    pub async fn write(&self) -> Result<DatabaseTransaction, DbErr> {
        let sqlite_transaction_mode = match self.backend() {
            DbBackend::Sqlite => Some(SqliteTransactionMode::Immediate),
            _ => None,
        };
        self.db.begin_with_options(TransactionOptions { sqlite_transaction_mode, ..Default::default() }).await
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.db.close().await
    }
}
