//! The budget: budget lines per unit and fiscal year, their ceilings and revisions, and what is
//! allocated, committed, realised and left on each - figures moved only by the agreements,
//! orders and payments that make them up.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Utc};
use mitra_domain::budget::{AccountCode, BudgetLineName, CeilingRevision, NewBudgetLine, RevisionReason};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::{TextRule, Violation, Violations};
use mitra_persistence::budget::{self, BudgetLineFilter, BudgetLineView, RevisionRecord, YearSummary};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::text;

/// A budget line (*mata anggaran* of the unit's DPA) and what is left of it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = BudgetLine)]
pub struct BudgetLineResponse {
    pub id: Uuid,
    pub unit_id: Uuid,
    #[schema(example = "DISKOMINFO")]
    pub unit_code: String,
    pub unit_name: String,
    pub fiscal_year: i32,
    #[schema(example = "5.1.02.01.01.0025")]
    pub account_code: String,
    #[schema(example = "Belanja Jasa Iklan/Reklame, Film, dan Pemotretan")]
    pub name: String,
    /// The ceiling as first adopted (*pagu murni*).
    pub original_ceiling: Rupiah,
    /// The ceiling in force (*pagu perubahan* once revised).
    pub ceiling: Rupiah,
    /// Reserved by agreements: an active one its ceiling, a closed one what it used.
    pub allocated: Rupiah,
    /// What new agreements can still reserve.
    pub unallocated: Rupiah,
    /// Orders issued and not yet paid, declined or cancelled.
    pub committed: Rupiah,
    /// Payments made.
    pub realised: Rupiah,
    /// What can still be ordered or paid: ceiling - committed - realised.
    pub remaining: Rupiah,
    /// How many times the ceiling was revised.
    pub revisions: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating or revising.
    pub version: i32,
}

impl From<BudgetLineView> for BudgetLineResponse {
    fn from(view: BudgetLineView) -> Self {
        let line = view.line;
        let figures = line.figures;
        BudgetLineResponse {
            id: line.id,
            unit_id: line.unit_id,
            unit_code: view.unit_code,
            unit_name: view.unit_name,
            fiscal_year: line.fiscal_year.year(),
            account_code: line.account_code,
            name: line.name,
            original_ceiling: line.original_ceiling,
            ceiling: figures.ceiling,
            allocated: figures.allocated,
            unallocated: figures.unallocated(),
            committed: figures.committed,
            realised: figures.realised,
            remaining: figures.remaining(),
            revisions: line.revisions,
            created_at: line.created_at,
            updated_at: line.updated_at,
            version: line.version,
        }
    }
}

fn respond(view: BudgetLineView, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(view.line.version)).json(BudgetLineResponse::from(view))
}

fn year(raw: i32, field: &str) -> Result<FiscalYear, Violation> {
    FiscalYear::parse(raw).map_err(|violation| violation.at(field))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBudgetLineRequest {
    pub unit_id: Uuid,
    #[schema(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    #[schema(schema_with = text::<AccountCode>)]
    #[validate(length(min = AccountCode::MIN, max = AccountCode::MAX))]
    pub account_code: String,
    #[schema(schema_with = text::<BudgetLineName>)]
    #[validate(length(min = BudgetLineName::MIN, max = BudgetLineName::MAX))]
    pub name: String,
    /// The ceiling as adopted (*pagu murni*).
    pub ceiling: Rupiah,
}

impl Input for CreateBudgetLineRequest {
    type Value = NewBudgetLine;
}

impl TryFrom<CreateBudgetLineRequest> for NewBudgetLine {
    type Error = Violations;

    fn try_from(request: CreateBudgetLineRequest) -> Result<Self, Violations> {
        let fiscal_year = year(request.fiscal_year, "fiscal_year")?;
        NewBudgetLine::new(request.unit_id, fiscal_year, &request.account_code, &request.name, request.ceiling)
    }
}

/// Fields left out are not changed. The ceiling changes only by a revision.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBudgetLineRequest {
    #[schema(schema_with = text::<AccountCode>)]
    #[validate(length(min = AccountCode::MIN, max = AccountCode::MAX))]
    pub account_code: Option<String>,
    #[schema(schema_with = text::<BudgetLineName>)]
    #[validate(length(min = BudgetLineName::MIN, max = BudgetLineName::MAX))]
    pub name: Option<String>,
}

