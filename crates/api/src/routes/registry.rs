//! The press registry: press companies and their status, outlets, newsroom people (NIK shown by
//! its last four digits only), Press Council checks and bank accounts, and an outlet's
//! eligibility under the policy in force.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mitra_domain::eligibility::{self, Evaluation};
use mitra_domain::identity::{Email, FullName};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use mitra_domain::registry::{
    self, CompanyProfile, CompanyStatus, Competence, LegalName, LongText, NewBankAccount, NewPerson, NewsroomRole, Nik,
    Npwp, OutletName, OutletProfile, OutletScale, Periodicity, PersonDetails, PressCouncilCheck, ShortText,
    StatusDecision,
};
use mitra_domain::{TextRule, Violation, Violations};
use mitra_persistence::policy;
use mitra_persistence::registry::{
    self as store, BankAccountRecord, CompanyFilter, CompanyRecord, OutletFilter, OutletRecord, PersonRecord,
    PressCouncilRecord,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::{FilterText, nullable_text, text};
use mitra_persistence::calendar::jakarta_today;

/// Optional text ruled by `T`: blank is none.
fn optional<T: TextRule>(raw: Option<String>, what: &str) -> Result<Option<String>, Violation> {
    match raw.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(value) => registry::text::<T>(value, what).map(Some),
    }
}

fn created_or_ok(created: bool) -> actix_web::HttpResponseBuilder {
    if created { HttpResponse::Created() } else { HttpResponse::Ok() }
}

/// A press company (*perusahaan pers*).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PressCompany)]
pub struct CompanyView {
    pub id: Uuid,
    pub legal_name: String,
    pub legal_form: LegalForm,
    #[schema(required = true)]
    pub deed_number: Option<String>,
    #[schema(required = true)]
    pub deed_date: Option<NaiveDate>,
    #[schema(required = true)]
    pub ahu_number: Option<String>,
    #[schema(required = true)]
    pub ahu_date: Option<NaiveDate>,
    #[schema(required = true)]
    pub nib: Option<String>,
    /// The 16 digits.
    #[schema(example = "0012345678912000")]
    pub npwp: String,
    /// The old printed form where there is one (`01.234.567.8-912.000`).
    pub npwp_printed: String,
    /// VAT-registered (PKP) since this date; null when not registered.
    #[schema(required = true)]
    pub vat_registered_since: Option<NaiveDate>,
    #[schema(required = true)]
    pub address: Option<String>,
    #[schema(required = true)]
    pub phone: Option<String>,
    #[schema(required = true)]
    pub email: Option<String>,
    #[schema(required = true)]
    pub website: Option<String>,
    #[schema(required = true)]
    pub staff_count: Option<u32>,
    #[schema(required = true)]
    pub paid_up_capital: Option<Rupiah>,
    #[schema(required = true)]
    pub local_office: Option<bool>,
    /// The Press Council constituent it belongs to; empty: none; null: not recorded.
    #[schema(required = true)]
    pub association: Option<String>,
    pub status: CompanyStatus,
    #[schema(required = true)]
    pub status_reason: Option<String>,
    pub status_since: NaiveDate,
    /// The newest Press Council check's standing.
    pub press_council_status: PressCouncilStatus,
    #[schema(required = true)]
    pub press_council_valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<CompanyRecord> for CompanyView {
    fn from(record: CompanyRecord) -> Self {
        let profile = record.profile;
        CompanyView {
            id: record.id,
            legal_name: profile.legal_name,
            legal_form: profile.legal_form,
            deed_number: profile.deed_number,
            deed_date: profile.deed_date,
            ahu_number: profile.ahu_number,
            ahu_date: profile.ahu_date,
            nib: profile.nib,
            npwp_printed: profile.npwp.printed(),
            npwp: profile.npwp.as_str().to_owned(),
            vat_registered_since: profile.vat_registered_since,
            address: profile.address,
            phone: profile.phone,
            email: profile.email.map(Email::into_inner),
            website: profile.website,
            staff_count: profile.staff_count,
            paid_up_capital: profile.paid_up_capital,
            local_office: profile.local_office,
            association: profile.association,
            status: record.status,
            status_reason: record.status_reason,
            status_since: record.status_since,
            press_council_status: record.press_council_status,
            press_council_valid_until: record.press_council_valid_until,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// A company's profile; an update replaces every field.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyRequest {
    #[schema(schema_with = text::<LegalName>)]
    #[validate(length(min = LegalName::MIN, max = LegalName::MAX))]
    pub legal_name: String,
    pub legal_form: LegalForm,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub deed_number: Option<String>,
    #[serde(default)]
    pub deed_date: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub ahu_number: Option<String>,
    #[serde(default)]
    pub ahu_date: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub nib: Option<String>,
    /// 16 digits, or the old 15 with or without its dots and dash.
    #[schema(schema_with = text::<Npwp>)]
    #[validate(length(min = Npwp::MIN, max = Npwp::MAX))]
    pub npwp: String,
    /// When the company became VAT-registered (PKP); null when it is not.
    #[serde(default)]
    pub vat_registered_since: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LongText>)]
    #[validate(length(max = LongText::MAX))]
    pub address: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Email>)]
    #[validate(length(max = Email::MAX))]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LongText>)]
    #[validate(length(max = LongText::MAX))]
    pub website: Option<String>,
    #[serde(default)]
    #[schema(maximum = 100000)]
    #[validate(range(max = 100_000))]
    pub staff_count: Option<u32>,
    #[serde(default)]
    pub paid_up_capital: Option<Rupiah>,
    #[serde(default)]
    pub local_office: Option<bool>,
    #[serde(default)]
    #[schema(max_length = 100)]
    #[validate(length(max = ShortText::MAX))]
    pub association: Option<String>,
}

