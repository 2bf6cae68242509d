//! Policy as data: the shipped presets, the regulations an organisation's policy rests on, and
//! its policy versions per fiscal year - created from a preset or copied from another version,
//! edited section by section until a decision uses them.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::policy::{
    FiscalYear, NewRegulation, Policy, PolicyChanges, RegulationKind, RegulationNumber, RegulationTitle,
};
use mitra_domain::presets::{self, Preset};
use mitra_domain::{TextRule, Violation, ViolationCode, Violations};
use mitra_persistence::StoreError;
use mitra_persistence::policy::{
    self, PolicySource, PolicyVersionChanges, PolicyVersionRecord, RegulationRecord, VersionCursor,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::text;

/// A region's standard shipped with Mitra, to start a policy from.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresetSummary {
    #[schema(example = "oki")]
    pub code: String,
    pub name: mitra_domain::policy::Label,
    /// How far the values can be trusted: they are editable defaults.
    pub note: mitra_domain::policy::Label,
    /// The regulation the standard comes from; recorded for the organisation when it adopts it.
    pub regulation: NewRegulation,
}

/// A preset with its whole policy.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresetView {
    #[serde(flatten)]
    pub summary: PresetSummary,
    pub policy: Policy,
}

impl From<Preset> for PresetView {
    fn from(preset: Preset) -> Self {
        PresetView {
            summary: PresetSummary {
                code: preset.code,
                name: preset.name,
                note: preset.note,
                regulation: preset.regulation,
            },
            policy: preset.policy,
        }
    }
}

/// List the shipped presets
#[utoipa::path(
    tag = "policy",
    responses((status = 200, description = "Every preset a policy can start from", body = Vec<PresetSummary>)),
    security(("bearer" = ["policy.read"]))
)]
#[get("/policy/presets")]
pub async fn list_presets(_caller: Caller) -> Result<Json<Vec<PresetSummary>>, ApiError> {
    let summaries = presets::codes()
        .map(|code| presets::load(code).map(|preset| PresetView::from(preset).summary).map_err(ApiError::internal))
        .collect::<Result<_, _>>()?;
    Ok(Json(summaries))
}

/// Get a preset with its policy
#[utoipa::path(
    tag = "policy",
    params(("code" = String, Path, description = "Preset code", example = "oki")),
    responses((status = 200, description = "The preset", body = PresetView)),
    security(("bearer" = ["policy.read"]))
)]
#[get("/policy/presets/{code}")]
pub async fn get_preset(_caller: Caller, code: Path<String>) -> Result<Json<PresetView>, ApiError> {
    match presets::load(&code) {
        Ok(preset) => Ok(Json(preset.into())),
        Err(presets::PresetError::Unknown(_)) => Err(ApiError::not_found()),
        Err(err) => Err(ApiError::internal(err)),
    }
}

