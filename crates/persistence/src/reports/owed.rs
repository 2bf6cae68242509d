//! What is owed to each company - orders published and not yet paid - with how long it has
//! been waiting.

use chrono::NaiveDate;
use futures_util::Stream;
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use uuid::Uuid;

use super::{YearFilter, bigint, stream_rows};
use crate::columns::rupiah;
use crate::entities::{budget_line, invoice_line, order, press_company};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// What one company is owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedRow {
    pub company_id: Uuid,
    pub company: String,
    /// Published and not yet paid.
    pub orders: i64,
    /// The invoice line's gross for a billed order; verified (else ordered) quantity x unit
    /// price for one not billed yet - the same rule as `GET /finance/owed`.
    pub amount: Rupiah,
    /// When the longest-waiting order was published.
    pub oldest_since: Option<NaiveDate>,
    /// The amount waiting at most 30 days; 31 to 60; 61 to 90; longer.
    pub aged: [Rupiah; 4],
}

/// The year's owed orders per company, largest amount first, aged on `today` from the day of
/// publication (the day of issue for an order recorded without one).
pub fn owed(
    store: &Store,
    scope: OrgScope,
    filter: YearFilter,
    today: NaiveDate,
) -> impl Stream<Item = Result<OwedRow, StoreError>> + Send + 'static {
    let query = owed_query(scope, filter, today);
    stream_rows(store, query, |row| {
        Ok(OwedRow {
            company_id: row.try_get("", "company_id")?,
            company: row.try_get("", "company")?,
            orders: row.try_get("", "orders")?,
            amount: rupiah(row.try_get("", "amount")?)?,
            oldest_since: row.try_get("", "oldest")?,
            aged: [
                rupiah(row.try_get("", "aged_30")?)?,
                rupiah(row.try_get("", "aged_60")?)?,
                rupiah(row.try_get("", "aged_90")?)?,
                rupiah(row.try_get("", "aged_older")?)?,
            ],
        })
    })
}

/// The statement [`owed`] runs.
pub(super) fn owed_query(scope: OrgScope, filter: YearFilter, today: NaiveDate) -> SelectStatement {
    let ord = |column: order::Column| Expr::col((order::Entity, column));
    let since = Func::coalesce([ord(order::Column::PublishedOn), ord(order::Column::IssuedOn)]);
    let owed = Expr::from(Func::coalesce([
        Expr::col((invoice_line::Entity, invoice_line::Column::Gross)),
        Expr::from(Func::coalesce([ord(order::Column::VerifiedQuantity), ord(order::Column::Quantity)]))
            .mul(ord(order::Column::UnitPrice)),
    ]));
    let waiting_since = |days: i64| Expr::from(since.clone()).gte(today - chrono::Duration::days(days));
    let owed_if = |condition: Expr| bigint(Func::sum(Expr::case(condition, owed.clone()).finally(0)).into());
    let mut query = Query::select();
    query
        .from(order::Entity)
        .inner_join(
            press_company::Entity,
            Expr::col((press_company::Entity, press_company::Column::Id))
                .equals((order::Entity, order::Column::CompanyId)),
        )
        // At most one line per order: an invoice is never taken back, only accepted and paid.
        .left_join(
            invoice_line::Entity,
            Expr::col((invoice_line::Entity, invoice_line::Column::OrderId))
                .equals((order::Entity, order::Column::Id))
                .and(
                    Expr::col((invoice_line::Entity, invoice_line::Column::OrganisationId))
                        .equals((order::Entity, order::Column::OrganisationId)),
                ),
        )
        .expr_as(ord(order::Column::CompanyId), Alias::new("company_id"))
        .expr_as(Func::max(Expr::col((press_company::Entity, press_company::Column::LegalName))), Alias::new("company"))
        .expr_as(Func::count(ord(order::Column::Id)), Alias::new("orders"))
        .expr_as(bigint(Func::sum(owed.clone()).into()), Alias::new("amount"))
        .expr_as(Func::min(since.clone()), Alias::new("oldest"))
        .expr_as(owed_if(waiting_since(30)), Alias::new("aged_30"))
        .expr_as(owed_if(waiting_since(60).and(waiting_since(30).not())), Alias::new("aged_60"))
        .expr_as(owed_if(waiting_since(90).and(waiting_since(60).not())), Alias::new("aged_90"))
        .expr_as(owed_if(waiting_since(90).not()), Alias::new("aged_older"))
        .and_where(ord(order::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(ord(order::Column::FiscalYear).eq(filter.fiscal_year.year()))
        .and_where(ord(order::Column::State).is_in(OrderState::OWED.iter().map(|state| state.as_str())))
        .add_group_by([ord(order::Column::CompanyId)])
        .order_by_expr(Func::sum(owed).into(), Order::Desc)
        .order_by_expr(
            Func::max(Expr::col((press_company::Entity, press_company::Column::LegalName))).into(),
            Order::Asc,
        );
    if let Some(unit_id) = filter.unit_id {
        query.inner_join(
            budget_line::Entity,
            Expr::col((budget_line::Entity, budget_line::Column::Id))
                .equals((order::Entity, order::Column::BudgetLineId)),
        );
        query.and_where(Expr::col((budget_line::Entity, budget_line::Column::UnitId)).eq(unit_id));
    }
    query
}
