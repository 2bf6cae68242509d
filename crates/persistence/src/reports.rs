//! Reports for auditors and the head of office, added up by the database from the records and
//! streamed: a report's rows travel from the database cursor to the client a few at a time, so a
//! report's size never decides the server's memory.
//!
//! Each report is one `SELECT` built with sea-query (portable between SQLite and PostgreSQL),
//! always filtered by the caller's organisation, run by a task that owns a clone of the
//! connection pool and hands rows over a bounded channel; a client that goes away closes the
//! channel, which ends the query.

use chrono::NaiveDate;
use futures_util::{FutureExt, Stream, StreamExt};
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::RealisationDimension;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{DbBackend, DbErr, QueryResult, StreamTrait};
use uuid::Uuid;

use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, budget_line, invoice_line, order, outlet, payment, press_company, unit};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// Rows a report holds in memory between the database and the client.
const BUFFER: usize = 64;

/// One group of a realisation report: what was paid for the orders in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealisationRow {
    /// The id of the outlet, company, budget line or unit; the month (`YYYY-MM`) by month.
    pub key: String,
    /// The account code of a budget line, the code of a unit.
    pub code: Option<String>,
    /// The name a person recognises it by.
    pub label: String,
    /// Paid orders in the group.
    pub orders: i64,
    /// Verified quantity x unit price, before VAT on top.
    pub amount: Rupiah,
    pub vat: Rupiah,
    /// What left the budget: amount plus VAT on top (the budget line's `realised`).
    pub realised: Rupiah,
}

/// Which payments a realisation report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealisationFilter {
    pub fiscal_year: FiscalYear,
    /// Only the budget lines of this unit.
    pub unit_id: Option<Uuid>,
    pub by: RealisationDimension,
}

/// Realisation (paid invoice lines) of a fiscal year, grouped by `filter.by`, largest first.
pub fn realisation(
    store: &Store,
    scope: OrgScope,
    filter: RealisationFilter,
) -> impl Stream<Item = Result<RealisationRow, StoreError>> + Send + 'static {
    let statement = realisation_query(store.db().get_database_backend(), scope, filter);
    let by = filter.by;
    stream_rows(store, statement, move |row| decode_realisation(row, by))
}