/// A regulation the organisation's policy rests on.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Regulation)]
pub struct RegulationView {
    pub id: Uuid,
    pub kind: RegulationKind,
    #[schema(example = "54")]
    pub number: String,
    #[schema(example = 2018)]
    pub year: i32,
    pub title: String,
    #[schema(required = true)]
    pub effective_from: Option<NaiveDate>,
    #[schema(required = true)]
    pub effective_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<RegulationRecord> for RegulationView {
    fn from(record: RegulationRecord) -> Self {
        RegulationView {
            id: record.id,
            kind: record.kind,
            number: record.number,
            year: record.year,
            title: record.title,
            effective_from: record.effective_from,
            effective_until: record.effective_until,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// A regulation as recorded; an update replaces every field.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegulationRequest {
    pub kind: RegulationKind,
    #[schema(schema_with = text::<RegulationNumber>)]
    #[validate(length(min = RegulationNumber::MIN, max = RegulationNumber::MAX))]
    pub number: String,
    #[schema(minimum = 1945, maximum = 2100)]
    #[validate(range(min = 1945, max = 2100))]
    pub year: i32,
    #[schema(schema_with = text::<RegulationTitle>)]
    #[validate(length(min = RegulationTitle::MIN, max = RegulationTitle::MAX))]
    pub title: String,
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub effective_until: Option<NaiveDate>,
}

impl Input for RegulationRequest {
    type Value = NewRegulation;
}

impl TryFrom<RegulationRequest> for NewRegulation {
    type Error = Violations;

    fn try_from(request: RegulationRequest) -> Result<Self, Violations> {
        let regulation = NewRegulation {
            kind: request.kind,
            number: request.number.trim().to_owned(),
            year: request.year,
            title: request.title.trim().to_owned(),
            effective_from: request.effective_from,
            effective_until: request.effective_until,
        };
        regulation.check()?;
        Ok(regulation)
    }
}

fn respond_regulation(regulation: RegulationRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(regulation.version)).json(RegulationView::from(regulation))
}

/// List regulations
#[utoipa::path(
    tag = "policy",
    params(PagingParams),
    responses((status = 200, description = "Regulations in creation order", body = Page<RegulationView>)),
    security(("bearer" = ["policy.read"]))
)]
#[get("/regulations")]
pub async fn list_regulations(
    state: Data<AppState>,
    caller: Caller,
    paging: Paging<Uuid>,
) -> Result<Json<Page<RegulationView>>, ApiError> {
    let page = policy::list_regulations(&state.store, caller.scope(), paging.0).await?;
    Ok(Json(Page::of(page, RegulationView::from)))
}

/// Record a regulation
#[utoipa::path(
    tag = "policy",
    request_body = RegulationRequest,
    responses(
        (status = 201, description = "Recorded", body = RegulationView, headers(("ETag" = String, description = "The regulation's version"))),
        (status = 409, description = "Already recorded (`regulation_exists`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["policy.manage"]))
)]
#[post("/regulations")]
pub async fn create_regulation(
    state: Data<AppState>,
    caller: Caller,
    regulation: Body<RegulationRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = regulation.into_inner();
    let regulation = state.store.write(&caller.audit(), async |tx| policy::create_regulation(tx, new).await).await?;
    Ok(respond_regulation(regulation, true))
}

