//! How the year's spending is spread over the partners: each outlet's (or tier's) share of
//! what was paid, from which the caller computes the top-10 share and the Gini coefficient.

use futures_util::Stream;
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::reports::FairnessDimension;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};

use super::{YearFilter, bigint, stream_rows};
use crate::columns::rupiah;
use crate::entities::{agreement, budget_line, outlet, press_company};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// One outlet's (or tier's) part of the year's spending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRow {
    /// The outlet's id, or the tier's code.
    pub key: String,
    /// The outlet's name, or the tier's code.
    pub label: String,
    /// The outlet's company; none for a tier.
    pub company: Option<String>,
    /// Outlets in the group (1 for an outlet).
    pub outlets: i64,
    pub agreements: i64,
    /// What the agreements allowed.
    pub ceiling: Rupiah,
    /// What was paid under them.
    pub realised: Rupiah,
    /// What was paid to every group of the report: the denominator of a share.
    pub year_realised: Rupiah,
}

/// The year's agreements (not drafts) grouped by outlet or tier, largest realisation first.
/// An outlet with an agreement and nothing paid is a row with zero: fairness is about who was
/// let in and then left out, too.
pub fn shares(
    store: &Store,
    scope: OrgScope,
    filter: YearFilter,
    by: FairnessDimension,
) -> impl Stream<Item = Result<ShareRow, StoreError>> + Send + 'static {
    let query = shares_query(scope, filter, by);
    stream_rows(store, query, move |row| {
        let key = match by {
            FairnessDimension::Outlet => row.try_get::<uuid::Uuid>("", "key")?.to_string(),
            FairnessDimension::Tier => row.try_get::<String>("", "key")?,
        };
        Ok(ShareRow {
            key,
            label: row.try_get("", "label")?,
            company: row.try_get("", "company")?,
            outlets: row.try_get("", "outlets")?,
            agreements: row.try_get("", "agreements")?,
            ceiling: rupiah(row.try_get("", "ceiling")?)?,
            realised: rupiah(row.try_get("", "realised")?)?,
            year_realised: rupiah(row.try_get("", "year_realised")?)?,
        })
    })
}

/// The statement [`shares`] runs.
pub(super) fn shares_query(scope: OrgScope, filter: YearFilter, by: FairnessDimension) -> SelectStatement {
    let column = |column: agreement::Column| Expr::col((agreement::Entity, column));
    let realised = || Func::sum(column(agreement::Column::Realised));
    let (key, label, company) = match by {
        FairnessDimension::Outlet => (
            column(agreement::Column::OutletId),
            Expr::col((outlet::Entity, outlet::Column::Name)),
            Expr::col((press_company::Entity, press_company::Column::LegalName)),
        ),
        FairnessDimension::Tier => {
            (column(agreement::Column::Tier), column(agreement::Column::Tier), Expr::val(Option::<String>::None))
        }
    };
    let mut query = Query::select();
    query
        .from(agreement::Entity)
        .inner_join(
            outlet::Entity,
            Expr::col((outlet::Entity, outlet::Column::Id)).equals((agreement::Entity, agreement::Column::OutletId)),
        )
        .inner_join(
            press_company::Entity,
            Expr::col((press_company::Entity, press_company::Column::Id))
                .equals((agreement::Entity, agreement::Column::CompanyId)),
        )
        .expr_as(key.clone(), Alias::new("key"))
        .expr_as(Func::max(label.clone()), Alias::new("label"))
        .expr_as(Func::max(company), Alias::new("company"))
        .expr_as(Func::count_distinct(column(agreement::Column::OutletId)), Alias::new("outlets"))
        .expr_as(Func::count(column(agreement::Column::Id)), Alias::new("agreements"))
        .expr_as(bigint(Func::sum(column(agreement::Column::Ceiling)).into()), Alias::new("ceiling"))
        .expr_as(bigint(realised().into()), Alias::new("realised"))
        // The sum over every group, on each row: a share is known when its row arrives.
        .expr_as(bigint(Expr::cust("SUM(SUM(agreements.realised)) OVER ()")), Alias::new("year_realised"))
        .and_where(column(agreement::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(column(agreement::Column::FiscalYear).eq(filter.fiscal_year.year()))
        .and_where(column(agreement::Column::State).ne(AgreementState::Draft.as_str()))
        .add_group_by([key])
        .order_by_expr(realised().into(), Order::Desc)
        .order_by_expr(Func::max(label).into(), Order::Asc);
    if let Some(unit_id) = filter.unit_id {
        query.inner_join(
            budget_line::Entity,
            Expr::col((budget_line::Entity, budget_line::Column::Id))
                .equals((agreement::Entity, agreement::Column::BudgetLineId)),
        );
        query.and_where(Expr::col((budget_line::Entity, budget_line::Column::UnitId)).eq(unit_id));
    }
    query
}