/// A line's new account code and name, either left as they are when absent.
#[derive(Debug)]
pub struct LineChanges {
    account_code: Option<String>,
    name: Option<String>,
}

impl Input for UpdateBudgetLineRequest {
    type Value = LineChanges;
}

impl TryFrom<UpdateBudgetLineRequest> for LineChanges {
    type Error = Violations;

    fn try_from(request: UpdateBudgetLineRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let account_code =
            violations.check("account_code", request.account_code.as_deref().map(AccountCode::parse).transpose());
        let name = violations.check(
            "name",
            request
                .name
                .as_deref()
                .map(|name| mitra_domain::registry::text::<BudgetLineName>(name, "name"))
                .transpose(),
        );
        violations.finish(|| Some(LineChanges { account_code: account_code?, name: name? }))
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseCeilingRequest {
    /// The revised ceiling (*pagu perubahan*).
    pub ceiling: Rupiah,
    /// The budget change that revised it.
    #[schema(schema_with = text::<RevisionReason>)]
    #[validate(length(min = RevisionReason::MIN, max = RevisionReason::MAX))]
    pub reason: String,
}

impl Input for ReviseCeilingRequest {
    type Value = CeilingRevision;
}

impl TryFrom<ReviseCeilingRequest> for CeilingRevision {
    type Error = Violations;

    fn try_from(request: ReviseCeilingRequest) -> Result<Self, Violations> {
        CeilingRevision::new(request.ceiling, &request.reason).map_err(Violations::from)
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BudgetLineFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
    pub unit_id: Option<Uuid>,
}

/// List budget lines
///
/// In the order they were adopted; filters combine.
#[utoipa::path(
    tag = "budget",
    params(BudgetLineFilters, PagingParams),
    responses((status = 200, description = "Budget lines with what is left of each", body = Page<BudgetLineResponse>)),
    security(("bearer" = ["budget.read"]))
)]
#[get("/budget-lines")]
pub async fn list_budget_lines(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<BudgetLineFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<BudgetLineResponse>>, ApiError> {
    let BudgetLineFilters { fiscal_year, unit_id } = filters.0;
    let fiscal_year = fiscal_year
        .map(|raw| year(raw, "fiscal_year"))
        .transpose()
        .map_err(|violation| ApiError::invalid_query(violation.into()))?;
    let filter = BudgetLineFilter { fiscal_year, unit_id };
    let page = budget::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, BudgetLineResponse::from)))
}

/// Adopt a budget line
#[utoipa::path(
    tag = "budget",
    request_body = CreateBudgetLineRequest,
    responses(
        (status = 201, description = "Adopted", body = BudgetLineResponse, headers(("ETag" = String, description = "The line's version"))),
        (status = 409, description = "The unit has this account code in the year (`budget_line_exists`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["budget.manage"]))
)]
#[post("/budget-lines")]
pub async fn create_budget_line(
    state: Data<AppState>,
    caller: Caller,
    new: Body<CreateBudgetLineRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = new.into_inner();
    let line = state.store.write(&caller.audit(), async |tx| budget::create(tx, new).await).await?;
    Ok(respond(budget::get(&state.store, caller.scope(), line.id).await?, true))
}