fn realisation_query(backend: DbBackend, scope: OrgScope, filter: RealisationFilter) -> SelectStatement {
    let line = |column: invoice_line::Column| Expr::col((invoice_line::Entity, column));
    let ord = |column: order::Column| Expr::col((order::Entity, column));
    let budget = |column: budget_line::Column| Expr::col((budget_line::Entity, column));
    let sum = |column: invoice_line::Column| {
        Func::cast_as(Func::coalesce([Expr::from(Func::sum(line(column))), Expr::val(0)]), Alias::new("BIGINT"))
    };
    let mut query = Query::select();
    query
        .from(invoice_line::Entity)
        // Paid: its invoice has its (one) payment.
        .inner_join(
            payment::Entity,
            Expr::col((payment::Entity, payment::Column::InvoiceId))
                .equals((invoice_line::Entity, invoice_line::Column::InvoiceId))
                .and(
                    Expr::col((payment::Entity, payment::Column::OrganisationId))
                        .equals((invoice_line::Entity, invoice_line::Column::OrganisationId)),
                ),
        )
        .inner_join(
            order::Entity,
            ord(order::Column::Id).equals((invoice_line::Entity, invoice_line::Column::OrderId)).and(
                ord(order::Column::OrganisationId).equals((invoice_line::Entity, invoice_line::Column::OrganisationId)),
            ),
        )
        .inner_join(
            budget_line::Entity,
            budget(budget_line::Column::Id).equals((order::Entity, order::Column::BudgetLineId)).and(
                budget(budget_line::Column::OrganisationId).equals((order::Entity, order::Column::OrganisationId)),
            ),
        )
        .and_where(line(invoice_line::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(ord(order::Column::FiscalYear).eq(filter.fiscal_year.year()));
    if let Some(unit_id) = filter.unit_id {
        query.and_where(budget(budget_line::Column::UnitId).eq(unit_id));
    }
    let (key, code, label): (Expr, Expr, Expr) = match filter.by {
        RealisationDimension::Outlet => {
            query.inner_join(
                outlet::Entity,
                Expr::col((outlet::Entity, outlet::Column::Id)).equals((order::Entity, order::Column::OutletId)),
            );
            (
                ord(order::Column::OutletId),
                Expr::val(Option::<String>::None),
                Expr::col((outlet::Entity, outlet::Column::Name)),
            )
        }
        RealisationDimension::Company => {
            query.inner_join(
                press_company::Entity,
                Expr::col((press_company::Entity, press_company::Column::Id))
                    .equals((order::Entity, order::Column::CompanyId)),
            );
            (
                ord(order::Column::CompanyId),
                Expr::val(Option::<String>::None),
                Expr::col((press_company::Entity, press_company::Column::LegalName)),
            )
        }
        RealisationDimension::Month => {
            // `YYYY-MM` of the SP2D date, written out rather than bound, so that PostgreSQL sees the
            // grouped and the selected expression as one; `to_char`, because a date cast to text
            // follows the server's DateStyle.
            let month = match backend {
                DbBackend::Postgres => Expr::cust("to_char(payments.sp2d_date, 'YYYY-MM')"),
                _ => Expr::cust("SUBSTR(payments.sp2d_date, 1, 7)"),
            };
            (month.clone(), Expr::val(Option::<String>::None), month)
        }
        RealisationDimension::BudgetLine => (
            ord(order::Column::BudgetLineId),
            budget(budget_line::Column::AccountCode),
            budget(budget_line::Column::Name),
        ),
        RealisationDimension::Unit => {
            query.inner_join(
                unit::Entity,
                Expr::col((unit::Entity, unit::Column::Id)).equals((budget_line::Entity, budget_line::Column::UnitId)),
            );
            (
                budget(budget_line::Column::UnitId),
                Expr::col((unit::Entity, unit::Column::Code)),
                Expr::col((unit::Entity, unit::Column::Name)),
            )
        }
    };
    query
        .expr_as(key.clone(), Alias::new("key"))
        .expr_as(Func::max(code.clone()), Alias::new("code"))
        .expr_as(Func::max(label.clone()), Alias::new("label"))
        .expr_as(Func::count_distinct(line(invoice_line::Column::OrderId)), Alias::new("orders"))
        .expr_as(sum(invoice_line::Column::Amount), Alias::new("amount"))
        .expr_as(sum(invoice_line::Column::Vat), Alias::new("vat"))
        .expr_as(sum(invoice_line::Column::Gross), Alias::new("realised"))
        .add_group_by([key])
        .order_by_expr(Func::sum(line(invoice_line::Column::Gross)).into(), Order::Desc)
        .order_by_expr(Func::max(label).into(), Order::Asc);
    query
}

fn decode_realisation(row: &QueryResult, by: RealisationDimension) -> Result<RealisationRow, DbErr> {
    let key = match by {
        RealisationDimension::Month => row.try_get::<String>("", "key")?,
        _ => row.try_get::<Uuid>("", "key")?.to_string(),
    };
    Ok(RealisationRow {
        key,
        code: row.try_get::<Option<String>>("", "code")?,
        label: row.try_get::<Option<String>>("", "label")?.unwrap_or_default(),
        orders: row.try_get::<i64>("", "orders")?,
        amount: rupiah(row.try_get::<i64>("", "amount")?)?,
        vat: rupiah(row.try_get::<i64>("", "vat")?)?,
        realised: rupiah(row.try_get::<i64>("", "realised")?)?,
    })
}

/// Which agreements or orders a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFilter {
    pub fiscal_year: FiscalYear,
    /// Only those on the budget lines of this unit.
    pub unit_id: Option<Uuid>,
}

/// An agreement against its ceiling: what its open orders hold and what was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementCeilingRow {
    pub agreement_id: Uuid,
    pub number: String,
    pub state: AgreementState,
    pub company: String,
    pub outlet: String,
    pub budget_line_code: String,
    pub ceiling: Rupiah,
    pub committed: Rupiah,
    pub realised: Rupiah,
    /// Ceiling less committed and realised: what orders may still take.
    pub remaining: Rupiah,
}

