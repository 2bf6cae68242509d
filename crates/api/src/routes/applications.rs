//! The yearly call: registration windows, applications and their steps, their documents with
//! per-document review, the site visit with its photos, the rubric's score, and the readiness
//! report that explains, rule by rule and document by document, what stands in the way.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post, put};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::applications::{
    ApplicationState, Blocker, ChecklistItem, MAX_CHECKLIST, MAX_TEAM, Reason, Review, ReviewStatus, SiteVisit, Step,
    StepRequest, VisitConclusion, VisitText, Window, WindowNote,
};
use mitra_domain::eligibility::{Answer, RuleOutcome};
use mitra_domain::files::FileType;
use mitra_domain::policy::{FiscalYear, Requirement};
use mitra_domain::press::MediaType;
use mitra_domain::{TextRule, Violation, ViolationCode, Violations};
use mitra_persistence::applications::documents::{self, DocumentRecord, ExpiringDocument, FileRef};
use mitra_persistence::applications::visits::{self, PhotoRecord, VisitRecord};
use mitra_persistence::applications::windows::{self, WindowRecord};
use mitra_persistence::applications::{self as store, ApplicationFilter, ApplicationView, Readiness, StepRecord};
use mitra_persistence::calendar::jakarta_today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::files::{Download, receive_upload};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::{nullable_text, text};

/// Photos of a site visit: pictures, a few megabytes each.
const PHOTO_TYPES: &[FileType] = &[FileType::Jpeg, FileType::Png];
const PHOTO_MAX_BYTES: u64 = 10 * 1024 * 1024;

fn year(raw: i32, field: &str) -> Result<FiscalYear, Violation> {
    FiscalYear::parse(raw).map_err(|violation| violation.at(field))
}

// ---- registration windows ----------------------------------------------------------------

