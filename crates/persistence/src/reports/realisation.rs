//! What was paid, added up by outlet, company, month, budget line or unit.

use futures_util::Stream;
use mitra_domain::money::Rupiah;
use mitra_domain::reports::RealisationDimension;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{DbBackend, DbErr, QueryResult};
use uuid::Uuid;

use super::stream_rows;
use crate::columns::rupiah;
use crate::entities::{budget_line, invoice_line, order, outlet, payment, press_company, unit};
use crate::scope::OrgScope;
use crate::{Store, StoreError};
use mitra_domain::policy::FiscalYear;

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

/// The statement [`realisation`] runs. The paid lines are added up by the group's key first and
/// named after, so the tables of names join one row per group, not one per paid line: the
/// database cannot foresee how many of one organisation's lines are paid (it reckons a handful
/// where there are thousands), and a name join planned for a handful scanned every outlet once
/// per line as soon as the other organisations held more.
pub(super) fn realisation_query(backend: DbBackend, scope: OrgScope, filter: RealisationFilter) -> SelectStatement {
    let line = |column: invoice_line::Column| Expr::col((invoice_line::Entity, column));
    let ord = |column: order::Column| Expr::col((order::Entity, column));
    let budget = |column: budget_line::Column| Expr::col((budget_line::Entity, column));
    let sum = |column: invoice_line::Column| {
        Func::cast_as(Func::coalesce([Expr::from(Func::sum(line(column))), Expr::val(0)]), Alias::new("BIGINT"))
    };
    let key: Expr = match filter.by {
        RealisationDimension::Outlet => ord(order::Column::OutletId),
        RealisationDimension::Company => ord(order::Column::CompanyId),
        // `YYYY-MM` of the SP2D date, written out rather than bound, so that PostgreSQL sees the
        // grouped and the selected expression as one; `to_char`, because a date cast to text
        // follows the server's DateStyle.
        RealisationDimension::Month => match backend {
            DbBackend::Postgres => Expr::cust("to_char(payments.sp2d_date, 'YYYY-MM')"),
            _ => Expr::cust("SUBSTR(payments.sp2d_date, 1, 7)"),
        },
        RealisationDimension::BudgetLine => ord(order::Column::BudgetLineId),
        RealisationDimension::Unit => budget(budget_line::Column::UnitId),
    };
    let mut paid = Query::select();
    paid.from(invoice_line::Entity)
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
        .expr_as(key.clone(), Alias::new("key"))
        .expr_as(Func::count_distinct(line(invoice_line::Column::OrderId)), Alias::new("orders"))
        .expr_as(sum(invoice_line::Column::Amount), Alias::new("amount"))
        .expr_as(sum(invoice_line::Column::Vat), Alias::new("vat"))
        .expr_as(sum(invoice_line::Column::Gross), Alias::new("realised"))
        .and_where(line(invoice_line::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(ord(order::Column::FiscalYear).eq(filter.fiscal_year.year()))
        .add_group_by([key]);
    if let Some(unit_id) = filter.unit_id {
        paid.and_where(budget(budget_line::Column::UnitId).eq(unit_id));
    }

    let groups = Alias::new("paid");
    let group = |column: &str| Expr::col((groups.clone(), Alias::new(column)));
    let mut query = Query::select();
    query.from_subquery(paid, groups.clone());
    let (code, label): (Expr, Expr) = match filter.by {
        RealisationDimension::Outlet => {
            query.inner_join(outlet::Entity, Expr::col((outlet::Entity, outlet::Column::Id)).eq(group("key")));
            (Expr::val(Option::<String>::None), Expr::col((outlet::Entity, outlet::Column::Name)))
        }
        RealisationDimension::Company => {
            query.inner_join(
                press_company::Entity,
                Expr::col((press_company::Entity, press_company::Column::Id)).eq(group("key")),
            );
            (Expr::val(Option::<String>::None), Expr::col((press_company::Entity, press_company::Column::LegalName)))
        }
        RealisationDimension::Month => (Expr::val(Option::<String>::None), group("key")),
        RealisationDimension::BudgetLine => {
            query.inner_join(budget_line::Entity, budget(budget_line::Column::Id).eq(group("key")));
            (budget(budget_line::Column::AccountCode), budget(budget_line::Column::Name))
        }
        RealisationDimension::Unit => {
            query.inner_join(unit::Entity, Expr::col((unit::Entity, unit::Column::Id)).eq(group("key")));
            (Expr::col((unit::Entity, unit::Column::Code)), Expr::col((unit::Entity, unit::Column::Name)))
        }
    };
    query
        .expr_as(group("key"), Alias::new("key"))
        .expr_as(code, Alias::new("code"))
        .expr_as(label.clone(), Alias::new("label"))
        .expr_as(group("orders"), Alias::new("orders"))
        .expr_as(group("amount"), Alias::new("amount"))
        .expr_as(group("vat"), Alias::new("vat"))
        .expr_as(group("realised"), Alias::new("realised"))
        .order_by_expr(group("realised"), Order::Desc)
        .order_by_expr(label, Order::Asc);
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