impl Input for CompanyRequest {
    type Value = CompanyProfile;
}

impl TryFrom<CompanyRequest> for CompanyProfile {
    type Error = Violations;

    fn try_from(request: CompanyRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let legal_name = v.check("legal_name", registry::text::<LegalName>(&request.legal_name, "legal name"));
        let npwp = v.check("npwp", Npwp::parse(&request.npwp));
        let deed_number = v.check("deed_number", optional::<ShortText>(request.deed_number, "deed number"));
        let ahu_number = v.check("ahu_number", optional::<ShortText>(request.ahu_number, "AHU number"));
        let nib = v.check("nib", optional::<ShortText>(request.nib, "NIB"));
        let address = v.check("address", optional::<LongText>(request.address, "address"));
        let phone = v.check("phone", optional::<ShortText>(request.phone, "phone"));
        let website = v.check("website", optional::<LongText>(request.website, "website"));
        let email = v.check(
            "email",
            request.email.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(Email::parse).transpose(),
        );
        let association = request.association.map(|a| a.trim().to_owned());
        if association.as_deref().is_some_and(|a| a.chars().any(char::is_control)) {
            v.push(Violation::new("association", mitra_domain::ViolationCode::InvalidFormat, "no control characters"));
        }
        v.finish(|| {
            Some(CompanyProfile {
                legal_name: legal_name?,
                legal_form: request.legal_form,
                deed_number: deed_number?,
                deed_date: request.deed_date,
                ahu_number: ahu_number?,
                ahu_date: request.ahu_date,
                nib: nib?,
                npwp: npwp?,
                vat_registered_since: request.vat_registered_since,
                address: address?,
                phone: phone?,
                email: email?,
                website: website?,
                staff_count: request.staff_count,
                paid_up_capital: request.paid_up_capital,
                local_office: request.local_office,
                association,
            })
        })
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyFilters {
    /// Part of the legal name, any case.
    #[param(max_length = 200)]
    #[validate(length(max = FilterText::MAX), custom(function = "crate::validation::no_control_characters"))]
    pub q: Option<String>,
    pub status: Option<CompanyStatus>,
    /// Companies with at least one outlet of this media type.
    pub media_type: Option<MediaType>,
    /// Companies whose newest Press Council check found this standing.
    pub press_council_status: Option<PressCouncilStatus>,
}

fn respond_company(record: CompanyRecord, created: bool) -> HttpResponse {
    created_or_ok(created).insert_header(etag(record.version)).json(CompanyView::from(record))
}

/// List press companies
///
/// In registration order; filters combine.
#[utoipa::path(
    tag = "registry",
    params(CompanyFilters, PagingParams),
    responses((status = 200, description = "Companies", body = Page<CompanyView>)),
    security(("bearer" = ["registry.read"]))
)]
#[get("/press-companies")]
pub async fn list_press_companies(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<CompanyFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<CompanyView>>, ApiError> {
    let CompanyFilters { q, status, media_type, press_council_status } = filters.0;
    let filter = CompanyFilter { name: q, status, media_type, press_council_status };
    let page = store::list_companies(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, CompanyView::from)))
}