/// A period in which a fiscal year's applications are taken.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = RegistrationWindow)]
pub struct WindowView {
    pub id: Uuid,
    pub fiscal_year: i32,
    pub opens_on: NaiveDate,
    /// The last day applications are taken (inclusive).
    pub closes_on: NaiveDate,
    #[schema(required = true)]
    pub note: Option<String>,
    /// Open today (in Jakarta).
    pub open: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<WindowRecord> for WindowView {
    fn from(record: WindowRecord) -> Self {
        let window = record.window;
        WindowView {
            id: record.id,
            open: window.is_open(jakarta_today()),
            fiscal_year: window.fiscal_year.year(),
            opens_on: window.opens_on,
            closes_on: window.closes_on,
            note: window.note,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowRequest {
    #[schema(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// The announcement: where the call was published, what to bring.
    #[serde(default)]
    #[schema(schema_with = nullable_text::<WindowNote>)]
    #[validate(length(max = WindowNote::MAX))]
    pub note: Option<String>,
}

impl Input for WindowRequest {
    type Value = Window;
}

impl TryFrom<WindowRequest> for Window {
    type Error = Violations;

    fn try_from(request: WindowRequest) -> Result<Self, Violations> {
        let fiscal_year = year(request.fiscal_year, "fiscal_year")?;
        let note = request.note.filter(|note| !note.trim().is_empty());
        Window::new(fiscal_year, request.opens_on, request.closes_on, note.as_deref())
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearFilter {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
}

impl YearFilter {
    fn year(&self) -> Result<Option<FiscalYear>, ApiError> {
        self.fiscal_year
            .map(|raw| year(raw, "fiscal_year"))
            .transpose()
            .map_err(|violation| ApiError::invalid_query(violation.into()))
    }
}

fn respond_window(record: WindowRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(record.version)).json(WindowView::from(record))
}

/// List registration windows
///
/// Latest opening first.
#[utoipa::path(
    tag = "applications",
    params(YearFilter),
    responses((status = 200, description = "Windows", body = Vec<WindowView>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/registration-windows")]
pub async fn list_registration_windows(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<YearFilter>,
) -> Result<Json<Vec<WindowView>>, ApiError> {
    let windows = windows::list(&state.store, caller.scope(), filters.0.year()?).await?;
    Ok(Json(windows.into_iter().map(WindowView::from).collect()))
}

/// Open a registration window
#[utoipa::path(
    tag = "applications",
    request_body = WindowRequest,
    responses((status = 201, description = "Opened", body = WindowView, headers(("ETag" = String, description = "The window's version")))),
    security(("bearer" = ["registration_windows.manage"]))
)]
#[post("/registration-windows")]
pub async fn create_registration_window(
    state: Data<AppState>,
    caller: Caller,
    window: Body<WindowRequest>,
) -> Result<HttpResponse, ApiError> {
    let window = window.into_inner();
    let record = state.store.write(&caller.audit(), async |tx| windows::create(tx, window).await).await?;
    Ok(respond_window(record, true))
}

/// Get a registration window
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Window id")),
    responses((status = 200, description = "The window", body = WindowView, headers(("ETag" = String, description = "The window's version")))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/registration-windows/{id}")]
pub async fn get_registration_window(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond_window(windows::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Move or re-announce a registration window
///
/// Requires `If-Match`. Applications already made stay.
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = Uuid, Path, description = "Window id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = WindowRequest,
    responses(
        (status = 200, description = "Updated", body = WindowView, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["registration_windows.manage"]))
)]
#[patch("/registration-windows/{id}")]
pub async fn update_registration_window(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<WindowRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let record = state.store.write(&caller.audit(), async |tx| windows::update(tx, id, version, value).await).await?;
    Ok(respond_window(record, false))
}

// ---- applications -------------------------------------------------------------------------

/// The rubric's answers and the tier they give.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ApplicationScore)]
pub struct ScoreView {
    pub answers: Vec<Answer>,
    pub points: u32,
    pub tier: String,
}

impl From<store::Score> for ScoreView {
    fn from(score: store::Score) -> Self {
        ScoreView { answers: score.answers, points: score.points, tier: score.tier }
    }
}

/// An outlet's application for a fiscal year.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Application)]
pub struct ApplicationResponse {
    pub id: Uuid,
    pub outlet_id: Uuid,
    pub outlet_name: String,
    pub media_type: MediaType,
    pub company_id: Uuid,
    pub company_name: String,
    pub fiscal_year: i32,
    /// The policy version the application is judged by, fixed when it was made.
    pub policy_version_id: Uuid,
    pub state: ApplicationState,
    /// The steps its state allows (the caller's role may allow fewer).
    pub next_steps: Vec<Step>,
    #[schema(required = true)]
    pub submitted_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub score: Option<ScoreView>,
    /// The reason of the latest step that gave one (a revision request, a rejection).
    #[schema(required = true)]
    pub last_reason: Option<String>,
    #[schema(required = true)]
    pub decided_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub decided_by: Option<Uuid>,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` with a step or a score.
    pub version: i32,
}

impl From<ApplicationView> for ApplicationResponse {
    fn from(view: ApplicationView) -> Self {
        let record = view.application;
        ApplicationResponse {
            id: record.id,
            outlet_id: record.outlet_id,
            outlet_name: view.outlet_name,
            media_type: view.media_type,
            company_id: record.company_id,
            company_name: view.company_name,
            fiscal_year: record.fiscal_year.year(),
            policy_version_id: record.policy_version_id,
            next_steps: next_steps(record.state, record.fiscal_year),
            state: record.state,
            submitted_at: record.submitted_at,
            score: record.score.map(ScoreView::from),
            last_reason: record.last_reason,
            decided_at: record.decided_at,
            decided_by: record.decided_by,
            created_by: record.created_by,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// The steps the application's state allows today: once its fiscal year is over only `lapse`,
/// and `lapse` only then.
fn next_steps(state: ApplicationState, fiscal_year: FiscalYear) -> Vec<Step> {
    let year_over = chrono::Datelike::year(&jakarta_today()) > fiscal_year.year();
    Step::ALL.into_iter().filter(|step| step.from(state).is_some() && (*step == Step::Lapse) == year_over).collect()
}

fn respond_application(view: ApplicationView, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(view.application.version)).json(ApplicationResponse::from(view))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
    pub state: Option<ApplicationState>,
    pub company_id: Option<Uuid>,
    pub outlet_id: Option<Uuid>,
}

/// List applications
///
/// In the order they were made; filters combine.
#[utoipa::path(
    tag = "applications",
    params(ApplicationFilters, PagingParams),
    responses((status = 200, description = "Applications", body = Page<ApplicationResponse>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications")]
pub async fn list_applications(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<ApplicationFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<ApplicationResponse>>, ApiError> {
    let ApplicationFilters { fiscal_year, state: wanted, company_id, outlet_id } = filters.0;
    let fiscal_year = YearFilter { fiscal_year }.year()?;
    let filter = ApplicationFilter { fiscal_year, state: wanted, company_id, outlet_id };
    let page = store::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, ApplicationResponse::from)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApplicationRequest {
    pub outlet_id: Uuid,
    #[schema(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
}

/// An application to open: the outlet and the year.
#[derive(Debug)]
pub struct NewApplication {
    outlet_id: Uuid,
    fiscal_year: FiscalYear,
}

impl Input for CreateApplicationRequest {
    type Value = NewApplication;
}

impl TryFrom<CreateApplicationRequest> for NewApplication {
    type Error = Violations;

    fn try_from(request: CreateApplicationRequest) -> Result<Self, Violations> {
        Ok(NewApplication { outlet_id: request.outlet_id, fiscal_year: year(request.fiscal_year, "fiscal_year")? })
    }
}

/// Open an application
///
/// A draft for the outlet and fiscal year, judged by the year's current policy version; only
/// while a window of that year is open, and only for an active company.
#[utoipa::path(
    tag = "applications",
    request_body = CreateApplicationRequest,
    responses(
        (status = 201, description = "Opened as a draft", body = ApplicationResponse, headers(("ETag" = String, description = "The application's version"))),
        (status = 409, description = "Already applied (`application_exists`), no open window (`no_open_window`), no policy for the year (`no_policy_for_year`), company suspended or barred (`company_not_active`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such outlet (`unknown_outlet`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.manage"]))
)]
#[post("/applications")]
pub async fn create_application(
    state: Data<AppState>,
    caller: Caller,
    new: Body<CreateApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let NewApplication { outlet_id, fiscal_year } = new.into_inner();
    let today = jakarta_today();
    let created =
        state.store.write(&caller.audit(), async |tx| store::create(tx, outlet_id, fiscal_year, today).await).await?;
    Ok(respond_application(store::get(&state.store, caller.scope(), created.id).await?, true))
}

/// Get an application
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses((status = 200, description = "The application", body = ApplicationResponse, headers(("ETag" = String, description = "The application's version")))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}")]
pub async fn get_application(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond_application(store::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// A step taken, as the journal keeps it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ApplicationStep)]
pub struct StepView {
    pub id: Uuid,
    pub step: Step,
    pub from: ApplicationState,
    pub to: ApplicationState,
    #[schema(required = true)]
    pub reason: Option<String>,
    pub policy_version_id: Uuid,
    /// For decisions: what they saw (`blockers`, `evaluation`, `score`, `site_visit`).
    #[schema(required = true, value_type = Option<Object>)]
    pub evidence: Option<serde_json::Value>,
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

impl From<StepRecord> for StepView {
    fn from(record: StepRecord) -> Self {
        StepView {
            id: record.id,
            step: record.step,
            from: record.from,
            to: record.to,
            reason: record.reason,
            policy_version_id: record.policy_version_id,
            evidence: record.evidence,
            actor_id: record.actor_id,
            at: record.at,
        }
    }
}

/// List an application's steps
///
/// Oldest first, with reasons and what each decision saw.
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses((status = 200, description = "The steps", body = Vec<StepView>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}/steps")]
pub async fn list_application_steps(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<StepView>>, ApiError> {
    let steps = store::steps(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(steps.into_iter().map(StepView::from).collect()))
}

/// A requirement of the application's policy and its current document, if any.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequirementStatusView {
    pub requirement: Requirement,
    #[schema(required = true)]
    pub document: Option<DocumentView>,
}

/// Where an application stands today against its policy.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ApplicationReadiness)]
pub struct ReadinessView {
    /// The day judged (Jakarta).
    pub on: NaiveDate,
    /// True when every eligibility rule passes.
    pub eligible: bool,
    /// Every applicable rule's verdict, with what it expected and what it found.
    pub rules: Vec<RuleOutcome>,
    /// Each requirement for the outlet's media type and its current document.
    pub requirements: Vec<RequirementStatusView>,
    #[schema(required = true)]
    pub score: Option<ScoreView>,
    #[schema(required = true)]
    pub site_visit: Option<VisitConclusion>,
    /// What stands in the way of verifying or approving; empty when ready.
    pub blockers: Vec<Blocker>,
    pub ready: bool,
}

impl From<Readiness> for ReadinessView {
    fn from(readiness: Readiness) -> Self {
        ReadinessView {
            on: readiness.on,
            eligible: readiness.evaluation.eligible,
            rules: readiness.evaluation.rules,
            requirements: readiness
                .requirements
                .into_iter()
                .map(|status| RequirementStatusView {
                    requirement: status.requirement,
                    document: status.document.map(DocumentView::from),
                })
                .collect(),
            score: readiness.score.map(ScoreView::from),
            site_visit: readiness.visit,
            ready: readiness.blockers.is_empty(),
            blockers: readiness.blockers,
        }
    }
}

/// Evaluate an application
///
/// Judges the application now, from the registry as it stands, by its policy version: each
/// eligibility rule (pass, fail or missing, with its evidence), each required document, the
/// score, the site visit, and the list of what blocks verification or approval.
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses((status = 200, description = "The evaluation", body = ReadinessView)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}/readiness")]
pub async fn get_application_readiness(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<ReadinessView>, ApiError> {
    let readiness = store::readiness(&state.store, caller.scope(), id.into_inner(), jakarta_today()).await?;
    Ok(Json(readiness.into()))
}

/// A step's reason: required to send back or reject, optional otherwise.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepBody {
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Reason>)]
    #[validate(length(max = Reason::MAX))]
    pub reason: Option<String>,
}

impl Input for StepBody {
    type Value = Option<String>;
}

/// The reason as given; whether the step needs one is judged with the step.
impl TryFrom<StepBody> for Option<String> {
    type Error = Violations;

    fn try_from(body: StepBody) -> Result<Self, Violations> {
        Ok(body.reason.filter(|reason| !reason.trim().is_empty()))
    }
}

/// Takes `step` on the application named in the path, as the caller.
async fn take_step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    update: Update<StepBody>,
    step: Step,
) -> Result<HttpResponse, ApiError> {
    let Update { value: reason, version } = update;
    let request = StepRequest::new(step, reason.as_deref()).map_err(Violations::from)?;
    let today = jakarta_today();
    state.store.write(&caller.audit(), async |tx| store::take_step(tx, id, version, request, today).await).await?;
    Ok(respond_application(store::get(&state.store, caller.scope(), id).await?, false))
}

/// Declares one step operation: they differ in path, permission and words only.
macro_rules! step_operation {
    ($name:ident, $step:expr, $path:literal, $permission:literal, $summary:literal, $description:literal) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $description]
        #[utoipa::path(
            tag = "applications",
            params(
                ("id" = Uuid, Path, description = "Application id"),
                ("If-Match" = String, Header, description = "ETag of the version being changed"),
            ),
            request_body = StepBody,
            responses(
                (status = 200, description = "Done", body = ApplicationResponse, headers(("ETag" = String, description = "The new version"))),
                (status = 409, description = "Not allowed in its state (`step_not_allowed`), fiscal year over (`fiscal_year_over`), something in the way (`application_not_ready`, see `blockers`), no open window (`no_open_window`)", body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = [$permission]))
        )]
        #[post($path)]
        pub async fn $name(
            state: Data<AppState>,
            caller: Caller,
            id: Path<Uuid>,
            update: Update<StepBody>,
        ) -> Result<HttpResponse, ApiError> {
            take_step(&state, &caller, id.into_inner(), update, $step).await
        }
    };
}

step_operation!(
    submit_application,
    Step::Submit,
    "/applications/{id}/submit",
    "applications.manage",
    "Submit an application",
    "From a draft (while a window is open) or after a revision request."
);
step_operation!(
    withdraw_application,
    Step::Withdraw,
    "/applications/{id}/withdraw",
    "applications.manage",
    "Withdraw an application",
    "At the applicant's request, before any decision."
);
step_operation!(
    start_application_review,
    Step::StartReview,
    "/applications/{id}/start-review",
    "applications.review",
    "Start reviewing an application",
    "Takes a submitted application into review: documents can then be reviewed, the visit recorded and the rubric scored."
);
step_operation!(
    request_application_revision,
    Step::RequestRevision,
    "/applications/{id}/request-revision",
    "applications.review",
    "Send an application back for revision",
    "The reason tells the applicant what to fix; they resubmit."
);
step_operation!(
    verify_application,
    Step::Verify,
    "/applications/{id}/verify",
    "applications.review",
    "Verify an application",
    "Refused with `application_not_ready` while any mandatory document is missing, unreviewed, rejected or expired, any rule fails or lacks its fact, the rubric is unscored or the visit is missing or did not confirm. Nobody can override it."
);
step_operation!(
    reject_application,
    Step::Reject,
    "/applications/{id}/reject",
    "applications.review",
    "Reject an application",
    "From review or after verification, with the grounds."
);
step_operation!(
    approve_application,
    Step::Approve,
    "/applications/{id}/approve",
    "applications.approve",
    "Approve a verified application",
    "Checked again as for verification: a document that expired since is in the way."
);

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LapseRequest {
    #[schema(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
}

impl Input for LapseRequest {
    type Value = FiscalYear;
}

impl TryFrom<LapseRequest> for FiscalYear {
    type Error = Violations;

    fn try_from(request: LapseRequest) -> Result<Self, Violations> {
        Ok(year(request.fiscal_year, "fiscal_year")?)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LapseResult {
    /// How many applications lapsed.
    pub lapsed: u64,
}

/// Lapse a finished fiscal year's applications
///
/// Every application of the year that no final step closed, approved ones included (a
/// partnership is for one fiscal year), each with its own journalled step.
#[utoipa::path(
    tag = "applications",
    request_body = LapseRequest,
    responses(
        (status = 200, description = "Lapsed", body = LapseResult),
        (status = 409, description = "The year is not over (`fiscal_year_not_over`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.approve"]))
)]
#[post("/applications/lapse")]
pub async fn lapse_applications(
    state: Data<AppState>,
    caller: Caller,
    request: Body<LapseRequest>,
) -> Result<Json<LapseResult>, ApiError> {
    let (fiscal_year, today) = (request.into_inner(), jakarta_today());
    let lapsed = state.store.write(&caller.audit(), async |tx| store::lapse_year(tx, fiscal_year, today).await).await?;
    Ok(Json(LapseResult { lapsed }))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreRequest {
    /// One answer per criterion of the rubric that applies to the outlet's media type.
    #[validate(length(max = 100))]
    #[schema(max_items = 100)]
    pub answers: Vec<Answer>,
}

impl Input for ScoreRequest {
    type Value = Vec<Answer>;
}

impl TryFrom<ScoreRequest> for Vec<Answer> {
    type Error = Violations;

    fn try_from(request: ScoreRequest) -> Result<Self, Violations> {
        Ok(request.answers)
    }
}

/// Score an application
///
/// Replaces the rubric's answers of an application in review; the points give its tier.
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = ScoreRequest,
    responses(
        (status = 200, description = "Scored", body = ApplicationResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not in review (`not_under_review`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.review"]))
)]
#[put("/applications/{id}/score")]
pub async fn score_application(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<ScoreRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    state.store.write(&caller.audit(), async |tx| store::score(tx, id, version, value).await).await?;
    Ok(respond_application(store::get(&state.store, caller.scope(), id).await?, false))
}

// ---- documents ------------------------------------------------------------------------------

/// A document handed in for a requirement.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ApplicationDocument)]
pub struct DocumentView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub requirement: String,
    pub file_name: String,
    /// Judged from the content, not the name.
    pub file_type: FileType,
    pub file_size: i64,
    /// The SHA-256 of the content.
    pub sha256: String,
    #[schema(required = true)]
    pub expires_on: Option<NaiveDate>,
    /// False once a newer document for the requirement replaced it.
    pub current: bool,
    pub review: ReviewStatus,
    #[schema(required = true)]
    pub review_note: Option<String>,
    #[schema(required = true)]
    pub reviewed_by: Option<Uuid>,
    #[schema(required = true)]
    pub reviewed_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// Send as `If-Match` with a review.
    pub version: i32,
}

impl From<DocumentRecord> for DocumentView {
    fn from(record: DocumentRecord) -> Self {
        DocumentView {
            id: record.id,
            application_id: record.application_id,
            requirement: record.requirement,
            file_name: record.file.name,
            file_type: record.file.file_type,
            file_size: record.file.size,
            sha256: record.file.sha256,
            expires_on: record.expires_on,
            current: record.current,
            review: record.review,
            review_note: record.review_note,
            reviewed_by: record.reviewed_by,
            reviewed_at: record.reviewed_at,
            uploaded_by: record.uploaded_by,
            created_at: record.created_at,
            version: record.version,
        }
    }
}

/// List an application's documents
///
/// Replaced ones too, by requirement, newest first.
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses((status = 200, description = "The documents", body = Vec<DocumentView>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}/documents")]
pub async fn list_application_documents(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<DocumentView>>, ApiError> {
    let documents = documents::list(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(documents.into_iter().map(DocumentView::from).collect()))
}

/// The form that hands in a document.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the multipart form; the handler reads the parts as they stream")]
pub struct DocumentForm {
    /// PDF, JPEG or PNG as the requirement allows, judged by content; at most the requirement's
    /// size.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// `YYYY-MM-DD`; required when the requirement needs an expiry date.
    #[schema(required = false)]
    expires_on: Option<NaiveDate>,
}

/// An upload's `expires_on`, when given.
fn expiry(fields: &BTreeMap<String, String>) -> Result<Option<NaiveDate>, ApiError> {
    match fields.get("expires_on").map(|raw| raw.trim()).filter(|raw| !raw.is_empty()) {
        None => Ok(None),
        Some(raw) => raw.parse::<NaiveDate>().map(Some).map_err(|_| {
            ApiError::from(Violations::from(Violation::new(
                "expires_on",
                ViolationCode::InvalidFormat,
                "a date is YYYY-MM-DD",
            )))
        }),
    }
}

/// Hand in a document
///
/// For one requirement of the application's policy, while the application is a draft or sent
/// back for revision; it replaces the requirement's current document. The file's type is judged
/// from its content and its size against the requirement, as it streams in; a refused form stores
/// nothing.
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = Uuid, Path, description = "Application id"),
        ("requirement" = String, Path, description = "The requirement's code"),
    ),
    request_body(content = DocumentForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Handed in, pending review", body = DocumentView),
        (status = 400, description = "No such requirement for the application, a bad expiry date or form (`validation_failed`, `file_missing`, `too_many_files`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The application takes no documents now (`documents_closed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than the requirement allows (`file_too_large`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "A type the requirement does not take (`file_type_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or cut short (`file_empty`, `file_truncated`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.manage"]))
)]
#[post("/applications/{id}/documents/{requirement}")]
pub async fn upload_application_document(
    state: Data<AppState>,
    caller: Caller,
    path: Path<(Uuid, String)>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let (id, code) = path.into_inner();
    let requirement = documents::requirement_for(&state.store, caller.scope(), id, &code).await?;
    let judge = |fields: &BTreeMap<String, String>| {
        requirement.expiry(expiry(fields)?).map_err(|violation| ApiError::from(Violations::from(violation)))
    };
    let (upload, expires_on) =
        receive_upload(form, &state.files, &requirement.file_types, requirement.max_size_bytes, judge).await?;
    let file = upload.file_ref();
    let document =
        state.store.write(&caller.audit(), async |tx| documents::add(tx, id, &code, file, expires_on).await).await?;
    Ok(HttpResponse::Created().insert_header(etag(document.version)).json(DocumentView::from(document)))
}

/// Get a document's record
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 200, description = "The document", body = DocumentView, headers(("ETag" = String, description = "The document's version")))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/application-documents/{id}")]
pub async fn get_application_document(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let document = documents::get(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(document.version)).json(DocumentView::from(document)))
}

/// Serves a stored file under the name it was handed in with.
async fn download(state: &AppState, file: FileRef) -> Result<Download, ApiError> {
    crate::files::download(&state.files, file).await
}

/// Download a document
///
/// Always as an attachment, with headers that stop a browser from running or keeping it.
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 200, description = "The file", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png")
    ))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/application-documents/{id}/content")]
