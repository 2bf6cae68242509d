//! Open data: the organisation's publication settings, and what a fiscal year publishes - its
//! agreements past draft with their company, unit, lines, orders and what was paid on them -
//! read with one query per table, whatever the number of agreements.
//!
//! Only what may be public leaves this module: a company's legal name and tax number (NPWP), a
//! unit's code and name, amounts and dates. Never a person (newsroom staff, users) nor a bank
//! account.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::agreements::AgreementState;
use mitra_domain::audit::AuditAction;
use mitra_domain::open_data::OpenDataSettings;
use mitra_domain::orders::OrderState;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::columns::vocabulary;
use crate::entities::{
    agreement, agreement_line, budget_line, invoice_line, open_data_settings, order, payment, press_company, unit,
};
use crate::organisations::{self, OrganisationRecord};
use crate::scope::{self, OrgScope};
use crate::{Refusal, Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDataSettingsRecord {
    pub ocid_prefix: String,
    pub publisher_name: String,
    pub publisher_uri: Option<String>,
    pub license_url: String,
    pub publication_policy_url: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<open_data_settings::Model> for OpenDataSettingsRecord {
    fn from(row: open_data_settings::Model) -> Self {
        OpenDataSettingsRecord {
            ocid_prefix: row.ocid_prefix,
            publisher_name: row.publisher_name,
            publisher_uri: row.publisher_uri,
            license_url: row.license_url,
            publication_policy_url: row.publication_policy_url,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// Sets the organisation's open data settings: creates them the first time, replaces them after.
pub async fn set(tx: &mut Tx, settings: OpenDataSettings) -> Result<OpenDataSettingsRecord, StoreError> {
    let scope = tx.scope()?;
    let OpenDataSettings { ocid_prefix, publisher_name, publisher_uri, license_url, publication_policy_url } = settings;
    let now = Utc::now();
    let before = find_row(tx.conn(), scope).await?;
    let after = match &before {
        None => {
            tx.insert(open_data_settings::ActiveModel {
                organisation_id: Set(scope.organisation_id()),
                ocid_prefix: Set(ocid_prefix.into_inner()),
                publisher_name: Set(publisher_name.into_inner()),
                publisher_uri: Set(publisher_uri.map(|uri| uri.into_inner())),
                license_url: Set(license_url.into_inner()),
                publication_policy_url: Set(publication_policy_url.map(|uri| uri.into_inner())),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            })
            .await?
        }
        Some(before) => {
            let mut changed: open_data_settings::ActiveModel = before.clone().into();
            changed.ocid_prefix = Set(ocid_prefix.into_inner());
            changed.publisher_name = Set(publisher_name.into_inner());
            changed.publisher_uri = Set(publisher_uri.map(|uri| uri.into_inner()));
            changed.license_url = Set(license_url.into_inner());
            changed.publication_policy_url = Set(publication_policy_url.map(|uri| uri.into_inner()));
            tx.save(before, changed).await?
        }
    };
    tx.record(AuditAction::OpenDataSettingsUpdated, before.as_ref(), Some(&after))?;
    Ok(after.into())
}

/// The organisation's settings; not found until an administrator has set them.
pub async fn settings(store: &Store, scope: OrgScope) -> Result<OpenDataSettingsRecord, StoreError> {
    find_row(store.db(), scope).await?.map(OpenDataSettingsRecord::from).ok_or(StoreError::NotFound)
}

async fn find_row(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
) -> Result<Option<open_data_settings::Model>, StoreError> {
    Ok(scope::select::<open_data_settings::Entity>(scope).one(conn).await?)
}

/// What a fiscal year publishes.
#[derive(Debug, Clone)]
pub struct PublishedYear {
    pub organisation: OrganisationRecord,
    pub settings: OpenDataSettingsRecord,
    pub fiscal_year: i32,
    /// In the order they were drafted.
    pub agreements: Vec<PublishedAgreement>,
}

#[derive(Debug, Clone)]
pub struct PublishedAgreement {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub state: AgreementState,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Whole rupiah.
    pub ceiling: i64,
    pub activated_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub unit: PublishedUnit,
    pub company: PublishedCompany,
    pub lines: Vec<PublishedLine>,
    /// In the order they were issued.
    pub orders: Vec<PublishedOrder>,
    /// What each payment paid for this agreement's work, in the order they were made.
    pub payments: Vec<PublishedPayment>,
}

#[derive(Debug, Clone)]
pub struct PublishedUnit {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// A press company as published: its legal identity, nothing about its people or accounts.
#[derive(Debug, Clone)]
pub struct PublishedCompany {
    pub id: Uuid,
    pub legal_name: String,
    pub npwp: String,
}

#[derive(Debug, Clone)]
pub struct PublishedLine {
    pub position: i32,
    pub product: String,
    pub quota: i32,
    pub agreed_price: i64,
}

#[derive(Debug, Clone)]
pub struct PublishedOrder {
    pub id: Uuid,
    pub number: String,
    pub subject: String,
    pub product: String,
    pub quantity: i32,
    pub verified_quantity: Option<i32>,
    pub amount: i64,
    pub state: OrderState,
    pub due_until: NaiveDate,
    pub published_on: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct PublishedPayment {
    pub id: Uuid,
    pub sp2d_date: NaiveDate,
    /// The gross paid (SP2D, withholding included) for this agreement's invoiced lines.
    pub amount: i64,
    pub created_at: DateTime<Utc>,
}

/// What `fiscal_year` publishes; refused until the organisation has set its OCDS prefix.
pub async fn year(store: &Store, scope: OrgScope, fiscal_year: i32) -> Result<PublishedYear, StoreError> {
    let db = store.db();
    let settings = find_row(db, scope).await?.ok_or(StoreError::Refused(Refusal::OpenDataNotConfigured))?;
    let organisation = organisations::get(store, scope).await?;
    let agreement_rows = scope::select::<agreement::Entity>(scope)
        .filter(agreement::Column::FiscalYear.eq(fiscal_year))
        .filter(agreement::Column::State.ne(AgreementState::Draft.as_str()))
        .order_by_asc(agreement::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = agreement_rows.iter().map(|row| row.id).collect();
    let (lines, orders, invoice_lines) = if ids.is_empty() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        let lines = scope::select::<agreement_line::Entity>(scope)
            .filter(agreement_line::Column::AgreementId.is_in(ids.clone()))
            .order_by_asc(agreement_line::Column::Position)
            .all(db)
            .await?;
        let orders = scope::select::<order::Entity>(scope)
            .filter(order::Column::AgreementId.is_in(ids.clone()))
            .order_by_asc(order::Column::Id)
            .all(db)
            .await?;
        let invoice_lines = scope::select::<invoice_line::Entity>(scope)
            .filter(invoice_line::Column::AgreementId.is_in(ids.clone()))
            .all(db)
            .await?;
        (lines, orders, invoice_lines)
    };
    let payments: Vec<payment::Model> = {
        let mut invoices: Vec<Uuid> = invoice_lines.iter().map(|line| line.invoice_id).collect();
        invoices.sort_unstable();
        invoices.dedup();
        if invoices.is_empty() {
            Vec::new()
        } else {
            scope::select::<payment::Entity>(scope)
                .filter(payment::Column::InvoiceId.is_in(invoices))
                .order_by_asc(payment::Column::Id)
                .all(db)
                .await?
        }
    };
    let budget_lines: HashMap<Uuid, Uuid> =
        scope::by_id::<budget_line::Entity>(db, scope, agreement_rows.iter().map(|row| row.budget_line_id))
            .await?
            .into_iter()
            .map(|line| (line.id, line.unit_id))
            .collect();
    let units: HashMap<Uuid, unit::Model> = scope::by_id::<unit::Entity>(db, scope, budget_lines.values().copied())
        .await?
        .into_iter()
        .map(|unit| (unit.id, unit))
        .collect();
    let companies: HashMap<Uuid, press_company::Model> =
        scope::by_id::<press_company::Entity>(db, scope, agreement_rows.iter().map(|row| row.company_id))
            .await?
            .into_iter()
            .map(|company| (company.id, company))
            .collect();

    let mut lines_of: HashMap<Uuid, Vec<PublishedLine>> = HashMap::new();
    for line in lines {
        lines_of.entry(line.agreement_id).or_default().push(PublishedLine {
            position: line.position,
            product: line.product,
            quota: line.quota,
            agreed_price: line.agreed_price,
        });
    }
    let mut orders_of: HashMap<Uuid, Vec<PublishedOrder>> = HashMap::new();
    for row in orders {
        orders_of.entry(row.agreement_id).or_default().push(PublishedOrder {
            id: row.id,
            number: row.number,
            subject: row.subject,
            product: row.product,
            quantity: row.quantity,
            verified_quantity: row.verified_quantity,
            amount: row.amount,
            state: vocabulary(&row.state)?,
            due_until: row.due_until,
            published_on: row.published_on,
            updated_at: row.updated_at,
        });
    }
    // What each invoice asked of each agreement: a payment pays its invoice's gross, line by line.
    let mut invoiced: HashMap<Uuid, Vec<(Uuid, i64)>> = HashMap::new();
    for line in &invoice_lines {
        let shares = invoiced.entry(line.invoice_id).or_default();
        match shares.iter_mut().find(|(agreement, _)| *agreement == line.agreement_id) {
            Some((_, gross)) => *gross += line.gross,
            None => shares.push((line.agreement_id, line.gross)),
        }
    }
    let mut payments_of: HashMap<Uuid, Vec<PublishedPayment>> = HashMap::new();
    for row in payments {
        for (agreement, gross) in invoiced.get(&row.invoice_id).into_iter().flatten() {
            payments_of.entry(*agreement).or_default().push(PublishedPayment {
                id: row.id,
                sp2d_date: row.sp2d_date,
                amount: *gross,
                created_at: row.created_at,
            });
        }
    }

    let mut agreements = Vec::with_capacity(agreement_rows.len());
    for row in agreement_rows {
        let unit =
            budget_lines.get(&row.budget_line_id).and_then(|unit| units.get(unit)).ok_or(StoreError::NotFound)?;
        let company = companies.get(&row.company_id).ok_or(StoreError::NotFound)?;
        agreements.push(PublishedAgreement {
            id: row.id,
            state: vocabulary(&row.state)?,
            number: row.number,
            title: row.title,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            ceiling: row.ceiling,
            activated_at: row.activated_at,
            updated_at: row.updated_at,
            unit: PublishedUnit { id: unit.id, code: unit.code.clone(), name: unit.name.clone() },
            company: PublishedCompany {
                id: company.id,
                legal_name: company.legal_name.clone(),
                npwp: company.npwp.clone(),
            },
            lines: lines_of.remove(&row.id).unwrap_or_default(),
            orders: orders_of.remove(&row.id).unwrap_or_default(),
            payments: payments_of.remove(&row.id).unwrap_or_default(),
        });
    }
    Ok(PublishedYear { organisation, settings: settings.into(), fiscal_year, agreements })
}
