//! The year's agreements against their ceilings.

use futures_util::Stream;
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use uuid::Uuid;

use super::{YearFilter, stream_rows};
use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, budget_line, outlet, press_company};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

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
    let query = agreements_against_ceilings_query(scope, filter);
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

/// The statement [`agreements_against_ceilings`] runs.
pub(super) fn agreements_against_ceilings_query(scope: OrgScope, filter: YearFilter) -> SelectStatement {
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
    query
}
