//! The year's orders per state, with their ages.

use chrono::NaiveDate;
use futures_util::{FutureExt, Stream, StreamExt};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};

use super::{YearFilter, stream_rows};
use crate::columns::{rupiah, vocabulary};
use crate::entities::{budget_line, order};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

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
    let query = orders_by_state_query(scope, filter, today);
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

/// The statement [`orders_by_state`] runs.
pub(super) fn orders_by_state_query(scope: OrgScope, filter: YearFilter, today: NaiveDate) -> SelectStatement {
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
    query
}
