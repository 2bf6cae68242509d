//! What anyone may read without signing in: an organisation's partners, agreements and what
//! was paid per outlet, year by year. The only way to the organisation's data here is through
//! these functions, whose rows carry nothing personal by construction - no NIK, no bank
//! account, no staff name, no document - only companies, outlets and money.

use chrono::NaiveDate;
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::MediaType;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, organisation, outlet, press_company};
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError};

/// An organisation as the public knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrganisation {
    pub slug: String,
    pub name: String,
}

/// An agreement as the public may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAgreement {
    pub number: String,
    pub state: AgreementState,
    /// The press company's registered name.
    pub company: String,
    pub outlet_id: uuid::Uuid,
    pub outlet: String,
    pub media_type: MediaType,
    pub tier: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    /// Paid under it, VAT included.
    pub paid: Rupiah,
}

/// Every organisation, by name: where the public page starts.
pub async fn organisations(store: &Store) -> Result<Vec<PublicOrganisation>, StoreError> {
    let rows =
        scope::select_global::<organisation::Entity>().order_by_asc(organisation::Column::Name).all(store.db()).await?;
    Ok(rows.into_iter().map(|row| PublicOrganisation { slug: row.slug, name: row.name }).collect())
}

/// The organisation of `slug` and the fiscal years it has agreements in, newest first.
pub async fn organisation(store: &Store, slug: &str) -> Result<(PublicOrganisation, Vec<i32>), StoreError> {
    let (scope, found) = find(store, slug).await?;
    let years: Vec<i32> = scope::select::<agreement::Entity>(scope)
        .filter(agreement::Column::State.ne(AgreementState::Draft.as_str()))
        .select_only()
        .column(agreement::Column::FiscalYear)
        .distinct()
        .order_by_desc(agreement::Column::FiscalYear)
        .into_tuple()
        .all(store.db())
        .await?;
    Ok((found, years))
}

/// The year's agreements (not drafts) of the organisation of `slug`, in number order.
pub async fn agreements(
    store: &Store,
    slug: &str,
    fiscal_year: FiscalYear,
) -> Result<(PublicOrganisation, Vec<PublicAgreement>), StoreError> {
    let (scope, found) = find(store, slug).await?;
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
        .expr_as(column(agreement::Column::Number), Alias::new("number"))
        .expr_as(column(agreement::Column::State), Alias::new("state"))
        .expr_as(Expr::col((press_company::Entity, press_company::Column::LegalName)), Alias::new("company"))
        .expr_as(column(agreement::Column::OutletId), Alias::new("outlet_id"))
        .expr_as(Expr::col((outlet::Entity, outlet::Column::Name)), Alias::new("outlet"))
        .expr_as(Expr::col((outlet::Entity, outlet::Column::MediaType)), Alias::new("media_type"))
        .expr_as(column(agreement::Column::Tier), Alias::new("tier"))
        .expr_as(column(agreement::Column::StartsOn), Alias::new("starts_on"))
        .expr_as(column(agreement::Column::EndsOn), Alias::new("ends_on"))
        .expr_as(column(agreement::Column::Ceiling), Alias::new("ceiling"))
        .expr_as(column(agreement::Column::Realised), Alias::new("paid"))
        .and_where(column(agreement::Column::OrganisationId).eq(scope.organisation_id()))
        .and_where(column(agreement::Column::FiscalYear).eq(fiscal_year.year()))
        .and_where(column(agreement::Column::State).ne(AgreementState::Draft.as_str()))
        .order_by((agreement::Entity, agreement::Column::Number), Order::Asc);
    let db = store.db();
    let rows = db.query_all(&query).await?;
    let agreements = rows
        .iter()
        .map(|row| {
            Ok(PublicAgreement {
                number: row.try_get("", "number")?,
                state: vocabulary(&row.try_get::<String>("", "state")?)?,
                company: row.try_get("", "company")?,
                outlet_id: row.try_get("", "outlet_id")?,
                outlet: row.try_get("", "outlet")?,
                media_type: vocabulary(&row.try_get::<String>("", "media_type")?)?,
                tier: row.try_get("", "tier")?,
                starts_on: row.try_get("", "starts_on")?,
                ends_on: row.try_get("", "ends_on")?,
                ceiling: rupiah(row.try_get("", "ceiling")?)?,
                paid: rupiah(row.try_get("", "paid")?)?,
            })
        })
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
    Ok((found, agreements))
}

/// The organisation a public address names; its scope never leaves this module.
async fn find(store: &Store, slug: &str) -> Result<(OrgScope, PublicOrganisation), StoreError> {
    let row = scope::select_global::<organisation::Entity>()
        .filter(organisation::Column::Slug.eq(slug))
        .one(store.db())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((OrgScope::of(row.id), PublicOrganisation { slug: row.slug, name: row.name }))
}
