//! Reports for auditors and the head of office, added up by the database from the records and
//! streamed: a report's rows travel from the database cursor to the client a few at a time, so a
//! report's size never decides the server's memory.
//!
//! Each report is one `SELECT` (the exceptions report one per class, run one after another) built with sea-query (portable between SQLite and PostgreSQL),
//! always filtered by the caller's organisation, run by a task that owns a clone of the
//! connection pool and hands rows over a bounded channel; a client that goes away closes the
//! channel, which ends the query.

mod agreements;
mod disclosure;
mod exceptions;
mod fairness;
mod orders;
mod owed;
mod realisation;

pub use agreements::{AgreementCeilingRow, agreements_against_ceilings};
pub use disclosure::{DisclosureRow, PaymentPeriod, disclosure};
pub use exceptions::{ExceptionFilter, ExceptionRow, exceptions};
pub use fairness::{ShareRow, shares};
pub use orders::{OrdersInStateRow, orders_by_state};
pub use owed::{OwedRow, owed};
pub use realisation::{RealisationFilter, RealisationRow, realisation};

use futures_util::{Stream, StreamExt};
use mitra_domain::policy::FiscalYear;
use sea_orm::sea_query::Values;
use sea_orm::sea_query::{Alias, Expr, Func, PostgresQueryBuilder, SelectStatement, SqliteQueryBuilder};
use sea_orm::sqlx::AssertSqlSafe;
use sea_orm::{DbBackend, DbErr, QueryResult, RuntimeErr, StreamTrait};
use sea_query_sqlx::SqlxValues;
use uuid::Uuid;

use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// A report as asked for, to print the statement it runs (`mitra volume sql`): what the
/// benchmark runs straight against the database to compare with the endpoint.
#[derive(Debug, Clone, Copy)]
pub enum ReportQuery {
    Realisation(RealisationFilter),
    Agreements(YearFilter),
    OrdersByState(YearFilter, chrono::NaiveDate),
    Owed(YearFilter, chrono::NaiveDate),
    Fairness(YearFilter, mitra_domain::reports::FairnessDimension),
    Disclosure(PaymentPeriod),
}

/// The SQL `report` runs for the organisation of `scope`, values written in.
pub fn sql(store: &Store, scope: OrgScope, report: ReportQuery) -> String {
    let backend = store.db().get_database_backend();
    let statement = match report {
        ReportQuery::Realisation(filter) => realisation::realisation_query(backend, scope, filter),
        ReportQuery::Agreements(filter) => agreements::agreements_against_ceilings_query(scope, filter),
        ReportQuery::OrdersByState(filter, today) => orders::orders_by_state_query(scope, filter, today),
        ReportQuery::Owed(filter, today) => owed::owed_query(scope, filter, today),
        ReportQuery::Fairness(filter, by) => fairness::shares_query(scope, filter, by),
        ReportQuery::Disclosure(period) => disclosure::disclosure_query(backend, scope, period),
    };
    match backend {
        DbBackend::Postgres => statement.to_string(PostgresQueryBuilder),
        _ => statement.to_string(SqliteQueryBuilder),
    }
}

/// Rows a report holds in memory between the database and the client.
const BUFFER: usize = 64;
/// A sum as a 64-bit integer on every database (PostgreSQL's `SUM` of integers is `numeric`),
/// zero when there was nothing to add.
fn bigint(sum: Expr) -> Expr {
    Func::cast_as(Func::coalesce([sum, Expr::val(0)]), Alias::new("BIGINT")).into()
}

/// Which agreements or orders a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFilter {
    pub fiscal_year: FiscalYear,
    /// Only those on the budget lines of this unit.
    pub unit_id: Option<Uuid>,
}

/// Runs `statement` in a task of its own and hands its rows, decoded, over a bounded channel.
/// The stream holds no borrow of `store`: it owns a clone of the pool. The task waits for one of
/// the store's report permits before it takes a connection, and keeps it until the rows end or
/// the client goes away: a report asked while half the pool is busy streaming waits its turn.
pub(crate) fn stream_rows<T, D>(
    store: &Store,
    statement: SelectStatement,
    decode: D,
) -> impl Stream<Item = Result<T, StoreError>> + Send + 'static + use<T, D>
where
    T: Send + 'static,
    D: Fn(&QueryResult) -> Result<T, DbErr> + Send + 'static,
{
    let (rows, receiver) = tokio::sync::mpsc::channel(BUFFER);
    let db = store.db().clone();
    let permits = store.report_streams.clone();
    tokio::spawn(async move {
        // The semaphore is never closed, so waiting for a permit cannot fail.
        let Ok(_permit) = permits.acquire_owned().await else { return };
        let built = db.get_database_backend().build(&statement);
        if db.get_database_backend() == DbBackend::Postgres {
            // An unnamed statement, which PostgreSQL plans for the values bound to it every time,
            // as it plans the same statement sent by hand. A report names one organisation of
            // many and one year: a plan cached for the values that came first (what a named,
            // cached statement gets after a few runs) can be far off for the next ones.
            let pool = db.get_postgres_connection_pool().clone();
            let values = built.values.unwrap_or(Values(Vec::new()));
            let query = sea_orm::sqlx::query_with(AssertSqlSafe(built.sql), SqlxValues(values)).persistent(false);
            let results = query
                .fetch(&pool)
                .map(|row| row.map(QueryResult::from).map_err(|err| DbErr::Query(RuntimeErr::SqlxError(err.into()))));
            forward(results, &rows, decode).await;
        } else {
            match db.stream_raw(built).await {
                Ok(results) => forward(results, &rows, decode).await,
                Err(err) => {
                    rows.send(Err(err.into())).await.ok();
                }
            }
        }
    });
    futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|row| (row, receiver)) },
    )
}

/// Hands `results` decoded over `rows` until they end, the first one that fails, or the reader
/// goes away.
async fn forward<T, D>(
    results: impl Stream<Item = Result<QueryResult, DbErr>>,
    rows: &tokio::sync::mpsc::Sender<Result<T, StoreError>>,
    decode: D,
) where
    D: Fn(&QueryResult) -> Result<T, DbErr>,
{
    let mut results = std::pin::pin!(results);
    while let Some(result) = results.next().await {
        let row = result.and_then(|row| decode(&row)).map_err(StoreError::from);
        let failed = row.is_err();
        // A closed channel: the client went away; stop reading.
        if rows.send(row).await.is_err() || failed {
            return;
        }
    }
}