pub async fn download_application_document(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Download, ApiError> {
    let document = documents::get(&state.store, caller.scope(), id.into_inner()).await?;
    download(&state, document.file).await
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// `accepted` or `rejected`.
    pub review: ReviewStatus,
    /// Required with a rejection: what is wrong with the document.
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Reason>)]
    #[validate(length(max = Reason::MAX))]
    pub note: Option<String>,
}

impl Input for ReviewRequest {
    type Value = Review;
}

impl TryFrom<ReviewRequest> for Review {
    type Error = Violations;

    fn try_from(request: ReviewRequest) -> Result<Self, Violations> {
        let note = request.note.filter(|note| !note.trim().is_empty());
        Review::new(request.review, note.as_deref()).map_err(Violations::from)
    }
}

/// Review a document
///
/// Accept it, or reject it with a note, while its application is in review.
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = Uuid, Path, description = "Document id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "Reviewed", body = DocumentView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not in review (`not_under_review`) or replaced (`document_replaced`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.review"]))
)]
#[post("/application-documents/{id}/review")]
pub async fn review_application_document(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let document =
        state.store.write(&caller.audit(), async |tx| documents::review(tx, id, version, value).await).await?;
    Ok(HttpResponse::Ok().insert_header(etag(document.version)).json(DocumentView::from(document)))
}

