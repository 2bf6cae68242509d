//! Agreements: drafted for the company of an approved application, priced line by line from
//! the rate card with the negotiation recorded, numbered, signed (activated, which reserves the
//! ceiling on the budget line), amended with history, and ended.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post, put};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::agreements::{
    AgreementKind, AgreementLine, AgreementReason, AgreementState, AgreementStep, AgreementTitle, ExternalOrderId,
    MAX_LINES, MAX_QUOTA, NEGOTIATION_NOTE_MAX, Negotiation, StepRequest, TerminationGround, Terms, TermsRequest,
    amendment_reason,
};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::MediaType;
use mitra_domain::{TextRule, Violation, Violations};
use mitra_persistence::StoreError;
use mitra_persistence::agreements::{self, AgreementFilter, AgreementView, AmendmentRecord, LineRecord};
use mitra_persistence::calendar::jakarta_today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::routes::budget::BudgetLineResponse;
use crate::state::AppState;
use crate::validation::{nullable_text, text};

/// A product the agreement buys: its quota, its negotiation and the rate card entry it was
/// priced by.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AgreementLine)]
pub struct LineView {
    pub id: Uuid,
    #[schema(example = "advertorial")]
    pub product: String,
    pub quota: u32,
    /// Units on orders that were not declined or cancelled.
    pub ordered: u32,
    /// Units that can still be ordered.
    pub available: u32,
    pub offered_price: Rupiah,
    /// The reference the offer was weighed against (*harga perkiraan*).
    pub reference_price: Rupiah,
    /// The unit price orders are issued at.
    pub agreed_price: Rupiah,
    #[schema(required = true)]
    pub negotiation_note: Option<String>,
    /// The rate card's maximum for the outlet's media type and tier when the price was agreed.
    pub rate_max: Rupiah,
    pub tax_inclusive: bool,
    pub legal_basis: String,
}

impl From<LineRecord> for LineView {
    fn from(line: LineRecord) -> Self {
        LineView {
            id: line.id,
            product: line.product,
            quota: line.quota,
            ordered: line.ordered,
            available: line.quota.saturating_sub(line.ordered),
            offered_price: line.negotiation.offered,
            reference_price: line.negotiation.reference,
            agreed_price: line.negotiation.agreed,
            negotiation_note: line.negotiation.note,
            rate_max: line.rate_max,
            tax_inclusive: line.tax_inclusive,
            legal_basis: line.legal_basis,
        }
    }
}

