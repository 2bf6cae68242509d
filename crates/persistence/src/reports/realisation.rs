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

pub(super) fn realisation_query(backend: DbBackend, scope: OrgScope, filter: RealisationFilter) -> SelectStatement {
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