/// A current document that expires soon (or has), and whose it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpiringDocumentView {
    pub document: DocumentView,
    pub fiscal_year: i32,
    pub application_state: ApplicationState,
    pub company_id: Uuid,
    pub company_name: String,
    pub outlet_id: Uuid,
    pub outlet_name: String,
    /// Days until it expires; negative once expired.
    pub days_left: i64,
}

impl From<ExpiringDocument> for ExpiringDocumentView {
    fn from(item: ExpiringDocument) -> Self {
        let days_left = item.document.expires_on.map_or(0, |until| (until - jakarta_today()).num_days());
        ExpiringDocumentView {
            document: item.document.into(),
            fiscal_year: item.fiscal_year.year(),
            application_state: item.application_state,
            company_id: item.company_id,
            company_name: item.company_name,
            outlet_id: item.outlet_id,
            outlet_name: item.outlet_name,
            days_left,
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpiringFilters {
    /// How far ahead to look, in days (default 30); expired documents are always listed.
    #[param(minimum = 0, maximum = 3660)]
    #[validate(range(max = 3660))]
    pub within_days: Option<u32>,
}

/// A cursor of the expiring list: the last item's expiry date and id.
#[derive(Debug, Clone, Copy)]
pub struct ExpiryCursor(NaiveDate, Uuid);

impl std::str::FromStr for ExpiryCursor {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (date, id) = text.split_once('/').ok_or(())?;
        Ok(ExpiryCursor(date.parse().map_err(|_| ())?, id.parse().map_err(|_| ())?))
    }
}

/// List documents expiring soon
///
/// Current documents of live applications that expire within `within_days`, the expired first.
#[utoipa::path(
    tag = "applications",
    params(ExpiringFilters, PagingParams),
    responses((status = 200, description = "Documents by expiry date", body = Page<ExpiringDocumentView>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/application-documents/expiring")]
pub async fn list_expiring_documents(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<ExpiringFilters>,
    paging: Paging<ExpiryCursor>,
) -> Result<Json<Page<ExpiringDocumentView>>, ApiError> {
    let within = filters.0.within_days.unwrap_or(30);
    let request = mitra_persistence::PageRequest {
        limit: paging.0.limit,
        after: paging.0.after.map(|ExpiryCursor(date, id)| (date, id)),
    };
    let page = documents::expiring(&state.store, caller.scope(), within, jakarta_today(), request).await?;
    let page = mitra_persistence::Page { items: page.items, next: page.next.map(|(date, id)| format!("{date}/{id}")) };
    Ok(Json(Page::of(page, ExpiringDocumentView::from)))
}

// ---- site visit ----------------------------------------------------------------------------

/// The site visit (*verifikasi faktual*).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SiteVisit)]
pub struct VisitView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub visited_on: NaiveDate,
    pub team: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    pub conclusion: VisitConclusion,
    #[schema(required = true)]
    pub notes: Option<String>,
    #[schema(required = true)]
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when replacing.
    pub version: i32,
}

impl From<VisitRecord> for VisitView {
    fn from(record: VisitRecord) -> Self {
        let visit = record.visit;
        VisitView {
            id: record.id,
            application_id: record.application_id,
            visited_on: visit.visited_on,
            team: visit.team,
            checklist: visit.checklist,
            conclusion: visit.conclusion,
            notes: visit.notes,
            recorded_by: record.recorded_by,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

fn respond_visit(record: VisitRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(record.version)).json(VisitView::from(record))
}

/// One line of the checklist as sent.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistLine {
    #[schema(schema_with = text::<VisitText>)]
    #[validate(length(min = VisitText::MIN, max = VisitText::MAX))]
    pub item: String,
    pub ok: bool,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<VisitText>)]
    #[validate(length(max = VisitText::MAX))]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitRequest {
    /// The day of the visit; not in the future.
    pub visited_on: NaiveDate,
    /// The team members' names.
    #[schema(min_items = 1, max_items = 10)]
    #[validate(length(min = 1, max = MAX_TEAM))]
    pub team: Vec<String>,
    #[serde(default)]
    #[schema(max_items = 50)]
    #[validate(length(max = MAX_CHECKLIST), nested)]
    pub checklist: Vec<ChecklistLine>,
    pub conclusion: VisitConclusion,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Reason>)]
    #[validate(length(max = Reason::MAX))]
    pub notes: Option<String>,
}