/// Register a press company
#[utoipa::path(
    tag = "registry",
    request_body = CompanyRequest,
    responses(
        (status = 201, description = "Registered", body = CompanyView, headers(("ETag" = String, description = "The company's version"))),
        (status = 409, description = "The NPWP or the legal name is taken (`npwp_taken`, `company_name_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[post("/press-companies")]
pub async fn create_press_company(
    state: Data<AppState>,
    caller: Caller,
    profile: Body<CompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let profile = profile.into_inner();
    let company = state.store.write(&caller.audit(), async |tx| store::create_company(tx, profile).await).await?;
    Ok(respond_company(company, true))
}

/// Get a press company
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id")),
    responses((status = 200, description = "The company", body = CompanyView, headers(("ETag" = String, description = "The company's version")))),
    security(("bearer" = ["registry.read"]))
)]
#[get("/press-companies/{id}")]
pub async fn get_press_company(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond_company(store::get_company(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Update a press company
///
/// Replaces the profile. Requires `If-Match` with the ETag last read.
#[utoipa::path(
    tag = "registry",
    params(
        ("id" = Uuid, Path, description = "Company id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = CompanyRequest,
    responses(
        (status = 200, description = "Updated", body = CompanyView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "The NPWP or the legal name is taken (`npwp_taken`, `company_name_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[patch("/press-companies/{id}")]
pub async fn update_press_company(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<CompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let company =
        state.store.write(&caller.audit(), async |tx| store::update_company(tx, id, version, value).await).await?;
    Ok(respond_company(company, false))
}

/// A decision on a company's status: suspending or barring needs its reason.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub status: CompanyStatus,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LongText>)]
    #[validate(length(max = LongText::MAX))]
    pub reason: Option<String>,
}

impl Input for StatusRequest {
    type Value = StatusDecision;
}

impl TryFrom<StatusRequest> for StatusDecision {
    type Error = Violations;

    fn try_from(request: StatusRequest) -> Result<Self, Violations> {
        let reason = request.reason.filter(|reason| !reason.trim().is_empty());
        StatusDecision::new(request.status, reason).map_err(Violations::from)
    }
}

/// Suspend, bar or reinstate a press company
///
/// Requires `If-Match` with the ETag last read. The decision's reason and date are kept.
#[utoipa::path(
    tag = "registry",
    params(
        ("id" = Uuid, Path, description = "Company id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = StatusRequest,
    responses(
        (status = 200, description = "Decided", body = CompanyView, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.sanction"]))
)]
#[post("/press-companies/{id}/status")]
pub async fn decide_press_company_status(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<StatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let company =
        state.store.write(&caller.audit(), async |tx| store::decide_status(tx, id, version, value).await).await?;
    Ok(respond_company(company, false))
}

/// What a check with the Press Council found, and by whom.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PressCouncilRecord)]
pub struct PressCouncilRecordView {
    pub id: Uuid,
    pub company_id: Uuid,
    pub status: PressCouncilStatus,
    #[schema(required = true)]
    pub certificate_number: Option<String>,
    #[schema(required = true)]
    pub certificate_date: Option<NaiveDate>,
    #[schema(required = true)]
    pub valid_until: Option<NaiveDate>,
    pub checked_on: NaiveDate,
    #[schema(required = true)]
    pub checked_by: Option<Uuid>,
    pub evidence: String,
    pub created_at: DateTime<Utc>,
}

impl From<PressCouncilRecord> for PressCouncilRecordView {
    fn from(record: PressCouncilRecord) -> Self {
        let check = record.check;
        PressCouncilRecordView {
            id: record.id,
            company_id: record.company_id,
            status: check.status,
            certificate_number: check.certificate_number,
            certificate_date: check.certificate_date,
            valid_until: check.valid_until,
            checked_on: check.checked_on,
            checked_by: record.checked_by,
            evidence: check.evidence,
            created_at: record.created_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PressCouncilCheckRequest {
    pub status: PressCouncilStatus,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub certificate_number: Option<String>,
    #[serde(default)]
    pub certificate_date: Option<NaiveDate>,
    /// A factual verification certificate is valid 5 years.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// The day of the check; today when left out.
    #[serde(default)]
    pub checked_on: Option<NaiveDate>,
    /// Where it was checked: the Press Council's data page, a certificate.
    #[schema(schema_with = text::<LongText>)]
    #[validate(length(min = LongText::MIN, max = LongText::MAX))]
    pub evidence: String,
}

impl Input for PressCouncilCheckRequest {
    type Value = PressCouncilCheck;
}

impl TryFrom<PressCouncilCheckRequest> for PressCouncilCheck {
    type Error = Violations;

    fn try_from(request: PressCouncilCheckRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let number =
            v.check("certificate_number", optional::<ShortText>(request.certificate_number, "certificate number"));
        let evidence = v.check("evidence", registry::text::<LongText>(&request.evidence, "evidence"));
        let checked_on = request.checked_on.unwrap_or_else(jakarta_today);
        if checked_on > jakarta_today() {
            v.push(Violation::new(
                "checked_on",
                mitra_domain::ViolationCode::InvalidValue,
                "a check cannot be in the future",
            ));
        }
        if let (Some(from), Some(until)) = (request.certificate_date, request.valid_until)
            && until < from
        {
            v.push(Violation::new(
                "valid_until",
                mitra_domain::ViolationCode::InvalidValue,
                "ends before it was issued",
            ));
        }
        v.finish(|| {
            Some(PressCouncilCheck {
                status: request.status,
                certificate_number: number?,
                certificate_date: request.certificate_date,
                valid_until: request.valid_until,
                checked_on,
                evidence: evidence?,
            })
        })
    }
}

/// List a company's Press Council checks
///
/// Newest check first; the newest is the company's standing.
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id")),
    responses((status = 200, description = "The checks", body = Vec<PressCouncilRecordView>)),
    security(("bearer" = ["registry.read"]))
)]
#[get("/press-companies/{id}/press-council-records")]
pub async fn list_press_council_records(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<PressCouncilRecordView>>, ApiError> {
    let records = store::list_press_council_records(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(records.into_iter().map(PressCouncilRecordView::from).collect()))
}

/// Record a Press Council check
///
/// The newest check becomes the company's standing, which eligibility rules read.
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = PressCouncilCheckRequest,
    responses((status = 201, description = "Recorded", body = PressCouncilRecordView)),
    security(("bearer" = ["registry.manage"]))
)]
#[post("/press-companies/{id}/press-council-records")]
pub async fn record_press_council_check(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    check: Body<PressCouncilCheckRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, check) = (id.into_inner(), check.into_inner());
    let record =
        state.store.write(&caller.audit(), async |tx| store::record_press_council(tx, id, check).await).await?;
    Ok(HttpResponse::Created().json(PressCouncilRecordView::from(record)))
}

/// A bank account a company is paid into.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = BankAccount)]
pub struct BankAccountView {
    pub id: Uuid,
    pub company_id: Uuid,
    pub bank_name: String,
    pub account_number: String,
    pub holder_name: String,
    /// Set once checked to be in the company's legal name; only then can it be paid into.
    #[schema(required = true)]
    pub verified_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub verified_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

impl From<BankAccountRecord> for BankAccountView {
    fn from(record: BankAccountRecord) -> Self {
        BankAccountView {
            id: record.id,
            company_id: record.account.company_id,
            bank_name: record.account.bank_name,
            account_number: record.account.account_number,
            holder_name: record.account.holder_name,
            verified_at: record.verified_at,
            verified_by: record.verified_by,
            created_at: record.created_at,
            version: record.version,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankAccountRequest {
    #[schema(schema_with = text::<ShortText>)]
    #[validate(length(min = ShortText::MIN, max = ShortText::MAX))]
    pub bank_name: String,
    /// Digits; spaces and dashes are dropped.
    #[schema(min_length = 5, max_length = 50, pattern = "^[0-9][0-9 .-]*$")]
    #[validate(length(min = 5, max = 50))]
    pub account_number: String,
    #[schema(schema_with = text::<LegalName>)]
    #[validate(length(min = LegalName::MIN, max = LegalName::MAX))]
    pub holder_name: String,
}

/// List a company's bank accounts
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id")),
    responses((status = 200, description = "The accounts", body = Vec<BankAccountView>)),
    security(("bearer" = ["registry.read"]))
)]
#[get("/press-companies/{id}/bank-accounts")]
pub async fn list_bank_accounts(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<BankAccountView>>, ApiError> {
    let accounts = store::list_bank_accounts(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(accounts.into_iter().map(BankAccountView::from).collect()))
}

/// The account's details before the company is known from the path.
pub struct AccountDetails {
    bank_name: String,
    account_number: String,
    holder_name: String,
}

impl Input for BankAccountRequest {
    type Value = AccountDetails;
}

impl TryFrom<BankAccountRequest> for AccountDetails {
    type Error = Violations;

    fn try_from(request: BankAccountRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let bank_name = v.check("bank_name", registry::text::<ShortText>(&request.bank_name, "bank name"));
        let account_number = v.check("account_number", registry::account_number(&request.account_number));
        let holder_name = v.check("holder_name", registry::text::<LegalName>(&request.holder_name, "holder name"));
        v.finish(|| {
            Some(AccountDetails { bank_name: bank_name?, account_number: account_number?, holder_name: holder_name? })
        })
    }
}

/// Record a bank account of a company
///
/// Unverified until someone checks it is in the company's legal name.
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id")),
    request_body = BankAccountRequest,
    responses(
        (status = 201, description = "Recorded", body = BankAccountView),
        (status = 409, description = "Already recorded (`bank_account_exists`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[post("/press-companies/{id}/bank-accounts")]
pub async fn create_bank_account(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    details: Body<BankAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let AccountDetails { bank_name, account_number, holder_name } = details.into_inner();
    let account = NewBankAccount { company_id: id.into_inner(), bank_name, account_number, holder_name };
    let record = state.store.write(&caller.audit(), async |tx| store::create_bank_account(tx, account).await).await?;
    Ok(HttpResponse::Created().json(BankAccountView::from(record)))
}

/// Verify a bank account
///
/// Refused unless the holder is the company itself (its legal name, case and punctuation aside):
/// payments go to no one else.
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Bank account id")),
    responses(
        (status = 200, description = "Verified", body = BankAccountView),
        (status = 409, description = "Not in the company's legal name (`holder_is_not_the_company`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["bank_accounts.verify"]))
)]
#[post("/bank-accounts/{id}/verification")]
pub async fn verify_bank_account(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<BankAccountView>, ApiError> {
    let id = id.into_inner();
    let record = state.store.write(&caller.audit(), async |tx| store::verify_bank_account(tx, id).await).await?;
    Ok(Json(record.into()))
}

/// An outlet (*media*) of a press company.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Outlet)]
pub struct OutletView {
    pub id: Uuid,
    pub company_id: Uuid,
    pub media_type: MediaType,
    pub name: String,
    #[schema(required = true)]
    pub url: Option<String>,
    /// A station's frequency or channel.
    #[schema(required = true)]
    pub frequency: Option<String>,
    pub scale: OutletScale,
    #[schema(required = true)]
    pub first_published: Option<NaiveDate>,
    pub periodicity: Periodicity,
    /// Copies per edition, as claimed.
    #[schema(required = true)]
    pub circulation: Option<u64>,
    /// Visits per month, as claimed.
    #[schema(required = true)]
    pub monthly_visitors: Option<u64>,
    #[schema(required = true)]
    pub claims_evidence: Option<String>,
    #[schema(required = true)]
    pub broadcast_licence: Option<String>,
    #[schema(required = true)]
    pub broadcast_licence_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<OutletRecord> for OutletView {
    fn from(record: OutletRecord) -> Self {
        let profile = record.profile;
        OutletView {
            id: record.id,
            company_id: profile.company_id,
            media_type: profile.media_type,
            name: profile.name,
            url: profile.url,
            frequency: profile.frequency,
            scale: profile.scale,
            first_published: profile.first_published,
            periodicity: profile.periodicity,
            circulation: profile.circulation,
            monthly_visitors: profile.monthly_visitors,
            claims_evidence: profile.claims_evidence,
            broadcast_licence: profile.broadcast_licence,
            broadcast_licence_until: profile.broadcast_licence_until,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// An outlet's profile; an update replaces every field.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutletRequest {
    pub company_id: Uuid,
    pub media_type: MediaType,
    #[schema(schema_with = text::<OutletName>)]
    #[validate(length(min = OutletName::MIN, max = OutletName::MAX))]
    pub name: String,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LongText>)]
    #[validate(length(max = LongText::MAX))]
    pub url: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub frequency: Option<String>,
    pub scale: OutletScale,
    #[serde(default)]
    pub first_published: Option<NaiveDate>,
    pub periodicity: Periodicity,
    #[serde(default)]
    #[schema(maximum = 100000000)]
    #[validate(range(max = 100_000_000))]
    pub circulation: Option<u64>,
    #[serde(default)]
    #[schema(maximum = 10000000000u64)]
    #[validate(range(max = 10_000_000_000u64))]
    pub monthly_visitors: Option<u64>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LongText>)]
    #[validate(length(max = LongText::MAX))]
    pub claims_evidence: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub broadcast_licence: Option<String>,
    #[serde(default)]
    pub broadcast_licence_until: Option<NaiveDate>,
}

impl Input for OutletRequest {
    type Value = OutletProfile;
}

impl TryFrom<OutletRequest> for OutletProfile {
    type Error = Violations;

    fn try_from(request: OutletRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let name = v.check("name", registry::text::<OutletName>(&request.name, "name"));
        let url = v.check("url", optional::<LongText>(request.url, "address"));
        let frequency = v.check("frequency", optional::<ShortText>(request.frequency, "frequency"));
        let evidence = v.check("claims_evidence", optional::<LongText>(request.claims_evidence, "evidence"));
        let licence = v.check("broadcast_licence", optional::<ShortText>(request.broadcast_licence, "licence"));
        if request.first_published.is_some_and(|first| first > jakarta_today()) {
            v.push(Violation::new("first_published", mitra_domain::ViolationCode::InvalidValue, "not yet published"));
        }
        v.finish(|| {
            Some(OutletProfile {
                company_id: request.company_id,
                media_type: request.media_type,
                name: name?,
                url: url?,
                frequency: frequency?,
                scale: request.scale,
                first_published: request.first_published,
                periodicity: request.periodicity,
                circulation: request.circulation,
                monthly_visitors: request.monthly_visitors,
                claims_evidence: evidence?,
                broadcast_licence: licence?,
                broadcast_licence_until: request.broadcast_licence_until,
            })
        })
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutletFilters {
    pub company_id: Option<Uuid>,
    pub media_type: Option<MediaType>,
    /// Part of the outlet's name, any case.
    #[param(max_length = 200)]
    #[validate(length(max = FilterText::MAX), custom(function = "crate::validation::no_control_characters"))]
    pub q: Option<String>,
}

fn respond_outlet(record: OutletRecord, created: bool) -> HttpResponse {
    created_or_ok(created).insert_header(etag(record.version)).json(OutletView::from(record))
}

/// List outlets
#[utoipa::path(
    tag = "registry",
    params(OutletFilters, PagingParams),
    responses((status = 200, description = "Outlets in registration order", body = Page<OutletView>)),
    security(("bearer" = ["registry.read"]))
)]
#[get("/outlets")]
pub async fn list_outlets(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<OutletFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<OutletView>>, ApiError> {
    let OutletFilters { company_id, media_type, q } = filters.0;
    let filter = OutletFilter { company_id, media_type, name: q };
    let page = store::list_outlets(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, OutletView::from)))
}

/// Register an outlet
#[utoipa::path(
    tag = "registry",
    request_body = OutletRequest,
    responses(
        (status = 201, description = "Registered", body = OutletView, headers(("ETag" = String, description = "The outlet's version"))),
        (status = 409, description = "Another outlet of this media type has this name (`outlet_name_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such company in the organisation (`unknown_company`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[post("/outlets")]
pub async fn create_outlet(
    state: Data<AppState>,
    caller: Caller,
    profile: Body<OutletRequest>,
) -> Result<HttpResponse, ApiError> {
    let profile = profile.into_inner();
    let outlet = state.store.write(&caller.audit(), async |tx| store::create_outlet(tx, profile).await).await?;
    Ok(respond_outlet(outlet, true))
}

/// Get an outlet
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Outlet id")),
    responses((status = 200, description = "The outlet", body = OutletView, headers(("ETag" = String, description = "The outlet's version")))),
    security(("bearer" = ["registry.read"]))
)]
#[get("/outlets/{id}")]
pub async fn get_outlet(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond_outlet(store::get_outlet(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Update an outlet
///
/// Replaces the profile. Requires `If-Match` with the ETag last read.
#[utoipa::path(
    tag = "registry",
    params(
        ("id" = Uuid, Path, description = "Outlet id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = OutletRequest,
    responses(
        (status = 200, description = "Updated", body = OutletView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Another outlet of this media type has this name (`outlet_name_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such company in the organisation (`unknown_company`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[patch("/outlets/{id}")]
pub async fn update_outlet(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<OutletRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let outlet =
        state.store.write(&caller.audit(), async |tx| store::update_outlet(tx, id, version, value).await).await?;
    Ok(respond_outlet(outlet, false))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiscalYearQuery {
    /// The fiscal year; the current one in Jakarta when left out.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
}

impl FiscalYearQuery {
    fn year(&self) -> Result<FiscalYear, ApiError> {
        let year = self.fiscal_year.unwrap_or_else(|| jakarta_today().year());
        FiscalYear::parse(year).map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))
    }
}

/// Judge an outlet's eligibility
///
/// Evaluates the outlet and its company, as the registry knows them today, against the policy in
/// force for the fiscal year, rule by rule, with the evidence each rule used.
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Outlet id"), FiscalYearQuery),
    responses(
        (status = 200, description = "Every applicable rule's outcome", body = Evaluation),
        (status = 404, description = "No such outlet, or no policy for the fiscal year (`not_found`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.read"]))
)]
#[get("/outlets/{id}/eligibility")]
pub async fn judge_outlet_eligibility(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    query: Filters<FiscalYearQuery>,
) -> Result<Json<Evaluation>, ApiError> {
    let year = query.0.year()?;
    let version = policy::current_version(&state.store, caller.scope(), year).await?;
    let facts = store::facts(&state.store, caller.scope(), id.into_inner(), year, jakarta_today()).await?;
    Ok(Json(eligibility::evaluate(&version.policy, &facts)))
}

/// A person of a company's newsroom for a fiscal year. The NIK is never shown whole.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = NewsroomPerson)]
pub struct PersonView {
    pub id: Uuid,
    pub company_id: Uuid,
    #[schema(value_type = i32, example = 2026)]
    pub fiscal_year: FiscalYear,
    pub full_name: String,
    pub role: NewsroomRole,
    /// The NIK's last four digits.
    #[schema(example = "0003")]
    pub nik_last_four: String,
    #[schema(required = true)]
    pub competence_level: Option<CompetenceLevel>,
    #[schema(required = true)]
    pub competence_certificate: Option<String>,
    #[schema(required = true)]
    pub competence_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<PersonRecord> for PersonView {
    fn from(record: PersonRecord) -> Self {
        let competence = record.details.competence;
        PersonView {
            id: record.id,
            company_id: record.company_id,
            fiscal_year: record.fiscal_year,
            full_name: record.details.full_name.into_inner(),
            role: record.details.role,
            nik_last_four: record.nik_last_four,
            competence_level: competence.as_ref().map(|c| c.level),
            competence_certificate: competence.as_ref().and_then(|c| c.certificate.clone()),
            competence_date: competence.and_then(|c| c.certified_on),
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// What can change of a person: the NIK, company and year cannot (record the person anew).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonDetailsRequest {
    #[schema(schema_with = text::<FullName>)]
    #[validate(length(min = FullName::MIN, max = FullName::MAX))]
    pub full_name: String,
    pub role: NewsroomRole,
    /// The UKW level; null when the person holds none.
    #[serde(default)]
    pub competence_level: Option<CompetenceLevel>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub competence_certificate: Option<String>,
    #[serde(default)]
    pub competence_date: Option<NaiveDate>,
}

impl Input for PersonDetailsRequest {
    type Value = PersonDetails;
}

impl TryFrom<PersonDetailsRequest> for PersonDetails {
    type Error = Violations;

    fn try_from(request: PersonDetailsRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let full_name = v.check("full_name", FullName::parse(&request.full_name));
        let certificate = v.check(
            "competence_certificate",
            optional::<ShortText>(request.competence_certificate, "certificate number"),
        );
        v.finish(|| {
            let certificate = certificate?;
            let competence = request.competence_level.map(|level| Competence {
                level,
                certificate,
                certified_on: request.competence_date,
            });
            Some(PersonDetails { full_name: full_name?, role: request.role, competence })
        })
    }
}

/// A person joining a company's newsroom for a fiscal year, with their NIK.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPersonRequest {
    pub company_id: Uuid,
    #[schema(minimum = 2000, maximum = 2100, example = 2026)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// 16 digits; sealed at rest and never shown again but for its last four.
    #[schema(schema_with = text::<Nik>)]
    #[validate(length(min = Nik::MIN, max = Nik::MAX))]
    pub nik: String,
    #[schema(schema_with = text::<FullName>)]
    #[validate(length(min = FullName::MIN, max = FullName::MAX))]
    pub full_name: String,
    pub role: NewsroomRole,
    #[serde(default)]
    pub competence_level: Option<CompetenceLevel>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ShortText>)]
    #[validate(length(max = ShortText::MAX))]
    pub competence_certificate: Option<String>,
    #[serde(default)]
    pub competence_date: Option<NaiveDate>,
}

impl Input for NewPersonRequest {
    type Value = NewPerson;
}

impl TryFrom<NewPersonRequest> for NewPerson {
    type Error = Violations;

    fn try_from(request: NewPersonRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let fiscal_year = v.check("fiscal_year", FiscalYear::parse(request.fiscal_year));
        let nik = v.check("nik", Nik::parse(&request.nik));
        let details = PersonDetails::try_from(PersonDetailsRequest {
            full_name: request.full_name,
            role: request.role,
            competence_level: request.competence_level,
            competence_certificate: request.competence_certificate,
            competence_date: request.competence_date,
        });
        let details = match details {
            Ok(details) => Some(details),
            Err(refused) => {
                refused.into_vec().into_iter().for_each(|violation| v.push(violation));
                None
            }
        };
        v.finish(|| {
            Some(NewPerson { company_id: request.company_id, fiscal_year: fiscal_year?, nik: nik?, details: details? })
        })
    }
}

fn respond_person(record: PersonRecord, created: bool) -> HttpResponse {
    created_or_ok(created).insert_header(etag(record.version)).json(PersonView::from(record))
}

/// List a company's newsroom
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Company id"), FiscalYearFilter, PagingParams),
    responses((status = 200, description = "The newsroom, in recording order", body = Page<PersonView>)),
    security(("bearer" = ["registry.read"]))
)]
#[get("/press-companies/{id}/people")]
pub async fn list_newsroom_people(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    filters: Filters<FiscalYearFilter>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<PersonView>>, ApiError> {
    let year = filters
        .0
        .fiscal_year
        .map(FiscalYear::parse)
        .transpose()
        .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
    let page = store::list_people(&state.store, caller.scope(), id.into_inner(), year, paging.0).await?;
    Ok(Json(Page::of(page, PersonView::from)))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiscalYearFilter {
    /// Only this fiscal year.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
}

/// Record a person of a company's newsroom
///
/// One person is in one company's newsroom per fiscal year.
#[utoipa::path(
    tag = "registry",
    request_body = NewPersonRequest,
    responses(
        (status = 201, description = "Recorded", body = PersonView, headers(("ETag" = String, description = "The person's version"))),
        (status = 409, description = "This NIK is already recorded for the year (`person_already_recorded`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such company in the organisation (`unknown_company`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[post("/people")]
pub async fn create_newsroom_person(
    state: Data<AppState>,
    caller: Caller,
    person: Body<NewPersonRequest>,
) -> Result<HttpResponse, ApiError> {
    let person = person.into_inner();
    let record = state.store.write(&caller.audit(), async |tx| store::create_person(tx, person).await).await?;
    Ok(respond_person(record, true))
}

/// Get a person of a newsroom
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path, description = "Person id")),
    responses((status = 200, description = "The person", body = PersonView, headers(("ETag" = String, description = "The person's version")))),
    security(("bearer" = ["registry.read"]))
)]
#[get("/people/{id}")]
pub async fn get_newsroom_person(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond_person(store::get_person(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Update a person of a newsroom
///
/// Replaces the name, role and competence. Requires `If-Match` with the ETag last read.
#[utoipa::path(
    tag = "registry",
    params(
        ("id" = Uuid, Path, description = "Person id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = PersonDetailsRequest,
    responses(
        (status = 200, description = "Updated", body = PersonView, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registry.manage"]))
)]
#[patch("/people/{id}")]
pub async fn update_newsroom_person(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<PersonDetailsRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let record =
        state.store.write(&caller.audit(), async |tx| store::update_person(tx, id, version, value).await).await?;
    Ok(respond_person(record, false))
}