/// An agreement with its lines and its budget line's figures.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Agreement)]
pub struct AgreementResponse {
    pub id: Uuid,
    /// The official number, from the organisation's pattern.
    #[schema(example = "001/PKS/DISKOMINFO/II/2026")]
    pub number: String,
    pub application_id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub outlet_id: Uuid,
    pub outlet_name: String,
    pub media_type: MediaType,
    /// The tier the application's score reached: the rate card's column.
    pub tier: String,
    pub fiscal_year: i32,
    pub policy_version_id: Uuid,
    pub kind: AgreementKind,
    pub title: String,
    #[schema(required = true)]
    pub external_order_id: Option<String>,
    pub budget_line: BudgetLineResponse,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    /// Held on the budget line: the ceiling while active, what it used once closed.
    pub reserved: Rupiah,
    /// Orders issued and not yet paid, declined or cancelled.
    pub committed: Rupiah,
    pub realised: Rupiah,
    /// What can still be ordered: ceiling - committed - realised.
    pub remaining: Rupiah,
    pub state: AgreementState,
    #[schema(required = true)]
    pub ground: Option<TerminationGround>,
    /// The reason of the latest step or amendment that gave one.
    #[schema(required = true)]
    pub last_reason: Option<String>,
    pub amendments: i32,
    #[schema(required = true)]
    pub activated_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub closed_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` with a change or a step.
    pub version: i32,
    pub lines: Vec<LineView>,
    /// The steps its state allows.
    pub next_steps: Vec<AgreementStep>,
}

impl From<AgreementView> for AgreementResponse {
    fn from(view: AgreementView) -> Self {
        let agreement = view.agreement;
        let remaining = agreement.remaining();
        AgreementResponse {
            id: agreement.id,
            number: agreement.number,
            application_id: agreement.application_id,
            company_id: agreement.company_id,
            company_name: view.company_name,
            outlet_id: agreement.outlet_id,
            outlet_name: view.outlet_name,
            media_type: agreement.media_type,
            tier: agreement.tier,
            fiscal_year: agreement.fiscal_year.year(),
            policy_version_id: agreement.policy_version_id,
            kind: agreement.kind,
            title: agreement.title,
            external_order_id: agreement.external_order_id,
            budget_line: view.budget_line.into(),
            starts_on: agreement.starts_on,
            ends_on: agreement.ends_on,
            ceiling: agreement.ceiling,
            reserved: agreement.reserved,
            committed: agreement.committed,
            realised: agreement.realised,
            remaining,
            state: agreement.state,
            ground: agreement.ground,
            last_reason: agreement.last_reason,
            amendments: agreement.amendments,
            activated_at: agreement.activated_at,
            closed_at: agreement.closed_at,
            created_by: agreement.created_by,
            created_at: agreement.created_at,
            updated_at: agreement.updated_at,
            version: agreement.version,
            lines: agreement.lines.into_iter().map(LineView::from).collect(),
            next_steps: AgreementStep::ALL.into_iter().filter(|step| step.from(agreement.state).is_some()).collect(),
        }
    }
}

fn respond(view: AgreementView, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(view.agreement.version)).json(AgreementResponse::from(view))
}

/// One product as asked, with its negotiation.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementLineRequest {
    /// A product code of the policy.
    #[schema(min_length = 1, max_length = 40)]
    #[validate(length(min = 1, max = 40))]
    pub product: String,
    #[schema(minimum = 1, maximum = 100000)]
    #[validate(range(min = 1, max = MAX_QUOTA))]
    pub quota: u32,
    pub offered_price: Rupiah,
    pub reference_price: Rupiah,
    /// No more than offered, and no more than the rate card allows the outlet's tier.
    pub agreed_price: Rupiah,
    #[serde(default)]
    #[schema(nullable, max_length = 1000)]
    #[validate(length(max = NEGOTIATION_NOTE_MAX))]
    pub negotiation_note: Option<String>,
}

/// The terms of an agreement: drafted, edited as a draft, or amended.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementTermsRequest {
    pub kind: AgreementKind,
    #[schema(schema_with = text::<AgreementTitle>)]
    #[validate(length(min = AgreementTitle::MIN, max = AgreementTitle::MAX))]
    pub title: String,
    /// For an e-catalogue contract: its order id there.
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ExternalOrderId>)]
    #[validate(length(max = ExternalOrderId::MAX))]
    pub external_order_id: Option<String>,
    /// A budget line of the agreement's fiscal year.
    pub budget_line_id: Uuid,
    /// Inside the fiscal year.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// No more than the lines' quotas at the agreed prices.
    pub ceiling: Rupiah,
    #[schema(min_items = 1, max_items = 50)]
    #[validate(length(min = 1, max = MAX_LINES), nested)]
    pub lines: Vec<AgreementLineRequest>,
}

impl AgreementTermsRequest {
    fn terms(self) -> Result<Terms, Violations> {
        let lines = self
            .lines
            .into_iter()
            .map(|line| AgreementLine {
                product: line.product,
                quota: line.quota,
                negotiation: Negotiation {
                    offered: line.offered_price,
                    reference: line.reference_price,
                    agreed: line.agreed_price,
                    note: line.negotiation_note.filter(|note| !note.trim().is_empty()),
                },
            })
            .collect();
        Terms::new(TermsRequest {
            kind: self.kind,
            title: &self.title,
            external_order_id: self.external_order_id.as_deref(),
            budget_line_id: self.budget_line_id,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            ceiling: self.ceiling,
            lines,
        })
    }
}

impl Input for AgreementTermsRequest {
    type Value = Terms;
}

impl TryFrom<AgreementTermsRequest> for Terms {
    type Error = Violations;

    fn try_from(request: AgreementTermsRequest) -> Result<Self, Violations> {
        request.terms()
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgreementRequest {
    /// An approved application: its company, outlet, tier and policy price the agreement.
    pub application_id: Uuid,
    #[validate(nested)]
    pub terms: AgreementTermsRequest,
}

/// A draft to make: for which application, on which terms.
#[derive(Debug)]
pub struct NewAgreement {
    application_id: Uuid,
    terms: Terms,
}

impl Input for CreateAgreementRequest {
    type Value = NewAgreement;
}

impl TryFrom<CreateAgreementRequest> for NewAgreement {
    type Error = Violations;

    fn try_from(request: CreateAgreementRequest) -> Result<Self, Violations> {
        let terms = request.terms.terms().map_err(|violations| violations.within("terms"))?;
        Ok(NewAgreement { application_id: request.application_id, terms })
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendAgreementRequest {
    /// Why the agreement is amended (the addendum's grounds).
    #[schema(schema_with = text::<AgreementReason>)]
    #[validate(length(min = AgreementReason::MIN, max = AgreementReason::MAX))]
    pub reason: String,
    #[validate(nested)]
    pub terms: AgreementTermsRequest,
}

/// An amendment: the new terms and why.
#[derive(Debug)]
pub struct Amendment {
    reason: String,
    terms: Terms,
}

impl Input for AmendAgreementRequest {
    type Value = Amendment;
}

impl TryFrom<AmendAgreementRequest> for Amendment {
    type Error = Violations;

    fn try_from(request: AmendAgreementRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let reason = violations.check("reason", amendment_reason(&request.reason));
        let terms = match request.terms.terms() {
            Ok(terms) => Some(terms),
            Err(refused) => {
                for violation in refused.within("terms").into_vec() {
                    violations.push(violation);
                }
                None
            }
        };
        violations.finish(|| Some(Amendment { reason: reason?, terms: terms? }))
    }
}

/// The rules the database side found broken in the terms, reported where the request has them.
fn in_terms(err: StoreError) -> StoreError {
    match err {
        StoreError::Invalid(violations) => StoreError::Invalid(within_terms(violations)),
        other => other,
    }
}

/// `reason` and `kind` of an amendment stay where they are; the terms' fields move under `terms`.
fn within_terms(violations: Violations) -> Violations {
    let mut moved = Violations::new();
    for violation in violations.into_vec() {
        if violation.field == "reason" {
            moved.push(violation);
        } else {
            let field = violation.field.clone();
            moved.push(Violation { field: format!("terms.{field}"), ..violation });
        }
    }
    moved
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgreementFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
    pub state: Option<AgreementState>,
    pub company_id: Option<Uuid>,
    pub budget_line_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
}

/// List agreements
///
/// In the order they were drafted; filters combine.
#[utoipa::path(
    tag = "agreements",
    params(AgreementFilters, PagingParams),
    responses((status = 200, description = "Agreements", body = Page<AgreementResponse>)),
    security(("bearer" = ["agreements.read"]))
)]
#[get("/agreements")]
pub async fn list_agreements(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<AgreementFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<AgreementResponse>>, ApiError> {
    let AgreementFilters { fiscal_year, state: wanted, company_id, budget_line_id, application_id } = filters.0;
    let fiscal_year = fiscal_year
        .map(|raw| FiscalYear::parse(raw).map_err(|violation| violation.at("fiscal_year")))
        .transpose()
        .map_err(|violation| ApiError::invalid_query(violation.into()))?;
    let filter = AgreementFilter { fiscal_year, state: wanted, company_id, budget_line_id, application_id };
    let page = agreements::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, AgreementResponse::from)))
}

/// Draft an agreement
///
/// For the company of an approved application, priced from the rate card of the policy it was
/// approved under, for its outlet's media type and tier; numbered now from the organisation's
/// pattern.
#[utoipa::path(
    tag = "agreements",
    request_body = CreateAgreementRequest,
    responses(
        (status = 201, description = "Drafted", body = AgreementResponse, headers(("ETag" = String, description = "The agreement's version"))),
        (status = 409, description = "The application is not approved (`application_not_approved`), the company is not active (`company_not_active`), the year is over (`fiscal_year_over`), no numbering pattern (`no_numbering_pattern`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["agreements.manage"]))
)]
#[post("/agreements")]
pub async fn create_agreement(
    state: Data<AppState>,
    caller: Caller,
    new: Body<CreateAgreementRequest>,
) -> Result<HttpResponse, ApiError> {
    let NewAgreement { application_id, terms } = new.into_inner();
    let today = jakarta_today();
    let created = state
        .store
        .write(&caller.audit(), async |tx| agreements::create(tx, application_id, terms, today).await)
        .await
        .map_err(in_terms)?;
    Ok(respond(agreements::get(&state.store, caller.scope(), created.id).await?, true))
}

/// Get an agreement
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "Agreement id")),
    responses((status = 200, description = "The agreement", body = AgreementResponse, headers(("ETag" = String, description = "The agreement's version")))),
    security(("bearer" = ["agreements.read"]))
)]
#[get("/agreements/{id}")]
pub async fn get_agreement(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(agreements::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Edit a draft's terms
///
/// Replaces the terms of a draft; an active agreement is amended instead. Requires `If-Match`.
#[utoipa::path(
    tag = "agreements",
    params(
        ("id" = Uuid, Path, description = "Agreement id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = AgreementTermsRequest,
    responses(
        (status = 200, description = "Updated", body = AgreementResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not a draft (`agreement_not_draft`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["agreements.manage"]))
)]
#[put("/agreements/{id}")]
pub async fn update_agreement(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<AgreementTermsRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: terms, version }) = (id.into_inner(), update);
    let today = jakarta_today();
    state
        .store
        .write(&caller.audit(), async |tx| agreements::update_draft(tx, id, version, terms, today).await)
        .await?;
    Ok(respond(agreements::get(&state.store, caller.scope(), id).await?, false))
}

/// Amend an active agreement
///
/// The new terms with the reason; the terms before and after are kept. A higher ceiling is
/// reserved on the budget line (refused when it has not that much unallocated), a lower one
/// given back. Requires `If-Match`.
#[utoipa::path(
    tag = "agreements",
    params(
        ("id" = Uuid, Path, description = "Agreement id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = AmendAgreementRequest,
    responses(
        (status = 200, description = "Amended", body = AgreementResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not active (`agreement_not_active`), the budget line is fully allocated (`budget_line_fully_allocated`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["agreements.manage"]))
)]
#[post("/agreements/{id}/amendments")]
pub async fn amend_agreement(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<AmendAgreementRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: Amendment { reason, terms }, version }) = (id.into_inner(), update);
    let today = jakarta_today();
    state
        .store
        .write(&caller.audit(), async |tx| agreements::amend(tx, id, version, terms, reason, today).await)
        .await
        .map_err(in_terms)?;
    Ok(respond(agreements::get(&state.store, caller.scope(), id).await?, false))
}

/// An amendment as kept.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AgreementAmendment)]
pub struct AmendmentView {
    pub number: i32,
    pub reason: String,
    /// The agreement with its lines before the amendment.
    #[schema(value_type = Object)]
    pub before: serde_json::Value,
    /// The agreement with its lines after it.
    #[schema(value_type = Object)]
    pub after: serde_json::Value,
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

impl From<AmendmentRecord> for AmendmentView {
    fn from(record: AmendmentRecord) -> Self {
        AmendmentView {
            number: record.number,
            reason: record.reason,
            before: record.before,
            after: record.after,
            actor_id: record.actor_id,
            at: record.at,
        }
    }
}

/// List an agreement's amendments
#[utoipa::path(
    tag = "agreements",
    params(("id" = Uuid, Path, description = "Agreement id")),
    responses((status = 200, description = "Amendments, oldest first", body = Vec<AmendmentView>)),
    security(("bearer" = ["agreements.read"]))
)]
#[get("/agreements/{id}/amendments")]
pub async fn list_agreement_amendments(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<AmendmentView>>, ApiError> {
    let amendments = agreements::amendments(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(amendments.into_iter().map(AmendmentView::from).collect()))
}

/// A step's ground and reason: a termination names both.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementStepBody {
    #[serde(default)]
    #[schema(nullable)]
    pub ground: Option<TerminationGround>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<AgreementReason>)]
    #[validate(length(max = AgreementReason::MAX))]
    pub reason: Option<String>,
}

/// A step's ground and reason as given; whether the step needs them is judged with the step.
#[derive(Debug)]
pub struct StepInput {
    ground: Option<TerminationGround>,
    reason: Option<String>,
}

impl Input for AgreementStepBody {
    type Value = StepInput;
}

impl TryFrom<AgreementStepBody> for StepInput {
    type Error = Violations;

    fn try_from(body: AgreementStepBody) -> Result<Self, Violations> {
        Ok(StepInput { ground: body.ground, reason: body.reason.filter(|reason| !reason.trim().is_empty()) })
    }
}

async fn take_step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    update: Update<AgreementStepBody>,
    step: AgreementStep,
) -> Result<HttpResponse, ApiError> {
    let Update { value: body, version } = update;
    let request = StepRequest::new(step, body.ground, body.reason.as_deref())?;
    let today = jakarta_today();
    state.store.write(&caller.audit(), async |tx| agreements::take_step(tx, id, version, request, today).await).await?;
    Ok(respond(agreements::get(&state.store, caller.scope(), id).await?, false))
}

/// Declares one step operation: they differ in path and words only.
macro_rules! step_operation {
    ($name:ident, $step:expr, $path:literal, $summary:literal, $description:literal, $conflicts:literal) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $description]
        #[utoipa::path(
            tag = "agreements",
            params(
                ("id" = Uuid, Path, description = "Agreement id"),
                ("If-Match" = String, Header, description = "ETag of the version being changed"),
            ),
            request_body = AgreementStepBody,
            responses(
                (status = 200, description = "Done", body = AgreementResponse, headers(("ETag" = String, description = "The new version"))),
                (status = 409, description = $conflicts, body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = ["agreements.manage"]))
        )]
        #[post($path)]
        pub async fn $name(
            state: Data<AppState>,
            caller: Caller,
            id: Path<Uuid>,
            update: Update<AgreementStepBody>,
        ) -> Result<HttpResponse, ApiError> {
            take_step(&state, &caller, id.into_inner(), update, $step).await
        }
    };
}

step_operation!(
    activate_agreement,
    AgreementStep::Activate,
    "/agreements/{id}/activate",
    "Sign (activate) a draft agreement",
    "Reserves the ceiling on the budget line; refused when the line has not that much unallocated.",
    "Not a draft (`step_not_allowed`), the budget line is fully allocated (`budget_line_fully_allocated`), the company is not active (`company_not_active`), the application is no longer approved (`application_not_approved`)"
);
step_operation!(
    complete_agreement,
    AgreementStep::Complete,
    "/agreements/{id}/complete",
    "Complete an active agreement",
    "Keeps reserved on the budget line only what orders and payments use.",
    "Not active (`step_not_allowed`)"
);
step_operation!(
    terminate_agreement,
    AgreementStep::Terminate,
    "/agreements/{id}/terminate",
    "Terminate an active agreement",
    "Names its ground and reason; keeps reserved only what orders and payments use.",
    "Not active (`step_not_allowed`)"
);
step_operation!(
    expire_agreement,
    AgreementStep::Expire,
    "/agreements/{id}/expire",
    "Expire an agreement past its end date",
    "Keeps reserved only what orders and payments use.",
    "Not active (`step_not_allowed`), not ended (`agreement_not_ended`)"
);