impl Input for VisitRequest {
    type Value = SiteVisit;
}

impl TryFrom<VisitRequest> for SiteVisit {
    type Error = Violations;

    fn try_from(request: VisitRequest) -> Result<Self, Violations> {
        let checklist: Vec<ChecklistItem> = request
            .checklist
            .into_iter()
            .map(|line| ChecklistItem {
                item: line.item,
                ok: line.ok,
                note: line.note.filter(|note| !note.trim().is_empty()),
            })
            .collect();
        let notes = request.notes.filter(|notes| !notes.trim().is_empty());
        SiteVisit::new(
            request.visited_on,
            &request.team,
            &checklist,
            request.conclusion,
            notes.as_deref(),
            jakarta_today(),
        )
    }
}

/// Get an application's site visit
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The visit", body = VisitView, headers(("ETag" = String, description = "The visit's version"))),
        (status = 404, description = "No visit recorded yet (`not_found`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}/site-visit")]
pub async fn get_site_visit(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond_visit(visits::of_application(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Record an application's site visit
///
/// While the application is in review; one per application (replace it to correct it).
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = VisitRequest,
    responses(
        (status = 201, description = "Recorded", body = VisitView, headers(("ETag" = String, description = "The visit's version"))),
        (status = 409, description = "Not in review (`not_under_review`) or already recorded (`site_visit_recorded`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.review"]))
)]
#[post("/applications/{id}/site-visit")]
pub async fn record_site_visit(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    visit: Body<VisitRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, visit) = (id.into_inner(), visit.into_inner());
    let record = state.store.write(&caller.audit(), async |tx| visits::record(tx, id, visit).await).await?;
    Ok(respond_visit(record, true))
}

