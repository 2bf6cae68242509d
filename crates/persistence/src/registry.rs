//! The press registry: companies, outlets, newsroom people, Press Council records and bank
//! accounts of an organisation.

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::eligibility::{Facts, Standing};
use mitra_domain::identity::{Email, FullName};
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use mitra_domain::registry::{
    CompanyProfile, CompanyStatus, NewBankAccount, NewPerson, NewsroomRole, OutletProfile, OutletScale, Periodicity,
    PersonDetails, PressCouncilCheck, StatusDecision, holder_is,
};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::calendar::jakarta_today as today;
use crate::columns::{contains, stored, vocabulary, whole};
use crate::entities::{bank_account, newsroom_person, outlet, press_company, press_council_record};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Refusal, Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRecord {
    pub id: Uuid,
    pub profile: CompanyProfile,
    pub status: CompanyStatus,
    pub status_reason: Option<String>,
    pub status_since: NaiveDate,
    /// The newest Press Council record's standing (`none` before any).
    pub press_council_status: PressCouncilStatus,
    pub press_council_valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<press_company::Model> for CompanyRecord {
    type Error = DbErr;

    fn try_from(row: press_company::Model) -> Result<Self, DbErr> {
        let invalid = |err: mitra_domain::Violation| DbErr::Type(err.to_string());
        Ok(CompanyRecord {
            id: row.id,
            profile: CompanyProfile {
                legal_name: row.legal_name,
                legal_form: vocabulary::<LegalForm>(&row.legal_form)?,
                deed_number: row.deed_number,
                deed_date: row.deed_date,
                ahu_number: row.ahu_number,
                ahu_date: row.ahu_date,
                nib: row.nib,
                npwp: mitra_domain::registry::Npwp::parse(&row.npwp).map_err(invalid)?,
                vat_registered_since: row.vat_registered_since,
                address: row.address,
                phone: row.phone,
                email: row.email.map(|email| Email::parse(&email)).transpose().map_err(invalid)?,
                website: row.website,
                staff_count: row.staff_count.and_then(|n| u32::try_from(n).ok()),
                paid_up_capital: row
                    .paid_up_capital
                    .map(mitra_domain::money::Rupiah::new)
                    .transpose()
                    .map_err(invalid)?,
                local_office: row.local_office,
                association: row.association,
            },
            status: vocabulary(&row.status)?,
            status_reason: row.status_reason,
            status_since: row.status_since,
            press_council_status: vocabulary(&row.press_council_status)?,
            press_council_valid_until: row.press_council_valid_until,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn company_row(profile: CompanyProfile) -> press_company::ActiveModel {
    press_company::ActiveModel {
        legal_name: Set(profile.legal_name),
        legal_form: Set(profile.legal_form.as_str().to_owned()),
        deed_number: Set(profile.deed_number),
        deed_date: Set(profile.deed_date),
        ahu_number: Set(profile.ahu_number),
        ahu_date: Set(profile.ahu_date),
        nib: Set(profile.nib),
        npwp: Set(profile.npwp.as_str().to_owned()),
        vat_registered: Set(profile.vat_registered_since.is_some()),
        vat_registered_since: Set(profile.vat_registered_since),
        address: Set(profile.address),
        phone: Set(profile.phone),
        email: Set(profile.email.map(Email::into_inner)),
        website: Set(profile.website),
        staff_count: Set(profile.staff_count.and_then(|n| i32::try_from(n).ok())),
        paid_up_capital: Set(profile.paid_up_capital.map(|capital| capital.amount())),
        local_office: Set(profile.local_office),
        association: Set(profile.association),
        ..Default::default()
    }
}

pub async fn create_company(tx: &mut Tx, profile: CompanyProfile) -> Result<CompanyRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(press_company::ActiveModel {
            id: Set(Uuid::now_v7()),
            status: Set(CompanyStatus::Active.as_str().to_owned()),
            status_reason: Set(None),
            status_since: Set(today()),
            press_council_status: Set(PressCouncilStatus::None.as_str().to_owned()),
            press_council_valid_until: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..company_row(profile)
        })
        .await?;
    tx.record(AuditAction::PressCompanyCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Replaces a company's profile if it is still at `expected_version`.
pub async fn update_company(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    profile: CompanyProfile,
) -> Result<CompanyRecord, StoreError> {
    let before = find_company(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let after = tx.save(&before, press_company::ActiveModel { id: Set(id), ..company_row(profile) }).await?;
    tx.record(AuditAction::PressCompanyUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// Suspends, bars or reinstates a company, with the decision's reason and date.
pub async fn decide_status(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    decision: StatusDecision,
) -> Result<CompanyRecord, StoreError> {
    let before = find_company(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = press_company::ActiveModel {
        id: Set(id),
        status: Set(decision.status.as_str().to_owned()),
        status_reason: Set(decision.reason),
        status_since: Set(today()),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::PressCompanyStatusDecided, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get_company(store: &Store, scope: OrgScope, id: Uuid) -> Result<CompanyRecord, StoreError> {
    company_on(store.db(), scope, id).await
}

pub(crate) async fn company_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<CompanyRecord, StoreError> {
    Ok(find_company(conn, scope, id).await?.try_into()?)
}

/// Which companies to list; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFilter {
    /// Part of the legal name, any case.
    pub name: Option<String>,
    pub status: Option<CompanyStatus>,
    /// Companies with at least one outlet of this type.
    pub media_type: Option<MediaType>,
    pub press_council_status: Option<PressCouncilStatus>,
}

/// Companies in registration order; the cursor is the last one's id (UUIDv7, time-ordered).
pub async fn list_companies(
    store: &Store,
    scope: OrgScope,
    filter: &CompanyFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<CompanyRecord, Uuid>, StoreError> {
    let mut query = scope::select::<press_company::Entity>(scope);
    if let Some(name) = filter.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        query = query.filter(contains(press_company::Column::LegalName, name));
    }
    if let Some(status) = filter.status {
        query = query.filter(press_company::Column::Status.eq(status.as_str()));
    }
    if let Some(standing) = filter.press_council_status {
        query = query.filter(press_company::Column::PressCouncilStatus.eq(standing.as_str()));
    }
    if let Some(media_type) = filter.media_type {
        let with_outlet = Query::select()
            .column(outlet::Column::CompanyId)
            .from(outlet::Entity)
            .and_where(outlet::Column::OrganisationId.eq(scope.organisation_id()))
            .and_where(outlet::Column::MediaType.eq(media_type.as_str()))
            .to_owned();
        query = query.filter(press_company::Column::Id.in_subquery(with_outlet));
    }
    if let Some(after) = page.after {
        query = query.filter(press_company::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(press_company::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(CompanyRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &CompanyRecord| record.id))
}

async fn find_company(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<press_company::Model, StoreError> {
    scope::find::<press_company::Entity>(conn, scope, id).await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletRecord {
    pub id: Uuid,
    pub profile: OutletProfile,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<outlet::Model> for OutletRecord {
    type Error = DbErr;

    fn try_from(row: outlet::Model) -> Result<Self, DbErr> {
        Ok(OutletRecord {
            id: row.id,
            profile: OutletProfile {
                company_id: row.company_id,
                media_type: vocabulary(&row.media_type)?,
                name: row.name,
                url: row.url,
                frequency: row.frequency,
                scale: vocabulary::<OutletScale>(&row.scale)?,
                first_published: row.first_published,
                periodicity: vocabulary::<Periodicity>(&row.periodicity)?,
                circulation: whole(row.circulation),
                monthly_visitors: whole(row.monthly_visitors),
                claims_evidence: row.claims_evidence,
                broadcast_licence: row.broadcast_licence,
                broadcast_licence_until: row.broadcast_licence_until,
            },
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn outlet_row(profile: OutletProfile) -> outlet::ActiveModel {
    outlet::ActiveModel {
        company_id: Set(profile.company_id),
        media_type: Set(profile.media_type.as_str().to_owned()),
        name: Set(profile.name),
        url: Set(profile.url),
        frequency: Set(profile.frequency),
        scale: Set(profile.scale.as_str().to_owned()),
        first_published: Set(profile.first_published),
        periodicity: Set(profile.periodicity.as_str().to_owned()),
        circulation: Set(stored(profile.circulation)),
        monthly_visitors: Set(stored(profile.monthly_visitors)),
        claims_evidence: Set(profile.claims_evidence),
        broadcast_licence: Set(profile.broadcast_licence),
        broadcast_licence_until: Set(profile.broadcast_licence_until),
        ..Default::default()
    }
}

pub async fn create_outlet(tx: &mut Tx, profile: OutletProfile) -> Result<OutletRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(outlet::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..outlet_row(profile)
        })
        .await?;
    tx.record(AuditAction::OutletCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Replaces an outlet's profile (it may move to another of the organisation's companies).
pub async fn update_outlet(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    profile: OutletProfile,
) -> Result<OutletRecord, StoreError> {
    let before = find_outlet(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let after = tx.save(&before, outlet::ActiveModel { id: Set(id), ..outlet_row(profile) }).await?;
    tx.record(AuditAction::OutletUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get_outlet(store: &Store, scope: OrgScope, id: Uuid) -> Result<OutletRecord, StoreError> {
    outlet_on(store.db(), scope, id).await
}

pub(crate) async fn outlet_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<OutletRecord, StoreError> {
    Ok(find_outlet(conn, scope, id).await?.try_into()?)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutletFilter {
    pub company_id: Option<Uuid>,
    pub media_type: Option<MediaType>,
    /// Part of the outlet's name, any case.
    pub name: Option<String>,
}

pub async fn list_outlets(
    store: &Store,
    scope: OrgScope,
    filter: &OutletFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<OutletRecord, Uuid>, StoreError> {
    let mut query = scope::select::<outlet::Entity>(scope);
    if let Some(company_id) = filter.company_id {
        query = query.filter(outlet::Column::CompanyId.eq(company_id));
    }
    if let Some(media_type) = filter.media_type {
        query = query.filter(outlet::Column::MediaType.eq(media_type.as_str()));
    }
    if let Some(name) = filter.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        query = query.filter(contains(outlet::Column::Name, name));
    }
    if let Some(after) = page.after {
        query = query.filter(outlet::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(outlet::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(OutletRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &OutletRecord| record.id))
}

async fn find_outlet(conn: &impl ConnectionTrait, scope: OrgScope, id: Uuid) -> Result<outlet::Model, StoreError> {
    scope::find::<outlet::Entity>(conn, scope, id).await
}

/// A person of a newsroom as the API shows them: the NIK only by its last four digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: FiscalYear,
    pub nik_last_four: String,
    pub details: PersonDetails,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<newsroom_person::Model> for PersonRecord {
    type Error = DbErr;

    fn try_from(row: newsroom_person::Model) -> Result<Self, DbErr> {
        let invalid = |err: mitra_domain::Violation| DbErr::Type(err.to_string());
        let competence = match row.competence_level {
            None => None,
            Some(level) => Some(mitra_domain::registry::Competence {
                level: vocabulary::<CompetenceLevel>(&level)?,
                certificate: row.competence_certificate,
                certified_on: row.competence_date,
            }),
        };
        Ok(PersonRecord {
            id: row.id,
            company_id: row.company_id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(invalid)?,
            nik_last_four: row.nik_last_four,
            details: PersonDetails {
                full_name: FullName::parse(&row.full_name).map_err(invalid)?,
                role: vocabulary::<NewsroomRole>(&row.role)?,
                competence,
            },
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn person_details(details: PersonDetails) -> newsroom_person::ActiveModel {
    let (level, certificate, date) = match details.competence {
        Some(competence) => {
            (Some(competence.level.as_str().to_owned()), competence.certificate, competence.certified_on)
        }
        None => (None, None, None),
    };
    newsroom_person::ActiveModel {
        full_name: Set(details.full_name.into_inner()),
        role: Set(details.role.as_str().to_owned()),
        competence_level: Set(level),
        competence_certificate: Set(certificate),
        competence_date: Set(date),
        ..Default::default()
    }
}

/// Records a person for a company's fiscal year, their NIK sealed; the same NIK twice in one
/// year is refused ([`crate::Conflict::PersonAlreadyRecorded`]).
pub async fn create_person(tx: &mut Tx, person: NewPerson) -> Result<PersonRecord, StoreError> {
    let sealed = tx.personal_data_key()?.seal(&person.nik).map_err(|_| DbErr::Custom("sealing a NIK failed".into()))?;
    let now = Utc::now();
    let row = tx
        .insert(newsroom_person::ActiveModel {
            id: Set(Uuid::now_v7()),
            company_id: Set(person.company_id),
            fiscal_year: Set(person.fiscal_year.year()),
            nik_sealed: Set(sealed.sealed),
            nik_lookup: Set(sealed.lookup),
            nik_last_four: Set(sealed.last_four),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..person_details(person.details)
        })
        .await?;
    tx.record(AuditAction::PersonCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

pub async fn update_person(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    details: PersonDetails,
) -> Result<PersonRecord, StoreError> {
    let before = find_person(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let after = tx.save(&before, newsroom_person::ActiveModel { id: Set(id), ..person_details(details) }).await?;
    tx.record(AuditAction::PersonUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get_person(store: &Store, scope: OrgScope, id: Uuid) -> Result<PersonRecord, StoreError> {
    Ok(find_person(store.db(), scope, id).await?.try_into()?)
}

/// A company's newsroom, optionally for one fiscal year, in recording order.
pub async fn list_people(
    store: &Store,
    scope: OrgScope,
    company_id: Uuid,
    fiscal_year: Option<FiscalYear>,
    page: PageRequest<Uuid>,
) -> Result<Page<PersonRecord, Uuid>, StoreError> {
    find_company(store.db(), scope, company_id).await?;
    let mut query =
        scope::select::<newsroom_person::Entity>(scope).filter(newsroom_person::Column::CompanyId.eq(company_id));
    if let Some(year) = fiscal_year {
        query = query.filter(newsroom_person::Column::FiscalYear.eq(year.year()));
    }
    if let Some(after) = page.after {
        query = query.filter(newsroom_person::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(newsroom_person::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(PersonRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &PersonRecord| record.id))
}

async fn find_person(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<newsroom_person::Model, StoreError> {
    scope::find::<newsroom_person::Entity>(conn, scope, id).await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PressCouncilRecord {
    pub id: Uuid,
    pub company_id: Uuid,
    pub check: PressCouncilCheck,
    pub checked_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<press_council_record::Model> for PressCouncilRecord {
    type Error = DbErr;

    fn try_from(row: press_council_record::Model) -> Result<Self, DbErr> {
        Ok(PressCouncilRecord {
            id: row.id,
            company_id: row.company_id,
            check: PressCouncilCheck {
                status: vocabulary(&row.status)?,
                certificate_number: row.certificate_number,
                certificate_date: row.certificate_date,
                valid_until: row.valid_until,
                checked_on: row.checked_on,
                evidence: row.evidence,
            },
            checked_by: row.checked_by,
            created_at: row.created_at,
        })
    }
}

/// Records what the Press Council's records said of a company, by whom, and makes the newest
/// check the company's standing.
pub async fn record_press_council(
    tx: &mut Tx,
    company_id: Uuid,
    check: PressCouncilCheck,
) -> Result<PressCouncilRecord, StoreError> {
    let company = find_company(tx.conn(), tx.scope()?, company_id).await?;
    let row = tx
        .insert(press_council_record::ActiveModel {
            id: Set(Uuid::now_v7()),
            company_id: Set(company_id),
            status: Set(check.status.as_str().to_owned()),
            certificate_number: Set(check.certificate_number),
            certificate_date: Set(check.certificate_date),
            valid_until: Set(check.valid_until),
            checked_on: Set(check.checked_on),
            checked_by: Set(tx.actor_id()),
            evidence: Set(check.evidence),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::PressCouncilRecorded, None, Some(&row))?;
    let newest = scope::select::<press_council_record::Entity>(tx.scope()?)
        .filter(press_council_record::Column::CompanyId.eq(company_id))
        .order_by_desc(press_council_record::Column::CheckedOn)
        .order_by_desc(press_council_record::Column::Id)
        .one(tx.conn())
        .await?
        .unwrap_or_else(|| row.clone());
    let standing = press_company::ActiveModel {
        id: Set(company_id),
        press_council_status: Set(newest.status),
        press_council_valid_until: Set(newest.valid_until),
        ..Default::default()
    };
    let after = tx.save(&company, standing).await?;
    tx.record(AuditAction::PressCompanyUpdated, Some(&company), Some(&after))?;
    Ok(row.try_into()?)
}

/// A company's Press Council records, newest check first.
pub async fn list_press_council_records(
    store: &Store,
    scope: OrgScope,
    company_id: Uuid,
) -> Result<Vec<PressCouncilRecord>, StoreError> {
    find_company(store.db(), scope, company_id).await?;
    let rows = scope::select::<press_council_record::Entity>(scope)
        .filter(press_council_record::Column::CompanyId.eq(company_id))
        .order_by_desc(press_council_record::Column::CheckedOn)
        .order_by_desc(press_council_record::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(PressCouncilRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccountRecord {
    pub id: Uuid,
    pub account: NewBankAccount,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<bank_account::Model> for BankAccountRecord {
    fn from(row: bank_account::Model) -> Self {
        BankAccountRecord {
            id: row.id,
            account: NewBankAccount {
                company_id: row.company_id,
                bank_name: row.bank_name,
                account_number: row.account_number,
                holder_name: row.holder_name,
            },
            verified_at: row.verified_at,
            verified_by: row.verified_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

pub async fn create_bank_account(tx: &mut Tx, account: NewBankAccount) -> Result<BankAccountRecord, StoreError> {
    find_company(tx.conn(), tx.scope()?, account.company_id).await?;
    let now = Utc::now();
    let row = tx
        .insert(bank_account::ActiveModel {
            id: Set(Uuid::now_v7()),
            company_id: Set(account.company_id),
            bank_name: Set(account.bank_name),
            account_number: Set(account.account_number),
            holder_name: Set(account.holder_name),
            verified_at: Set(None),
            verified_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::BankAccountCreated, None, Some(&row))?;
    Ok(row.into())
}

/// Verifies an account: only one in the company's legal name can be paid into.
pub async fn verify_bank_account(tx: &mut Tx, id: Uuid) -> Result<BankAccountRecord, StoreError> {
    let scope = tx.scope()?;
    let before = scope::find::<bank_account::Entity>(tx.conn(), scope, id).await?;
    let company = find_company(tx.conn(), scope, before.company_id).await?;
    if !holder_is(&company.legal_name, &before.holder_name) {
        return Err(StoreError::Refused(Refusal::HolderIsNotTheCompany));
    }
    if before.verified_at.is_some() {
        return Ok(before.into());
    }
    let changed = bank_account::ActiveModel {
        id: Set(id),
        verified_at: Set(Some(Utc::now())),
        verified_by: Set(tx.actor_id()),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::BankAccountVerified, Some(&before), Some(&after))?;
    Ok(after.into())
}

/// A company's bank accounts, in recording order.
pub async fn list_bank_accounts(
    store: &Store,
    scope: OrgScope,
    company_id: Uuid,
) -> Result<Vec<BankAccountRecord>, StoreError> {
    find_company(store.db(), scope, company_id).await?;
    let rows = scope::select::<bank_account::Entity>(scope)
        .filter(bank_account::Column::CompanyId.eq(company_id))
        .order_by_asc(bank_account::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(BankAccountRecord::from).collect())
}

/// What the registry knows of an outlet and its company on `on`, with its newsroom of
/// `fiscal_year`, for eligibility rules.
pub async fn facts(
    store: &Store,
    scope: OrgScope,
    outlet_id: Uuid,
    fiscal_year: FiscalYear,
    on: NaiveDate,
) -> Result<Facts, StoreError> {
    facts_on(store.db(), scope, outlet_id, fiscal_year, on).await
}

/// [`facts`] read on `conn`: inside a write, they are the facts the write's decision sees.
pub(crate) async fn facts_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    outlet_id: Uuid,
    fiscal_year: FiscalYear,
    on: NaiveDate,
) -> Result<Facts, StoreError> {
    let outlet = outlet_on(conn, scope, outlet_id).await?;
    let company = company_on(conn, scope, outlet.profile.company_id).await?;
    let editor = scope::select::<newsroom_person::Entity>(scope)
        .filter(newsroom_person::Column::CompanyId.eq(company.id))
        .filter(newsroom_person::Column::FiscalYear.eq(fiscal_year.year()))
        .filter(newsroom_person::Column::Role.eq(NewsroomRole::EditorInChief.as_str()))
        .order_by_desc(newsroom_person::Column::Id)
        .one(conn)
        .await?
        .map(PersonRecord::try_from)
        .transpose()?;
    let standing = match company.press_council_status {
        PressCouncilStatus::None => None,
        status => Some(Standing { value: status, valid_until: company.press_council_valid_until }),
    };
    let profile = company.profile;
    Ok(Facts {
        media_type: outlet.profile.media_type,
        legal_form: profile.legal_form,
        press_council: standing,
        editor_competence: editor.and_then(|person| person.details.competence.map(|c| c.level)),
        staff: profile.staff_count,
        first_published: outlet.profile.first_published,
        paid_up_capital: profile.paid_up_capital,
        broadcast_licence: outlet
            .profile
            .broadcast_licence
            .map(|number| Standing { value: number, valid_until: outlet.profile.broadcast_licence_until }),
        local_office: profile.local_office,
        association: profile.association,
        on,
    })
}