/// The year's agreements (drafts are not agreements yet) in number order, each against its
/// ceiling; the counters are the ones the order and payment commands move.
pub fn agreements_against_ceilings(
    store: &Store,
    scope: OrgScope,
    filter: YearFilter,
) -> impl Stream<Item = Result<AgreementCeilingRow, StoreError>> + Send + 'static {
    let column = |column: agreement::Column| Expr::col((agreement::Entity, column));
    let mut query = Query::select();
    query
        .from(agreement::Entity)
        .inner_join(
            press_company::Entity,
            Expr::col((press_company::Entity, press_company::Column::Id))
                .equals((agreement::Entity, agreement::Column::CompanyId)),
        )
        .inner_join(
            outlet::Entity,
            Expr::col((outlet::Entity, outlet::Column::Id)).equals((agreement::Entity, agreement::Column::OutletId)),
        )
        .inner_join(
            budget_line::Entity,
            Expr::col((budget_line::Entity, budget_line::Column::Id))
                .equals((agreement::Entity, agreement::Column::BudgetLineId)),
        )
        .expr_as(column(agreement::Column::Id), Alias::new("agreement_id"))
        .expr_as(column(agreement::Column::Number), Alias::new("number"))
        .expr_as(column(agreement::Column::State), Alias::new("state"))
        .expr_as(Expr::col((press_company::Entity, press_company::Column::LegalName)), Alias::new("company"))
        .expr_as(Expr::col((outlet::Entity, outlet::Column::Name)), Alias::new("outlet"))
        .expr_as(Expr::col((budget_line::Entity, budget_line::Column::AccountCode)), Alias::new("budget_line_code"))
        .expr_as(column(agreement::Column::Ceiling), Alias::new("ceiling"))
        .expr_as(column(agreement::Column::Committed), Alias::new("committed"))
        .expr_as(column(agreement::Column::Realised), Alias::new("realised"))
        .and_where(column(agreement::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(column(agreement::Column::FiscalYear).eq(filter.fiscal_year.year()))
        .and_where(column(agreement::Column::State).ne(AgreementState::Draft.as_str()))
        .order_by((agreement::Entity, agreement::Column::Number), Order::Asc);
    if let Some(unit_id) = filter.unit_id {
        query.and_where(Expr::col((budget_line::Entity, budget_line::Column::UnitId)).eq(unit_id));
    }
    stream_rows(store, query, |row| {
        let (ceiling, committed, realised) = (
            row.try_get::<i64>("", "ceiling")?,
            row.try_get::<i64>("", "committed")?,
            row.try_get::<i64>("", "realised")?,
        );
        Ok(AgreementCeilingRow {
            agreement_id: row.try_get("", "agreement_id")?,
            number: row.try_get("", "number")?,
            state: vocabulary(&row.try_get::<String>("", "state")?)?,
            company: row.try_get("", "company")?,
            outlet: row.try_get("", "outlet")?,
            budget_line_code: row.try_get("", "budget_line_code")?,
            ceiling: rupiah(ceiling)?,
            committed: rupiah(committed)?,
            realised: rupiah(realised)?,
            remaining: rupiah(ceiling - committed - realised)?,
        })
    })
}

/// The orders of a year in one state, with how long ago they were issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersInStateRow {
    pub state: OrderState,
    pub orders: i64,
    pub amount: Rupiah,
    pub oldest_issued_on: Option<NaiveDate>,
    /// Issued at most 30 days ago; 31 to 60; 61 to 90; longer ago.
    pub aged: [i64; 4],
}