/// Get a site visit
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Site visit id")),
    responses((status = 200, description = "The visit", body = VisitView, headers(("ETag" = String, description = "The visit's version")))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/site-visits/{id}")]
pub async fn get_site_visit_by_id(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond_visit(visits::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Replace a site visit's record
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = Uuid, Path, description = "Site visit id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = VisitRequest,
    responses(
        (status = 200, description = "Replaced", body = VisitView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not in review (`not_under_review`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.review"]))
)]
#[put("/site-visits/{id}")]
pub async fn replace_site_visit(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<VisitRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let record = state.store.write(&caller.audit(), async |tx| visits::replace(tx, id, version, value).await).await?;
    Ok(respond_visit(record, false))
}

/// A photo from a site visit.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SiteVisitPhoto)]
pub struct PhotoView {
    pub id: Uuid,
    pub application_id: Uuid,
    pub file_name: String,
    pub file_type: FileType,
    pub file_size: i64,
    pub sha256: String,
    #[schema(required = true)]
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<PhotoRecord> for PhotoView {
    fn from(record: PhotoRecord) -> Self {
        PhotoView {
            id: record.id,
            application_id: record.application_id,
            file_name: record.file.name,
            file_type: record.file.file_type,
            file_size: record.file.size,
            sha256: record.file.sha256,
            uploaded_by: record.uploaded_by,
            created_at: record.created_at,
        }
    }
}

/// The form that hands in a photo.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the multipart form; the handler reads the parts as they stream")]
pub struct PhotoForm {
    /// JPEG or PNG, judged by content; at most 10 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// List a site visit's photos
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses((status = 200, description = "The photos", body = Vec<PhotoView>)),
    security(("bearer" = ["applications.read"]))
)]
#[get("/applications/{id}/site-visit/photos")]
pub async fn list_site_visit_photos(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<PhotoView>>, ApiError> {
    let photos = visits::photos(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(photos.into_iter().map(PhotoView::from).collect()))
}

/// Add a site visit photo
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    request_body(content = PhotoForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Added", body = PhotoView),
        (status = 409, description = "Not in review (`not_under_review`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB (`file_too_large`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG or PNG (`file_type_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["applications.review"]))
)]
#[post("/applications/{id}/site-visit/photos")]
pub async fn add_site_visit_photo(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Judged before the photo is read, so a closed application costs no upload.
    store::get(&state.store, caller.scope(), id).await.and_then(|view| {
        if view.application.state.under_review() {
            Ok(())
        } else {
            Err(mitra_persistence::StoreError::Refused(mitra_persistence::Refusal::NotUnderReview))
        }
    })?;
    let (upload, ()) = receive_upload(form, &state.files, PHOTO_TYPES, PHOTO_MAX_BYTES, |_| Ok(())).await?;
    let file = upload.file_ref();
    let photo = state.store.write(&caller.audit(), async |tx| visits::add_photo(tx, id, file).await).await?;
    Ok(HttpResponse::Created().json(PhotoView::from(photo)))
}

/// Download a site visit photo
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path, description = "Photo id")),
    responses((status = 200, description = "The photo", content((Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png")))),
    security(("bearer" = ["applications.read"]))
)]
#[get("/site-visit-photos/{id}/content")]
pub async fn download_site_visit_photo(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Download, ApiError> {
    let photo = visits::photo(&state.store, caller.scope(), id.into_inner()).await?;
    download(&state, photo.file).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expiry_cursor_reads_back_what_the_list_wrote() {
        let id = Uuid::now_v7();
        let cursor: ExpiryCursor = format!("2027-03-01/{id}").parse().unwrap();
        assert_eq!((cursor.0, cursor.1), (NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(), id));
        assert!("2027-03-01".parse::<ExpiryCursor>().is_err());
        assert!(format!("2027-13-01/{id}").parse::<ExpiryCursor>().is_err());
    }
}
