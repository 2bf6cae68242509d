//! What an official letter shows, gathered from the caller's organisation only: the agreement
//! (*perjanjian kerja sama*) or the order (*surat pesanan*) with its parties and the letterhead.
//! Laying the letter out is the API's.

use mitra_domain::policy::Product;
use uuid::Uuid;

use crate::agreements::{self, AgreementView};
use crate::letterheads::{self, LetterheadRecord};
use crate::orders::{self, OrderView};
use crate::registry::{self, CompanyRecord, OutletRecord};
use crate::scope::OrgScope;
use crate::{Store, StoreError, organisations, policy};

/// The issuing side of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub organisation_name: String,
    pub letterhead: LetterheadRecord,
}

/// The press company a letter is addressed to, with the outlet concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterparty {
    pub company: CompanyRecord,
    pub outlet: OutletRecord,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementLetter {
    pub issuer: Issuer,
    pub agreement: AgreementView,
    pub counterparty: Counterparty,
    /// The products of the policy the agreement was priced by: their names and units.
    pub products: Vec<Product>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLetter {
    pub issuer: Issuer,
    pub order: OrderView,
    /// The agreement the order is placed under.
    pub agreement: AgreementView,
    pub counterparty: Counterparty,
    pub products: Vec<Product>,
}

async fn issuer(store: &Store, scope: OrgScope) -> Result<Issuer, StoreError> {
    let organisation = organisations::get(store, scope).await?;
    let letterhead = letterheads::get(store, scope).await?;
    Ok(Issuer { organisation_name: organisation.name, letterhead })
}

async fn counterparty(store: &Store, scope: OrgScope, company: Uuid, outlet: Uuid) -> Result<Counterparty, StoreError> {
    let company = registry::get_company(store, scope, company).await?;
    let outlet = registry::get_outlet(store, scope, outlet).await?;
    Ok(Counterparty { company, outlet })
}

async fn products(store: &Store, scope: OrgScope, policy_version: Uuid) -> Result<Vec<Product>, StoreError> {
    Ok(policy::get_version(store, scope, policy_version).await?.policy.products)
}

/// The agreement's letter; not found when the agreement is another organisation's.
pub async fn agreement(store: &Store, scope: OrgScope, id: Uuid) -> Result<AgreementLetter, StoreError> {
    let agreement = agreements::get(store, scope, id).await?;
    let counterparty =
        counterparty(store, scope, agreement.agreement.company_id, agreement.agreement.outlet_id).await?;
    let products = products(store, scope, agreement.agreement.policy_version_id).await?;
    Ok(AgreementLetter { issuer: issuer(store, scope).await?, agreement, counterparty, products })
}

/// The order's letter; not found when the order is another organisation's.
pub async fn order(store: &Store, scope: OrgScope, id: Uuid) -> Result<OrderLetter, StoreError> {
    let order = orders::get(store, scope, id).await?;
    let agreement = agreements::get(store, scope, order.order.agreement_id).await?;
    let counterparty = counterparty(store, scope, order.order.company_id, order.order.outlet_id).await?;
    let products = products(store, scope, agreement.agreement.policy_version_id).await?;
    Ok(OrderLetter { issuer: issuer(store, scope).await?, order, agreement, counterparty, products })
}