/// The year's orders per state, in the order of their life, with their ages on `today`.
pub fn orders_by_state(
    store: &Store,
    scope: OrgScope,
    filter: YearFilter,
    today: NaiveDate,
) -> impl Stream<Item = Result<OrdersInStateRow, StoreError>> + Send + 'static {
    let column = |column: order::Column| Expr::col((order::Entity, column));
    let issued_since = |days: i64| column(order::Column::IssuedOn).gte(today - chrono::Duration::days(days));
    let count_if = |condition: Expr| Func::sum(Expr::case(condition, 1).finally(0));
    let mut query = Query::select();
    query
        .from(order::Entity)
        .expr_as(column(order::Column::State), Alias::new("state"))
        .expr_as(Func::count(column(order::Column::Id)), Alias::new("orders"))
        .expr_as(
            Func::cast_as(
                Func::coalesce([Expr::from(Func::sum(column(order::Column::Amount))), Expr::val(0)]),
                Alias::new("BIGINT"),
            ),
            Alias::new("amount"),
        )
        .expr_as(Func::min(column(order::Column::IssuedOn)), Alias::new("oldest"))
        .expr_as(Func::cast_as(count_if(issued_since(30)), Alias::new("BIGINT")), Alias::new("aged_30"))
        .expr_as(
            Func::cast_as(count_if(issued_since(60).and(issued_since(30).not())), Alias::new("BIGINT")),
            Alias::new("aged_60"),
        )
        .expr_as(
            Func::cast_as(count_if(issued_since(90).and(issued_since(60).not())), Alias::new("BIGINT")),
            Alias::new("aged_90"),
        )
        .expr_as(Func::cast_as(count_if(issued_since(90).not()), Alias::new("BIGINT")), Alias::new("aged_older"))
        .and_where(column(order::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(column(order::Column::FiscalYear).eq(filter.fiscal_year.year()))
        .add_group_by([column(order::Column::State)]);
    if let Some(unit_id) = filter.unit_id {
        query.inner_join(
            budget_line::Entity,
            Expr::col((budget_line::Entity, budget_line::Column::Id))
                .equals((order::Entity, order::Column::BudgetLineId)),
        );
        query.and_where(Expr::col((budget_line::Entity, budget_line::Column::UnitId)).eq(unit_id));
    }
    let rows = stream_rows(store, query, |row| {
        Ok(OrdersInStateRow {
            state: vocabulary(&row.try_get::<String>("", "state")?)?,
            orders: row.try_get("", "orders")?,
            amount: rupiah(row.try_get("", "amount")?)?,
            oldest_issued_on: row.try_get("", "oldest")?,
            aged: [
                row.try_get("", "aged_30")?,
                row.try_get("", "aged_60")?,
                row.try_get("", "aged_90")?,
                row.try_get("", "aged_older")?,
            ],
        })
    });
    // At most one row per state: put them in the order of an order's life.
    rows.collect::<Vec<_>>()
        .map(|mut states| {
            states.sort_by_key(|row| {
                row.as_ref().map_or(0, |row| OrderState::ALL.iter().position(|s| *s == row.state).unwrap_or(0))
            });
            futures_util::stream::iter(states)
        })
        .flatten_stream()
}

/// Runs `statement` in a task of its own and hands its rows, decoded, over a bounded channel.
fn stream_rows<T: Send + 'static>(
    store: &Store,
    statement: SelectStatement,
    decode: impl Fn(&QueryResult) -> Result<T, DbErr> + Send + 'static,
) -> impl Stream<Item = Result<T, StoreError>> + Send + 'static {
    let (rows, receiver) = tokio::sync::mpsc::channel(BUFFER);
    let db = store.db().clone();
    tokio::spawn(async move {
        let built = db.get_database_backend().build(&statement);
        let mut results = match db.stream_raw(built).await {
            Ok(results) => results,
            Err(err) => {
                rows.send(Err(err.into())).await.ok();
                return;
            }
        };
        while let Some(result) = results.next().await {
            let row = result.and_then(|row| decode(&row)).map_err(StoreError::from);
            let failed = row.is_err();
            // A closed channel: the client went away; stop reading.
            if rows.send(row).await.is_err() || failed {
                return;
            }
        }
    });
    futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|row| (row, receiver)) },
    )
}