/// Get a budget line
#[utoipa::path(
    tag = "budget",
    params(("id" = Uuid, Path, description = "Budget line id")),
    responses((status = 200, description = "The line and what is left of it", body = BudgetLineResponse, headers(("ETag" = String, description = "The line's version")))),
    security(("bearer" = ["budget.read"]))
)]
#[get("/budget-lines/{id}")]
pub async fn get_budget_line(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(budget::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Correct a budget line's account code or name
///
/// Requires `If-Match`. The ceiling changes only by a revision.
#[utoipa::path(
    tag = "budget",
    params(
        ("id" = Uuid, Path, description = "Budget line id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = UpdateBudgetLineRequest,
    responses(
        (status = 200, description = "Updated", body = BudgetLineResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "The unit has this account code in the year (`budget_line_exists`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["budget.manage"]))
)]
#[patch("/budget-lines/{id}")]
pub async fn update_budget_line(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<UpdateBudgetLineRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: changes, version }) = (id.into_inner(), update);
    let current = budget::get(&state.store, caller.scope(), id).await?.line;
    let account_code = changes.account_code.unwrap_or(current.account_code);
    let name = changes.name.unwrap_or(current.name);
    state.store.write(&caller.audit(), async |tx| budget::rename(tx, id, version, account_code, name).await).await?;
    Ok(respond(budget::get(&state.store, caller.scope(), id).await?, false))
}

/// Revise a budget line's ceiling
///
/// Records the revised ceiling (*pagu perubahan*) with its reason. Refused below what agreements
/// reserve or what orders and payments use. Requires `If-Match`.
#[utoipa::path(
    tag = "budget",
    params(
        ("id" = Uuid, Path, description = "Budget line id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = ReviseCeilingRequest,
    responses(
        (status = 200, description = "Revised", body = BudgetLineResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Below what is reserved or used (`ceiling_below_commitments`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["budget.manage"]))
)]
#[post("/budget-lines/{id}/revisions")]
pub async fn revise_budget_line(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<ReviseCeilingRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: revision, version }) = (id.into_inner(), update);
    state.store.write(&caller.audit(), async |tx| budget::revise(tx, id, version, revision).await).await?;
    Ok(respond(budget::get(&state.store, caller.scope(), id).await?, false))
}

/// A revision of a budget line's ceiling.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = BudgetLineRevision)]
pub struct RevisionView {
    pub number: i32,
    pub from_ceiling: Rupiah,
    pub to_ceiling: Rupiah,
    pub reason: String,
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

impl From<RevisionRecord> for RevisionView {
    fn from(record: RevisionRecord) -> Self {
        RevisionView {
            number: record.number,
            from_ceiling: record.from_ceiling,
            to_ceiling: record.to_ceiling,
            reason: record.reason,
            actor_id: record.actor_id,
            at: record.at,
        }
    }
}

/// List a budget line's ceiling revisions
#[utoipa::path(
    tag = "budget",
    params(("id" = Uuid, Path, description = "Budget line id")),
    responses((status = 200, description = "Revisions, oldest first", body = Vec<RevisionView>)),
    security(("bearer" = ["budget.read"]))
)]
#[get("/budget-lines/{id}/revisions")]
pub async fn list_budget_line_revisions(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<RevisionView>>, ApiError> {
    let revisions = budget::revisions(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(revisions.into_iter().map(RevisionView::from).collect()))
}

/// A fiscal year's publication budget, its lines added up.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = BudgetSummary)]
pub struct SummaryView {
    pub fiscal_year: i32,
    /// How many budget lines were added up.
    pub lines: u64,
    pub original_ceiling: Rupiah,
    pub ceiling: Rupiah,
    pub allocated: Rupiah,
    pub unallocated: Rupiah,
    pub committed: Rupiah,
    pub realised: Rupiah,
    pub remaining: Rupiah,
}

impl From<YearSummary> for SummaryView {
    fn from(summary: YearSummary) -> Self {
        let figures = summary.figures;
        SummaryView {
            fiscal_year: summary.fiscal_year.year(),
            lines: summary.lines,
            original_ceiling: summary.original_ceiling,
            ceiling: figures.ceiling,
            allocated: figures.allocated,
            unallocated: figures.unallocated(),
            committed: figures.committed,
            realised: figures.realised,
            remaining: figures.remaining(),
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// Only this unit's lines.
    pub unit_id: Option<Uuid>,
}

/// A fiscal year's budget
///
/// Its lines' ceilings and what is allocated, committed, realised and left, added up in the
/// database.
#[utoipa::path(
    tag = "budget",
    params(SummaryFilters),
    responses((status = 200, description = "The year's figures", body = SummaryView)),
    security(("bearer" = ["budget.read"]))
)]
#[get("/budget-summary")]
pub async fn get_budget_summary(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<SummaryFilters>,
) -> Result<Json<SummaryView>, ApiError> {
    let SummaryFilters { fiscal_year, unit_id } = filters.0;
    let fiscal_year =
        year(fiscal_year, "fiscal_year").map_err(|violation| ApiError::invalid_query(violation.into()))?;
    Ok(Json(budget::summary(&state.store, caller.scope(), fiscal_year, unit_id).await?.into()))
}
