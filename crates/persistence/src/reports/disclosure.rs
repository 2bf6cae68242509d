//! The quarterly disclosure of what the public body paid each media owner per outlet, in the
//! manner of Austria's media transparency law (public body, media owner, outlet, period,
//! amount): by the date of the payment (SP2D), so a quarter holds what left the treasury in it.

use chrono::NaiveDate;
use futures_util::Stream;
use mitra_domain::money::Rupiah;
use mitra_domain::press::MediaType;
use sea_orm::DbBackend;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};

use super::{bigint, stream_rows};
use crate::columns::{rupiah, vocabulary};
use crate::entities::{budget_line, invoice_line, order, organisation, outlet, payment, press_company, unit};
use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// What one unit of the public body paid one media owner for one outlet in one quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureRow {
    /// `YYYY-Qn`.
    pub period: String,
    /// The organisation (the regional government).
    pub public_body: String,
    /// Its unit (OPD) whose budget line paid.
    pub unit: String,
    /// The press company, as registered.
    pub media_owner: String,
    pub outlet: String,
    pub media_type: MediaType,
    /// Paid, VAT included: what left the budget.
    pub amount: Rupiah,
}

/// Which payments a disclosure covers: those made from `from` up to, not including, `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentPeriod {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// The period's payments per quarter, unit, media owner and outlet, in that order.
pub fn disclosure(
    store: &Store,
    scope: OrgScope,
    period: PaymentPeriod,
) -> impl Stream<Item = Result<DisclosureRow, StoreError>> + Send + 'static {
    let query = disclosure_query(store.db().get_database_backend(), scope, period);
    stream_rows(store, query, |row| {
        Ok(DisclosureRow {
            period: row.try_get("", "period")?,
            public_body: row.try_get("", "public_body")?,
            unit: row.try_get("", "unit")?,
            media_owner: row.try_get("", "media_owner")?,
            outlet: row.try_get("", "outlet")?,
            media_type: vocabulary(&row.try_get::<String>("", "media_type")?)?,
            amount: rupiah(row.try_get("", "amount")?)?,
        })
    })
}

/// The statement [`disclosure`] runs: the period's paid lines added up by quarter, unit, company
/// and outlet first, then named - one name lookup per group, not per line (see
/// `realisation_query` for why).
pub(super) fn disclosure_query(backend: DbBackend, scope: OrgScope, period: PaymentPeriod) -> SelectStatement {
    let quarter = match backend {
        DbBackend::Postgres => Expr::cust("to_char(payments.sp2d_date, 'YYYY-\"Q\"Q')"),
        _ => Expr::cust(
            "SUBSTR(payments.sp2d_date, 1, 4) || '-Q' || ((CAST(SUBSTR(payments.sp2d_date, 6, 2) AS INTEGER) + 2) / 3)",
        ),
    };
    let ord = |column: order::Column| Expr::col((order::Entity, column));
    let mut paid = Query::select();
    paid.from(invoice_line::Entity)
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
            Expr::col((budget_line::Entity, budget_line::Column::Id))
                .equals((order::Entity, order::Column::BudgetLineId))
                .and(
                    Expr::col((budget_line::Entity, budget_line::Column::OrganisationId))
                        .equals((order::Entity, order::Column::OrganisationId)),
                ),
        )
        .expr_as(quarter.clone(), Alias::new("period"))
        .expr_as(Expr::col((invoice_line::Entity, invoice_line::Column::OrganisationId)), Alias::new("organisation_id"))
        .expr_as(Expr::col((budget_line::Entity, budget_line::Column::UnitId)), Alias::new("unit_id"))
        .expr_as(ord(order::Column::CompanyId), Alias::new("company_id"))
        .expr_as(ord(order::Column::OutletId), Alias::new("outlet_id"))
        .expr_as(
            bigint(Func::sum(Expr::col((invoice_line::Entity, invoice_line::Column::Gross))).into()),
            Alias::new("amount"),
        )
        .and_where(Expr::col((invoice_line::Entity, invoice_line::Column::OrganisationId)).eq(scope.organisation_id()))
        .and_where(Expr::col((payment::Entity, payment::Column::Sp2dDate)).gte(period.from))
        .and_where(Expr::col((payment::Entity, payment::Column::Sp2dDate)).lt(period.until))
        .add_group_by([
            quarter,
            Expr::col((invoice_line::Entity, invoice_line::Column::OrganisationId)),
            Expr::col((budget_line::Entity, budget_line::Column::UnitId)),
            ord(order::Column::CompanyId),
            ord(order::Column::OutletId),
        ]);

    let groups = Alias::new("paid");
    let group = |column: &str| Expr::col((groups.clone(), Alias::new(column)));
    let mut query = Query::select();
    query
        .from_subquery(paid, groups.clone())
        .inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id)).eq(group("organisation_id")),
        )
        .inner_join(unit::Entity, Expr::col((unit::Entity, unit::Column::Id)).eq(group("unit_id")))
        .inner_join(
            press_company::Entity,
            Expr::col((press_company::Entity, press_company::Column::Id)).eq(group("company_id")),
        )
        .inner_join(outlet::Entity, Expr::col((outlet::Entity, outlet::Column::Id)).eq(group("outlet_id")))
        .expr_as(group("period"), Alias::new("period"))
        .expr_as(Expr::col((organisation::Entity, organisation::Column::Name)), Alias::new("public_body"))
        .expr_as(Expr::col((unit::Entity, unit::Column::Name)), Alias::new("unit"))
        .expr_as(Expr::col((press_company::Entity, press_company::Column::LegalName)), Alias::new("media_owner"))
        .expr_as(Expr::col((outlet::Entity, outlet::Column::Name)), Alias::new("outlet"))
        .expr_as(Expr::col((outlet::Entity, outlet::Column::MediaType)), Alias::new("media_type"))
        .expr_as(group("amount"), Alias::new("amount"))
        .order_by_expr(group("period"), Order::Asc)
        .order_by((unit::Entity, unit::Column::Name), Order::Asc)
        .order_by((press_company::Entity, press_company::Column::LegalName), Order::Asc)
        .order_by((outlet::Entity, outlet::Column::Name), Order::Asc);
    query
}