/// Get a regulation
#[utoipa::path(
    tag = "policy",
    params(("id" = Uuid, Path, description = "Regulation id")),
    responses((status = 200, description = "The regulation", body = RegulationView, headers(("ETag" = String, description = "The regulation's version")))),
    security(("bearer" = ["policy.read"]))
)]
#[get("/regulations/{id}")]
pub async fn get_regulation(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond_regulation(policy::get_regulation(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Update a regulation
///
/// Replaces every field. Requires `If-Match` with the ETag last read.
#[utoipa::path(
    tag = "policy",
    params(
        ("id" = Uuid, Path, description = "Regulation id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = RegulationRequest,
    responses(
        (status = 200, description = "Updated", body = RegulationView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Another record has this kind, number and year (`regulation_exists`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["policy.manage"]))
)]
#[patch("/regulations/{id}")]
pub async fn update_regulation(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<RegulationRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let regulation =
        state.store.write(&caller.audit(), async |tx| policy::update_regulation(tx, id, version, value).await).await?;
    Ok(respond_regulation(regulation, false))
}

/// A policy version without its document, for lists.
#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyVersionSummary {
    pub id: Uuid,
    #[schema(value_type = i32, example = 2026)]
    pub fiscal_year: FiscalYear,
    /// Counts from 1 within the fiscal year; the highest is the one new applications use.
    pub revision: i32,
    /// Where the content was copied from: `preset:oki`, or `version:<id>`.
    pub source: String,
    #[schema(required = true)]
    pub regulation_id: Option<Uuid>,
    /// When a decision first used this version; from then on it cannot change.
    #[schema(required = true)]
    pub used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

/// A policy version with its whole document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PolicyVersion)]
pub struct PolicyVersionView {
    #[serde(flatten)]
    pub summary: PolicyVersionSummary,
    pub policy: Policy,
}

fn summary(record: &PolicyVersionRecord) -> PolicyVersionSummary {
    PolicyVersionSummary {
        id: record.id,
        fiscal_year: record.fiscal_year,
        revision: record.revision,
        source: record.source.clone(),
        regulation_id: record.regulation_id,
        used_at: record.used_at,
        created_at: record.created_at,
        updated_at: record.updated_at,
        version: record.version,
    }
}

fn respond_version(record: PolicyVersionRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    let view = PolicyVersionView { summary: summary(&record), policy: record.policy };
    response.insert_header(etag(view.summary.version)).json(view)
}

/// A new policy version for a fiscal year, from exactly one of a preset or another version.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePolicyVersionRequest {
    #[schema(minimum = 2000, maximum = 2100, example = 2026)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// A preset's code, e.g. `oki`.
    #[serde(default)]
    #[schema(max_length = 40)]
    #[validate(length(max = 40))]
    pub preset: Option<String>,
    /// One of the organisation's versions to copy, e.g. last year's.
    #[serde(default)]
    pub copy_of: Option<Uuid>,
}

/// What a new version is made for, and from what.
#[derive(Debug)]
pub struct NewPolicyVersion {
    fiscal_year: FiscalYear,
    source: PolicySource,
}

impl Input for CreatePolicyVersionRequest {
    type Value = NewPolicyVersion;
}

impl TryFrom<CreatePolicyVersionRequest> for NewPolicyVersion {
    type Error = Violations;

    fn try_from(request: CreatePolicyVersionRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let fiscal_year = violations.check("fiscal_year", FiscalYear::parse(request.fiscal_year));
        let source = match (request.preset, request.copy_of) {
            (Some(code), None) => match presets::load(code.trim()) {
                Ok(preset) => Some(PolicySource::Preset(Box::new(preset))),
                Err(_) => {
                    violations.push(Violation::new("preset", ViolationCode::UnknownReference, "no such preset"));
                    None
                }
            },
            (None, Some(id)) => Some(PolicySource::Version(id)),
            _ => {
                violations.push(Violation::new(
                    "preset",
                    ViolationCode::Required,
                    "give exactly one of preset and copy_of",
                ));
                None
            }
        };
        violations.finish(|| Some(NewPolicyVersion { fiscal_year: fiscal_year?, source: source? }))
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyVersionFilters {
    /// Only versions of this fiscal year.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CurrentVersionQuery {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
}

/// List policy versions
///
/// Newest fiscal year and revision first.
#[utoipa::path(
    tag = "policy",
    params(PolicyVersionFilters, PagingParams),
    responses((status = 200, description = "Versions without their documents", body = Page<PolicyVersionSummary>)),
    security(("bearer" = ["policy.read"]))
)]
#[get("/policy-versions")]
pub async fn list_policy_versions(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<PolicyVersionFilters>,
    paging: Paging<VersionCursor>,
) -> Result<Json<Page<PolicyVersionSummary>>, ApiError> {
    let year = filters
        .0
        .fiscal_year
        .map(FiscalYear::parse)
        .transpose()
        .map_err(|v| ApiError::invalid_query(v.at("fiscal_year").into()))?;
    let page = policy::list_versions(&state.store, caller.scope(), year, paging.0).await?;
    Ok(Json(Page::of(page, |record| summary(&record))))
}

/// Get the policy in force for a fiscal year
///
/// The latest revision of the year: the one new applications use.
#[utoipa::path(
    tag = "policy",
    params(CurrentVersionQuery),
    responses((status = 200, description = "The version in force", body = PolicyVersionView, headers(("ETag" = String, description = "The version's version")))),
    security(("bearer" = ["policy.read"]))
)]
#[get("/policy-versions/current")]
pub async fn get_current_policy_version(
    state: Data<AppState>,
    caller: Caller,
    query: Filters<CurrentVersionQuery>,
) -> Result<HttpResponse, ApiError> {
    let year =
        FiscalYear::parse(query.0.fiscal_year).map_err(|v| ApiError::invalid_query(v.at("fiscal_year").into()))?;
    Ok(respond_version(policy::current_version(&state.store, caller.scope(), year).await?, false))
}

/// Create a policy version
///
/// The next revision of the fiscal year's policy, copied from a preset (whose regulation is
/// recorded for the organisation) or from one of the organisation's versions.
#[utoipa::path(
    tag = "policy",
    request_body = CreatePolicyVersionRequest,
    responses(
        (status = 201, description = "Created", body = PolicyVersionView, headers(("ETag" = String, description = "The version's version"))),
        (status = 409, description = "Another revision was created at the same time (`policy_revision_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`copy_of` names no version of the organisation (`unknown_policy_version`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["policy.manage"]))
)]
#[post("/policy-versions")]
pub async fn create_policy_version(
    state: Data<AppState>,
    caller: Caller,
    new: Body<CreatePolicyVersionRequest>,
) -> Result<HttpResponse, ApiError> {
    let NewPolicyVersion { fiscal_year, source } = new.into_inner();
    let version =
        state.store.write(&caller.audit(), async |tx| policy::create_version(tx, fiscal_year, source).await).await?;
    Ok(respond_version(version, true))
}

/// Get a policy version
#[utoipa::path(
    tag = "policy",
    params(("id" = Uuid, Path, description = "Policy version id")),
    responses((status = 200, description = "The version", body = PolicyVersionView, headers(("ETag" = String, description = "The version's version")))),
    security(("bearer" = ["policy.read"]))
)]
#[get("/policy-versions/{id}")]
pub async fn get_policy_version(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond_version(policy::get_version(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// An edit of a policy version: each section of `policy` given replaces that section whole,
/// and the document is judged whole again; `regulation_id` links it (null unlinks).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePolicyVersionRequest {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub regulation_id: Option<Option<Uuid>>,
    #[serde(default)]
    pub policy: Option<PolicyChanges>,
}

/// Tells "set to null" (`Some(None)`) apart from "left out" (`None`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<Uuid>>, D::Error> {
    Option::<Uuid>::deserialize(deserializer).map(Some)
}

impl Input for UpdatePolicyVersionRequest {
    type Value = PolicyVersionChanges;
}

impl TryFrom<UpdatePolicyVersionRequest> for PolicyVersionChanges {
    type Error = Violations;

    fn try_from(request: UpdatePolicyVersionRequest) -> Result<Self, Violations> {
        Ok(PolicyVersionChanges { policy: request.policy.unwrap_or_default(), regulation_id: request.regulation_id })
    }
}

/// Update a policy version
///
/// Requires `If-Match` with the ETag last read. A version a decision has used is frozen: copy it
/// to a new revision instead.
#[utoipa::path(
    tag = "policy",
    params(
        ("id" = Uuid, Path, description = "Policy version id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = UpdatePolicyVersionRequest,
    responses(
        (status = 200, description = "Updated", body = PolicyVersionView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "A decision has used this version (`policy_version_in_use`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown regulation (`unknown_regulation`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["policy.manage"]))
)]
#[patch("/policy-versions/{id}")]
pub async fn update_policy_version(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<UpdatePolicyVersionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let record = state
        .store
        .write(&caller.audit(), async |tx| policy::update_version(tx, id, version, value).await)
        .await
        .map_err(|err| match err {
            // The document's rules speak of its sections; the request carries them under `policy`.
            StoreError::Invalid(violations) => ApiError::from(violations.within("policy")),
            other => other.into(),
        })?;
    Ok(respond_version(record, false))
}
