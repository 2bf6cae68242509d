//! Orders (*surat pesanan*): issued under an active agreement line, only while the company is
//! eligible and every ceiling has room, with an `Idempotency-Key`; the company's answer; a
//! cancellation before publication.

use std::sync::Arc;

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, ResponseError, get, post};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::{
    MAX_QUANTITY, NewOrder, OrderInstructions, OrderReason, OrderState, OrderStep, OrderSubject, StepRequest,
};
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::MediaType;
use mitra_domain::{TextRule, Violations};
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::idempotency::{Answer, KeyUse};
use mitra_persistence::orders::{self, IssueRequest, OrderFilter, OrderView};
use mitra_persistence::{Store, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::idempotency::{self, IdempotencyKey};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::together::Together;
use crate::validation::{nullable_text, text};
use crate::writer_thread::WriterThread;

/// A written order and where it stands.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Order)]
pub struct OrderResponse {
    pub id: Uuid,
    /// The official number, from the organisation's pattern.
    #[schema(example = "0001/SP/DISKOMINFO/III/2026")]
    pub number: String,
    pub agreement_id: Uuid,
    pub agreement_number: String,
    pub agreement_line_id: Uuid,
    pub budget_line_id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub outlet_id: Uuid,
    pub outlet_name: String,
    pub media_type: MediaType,
    pub fiscal_year: i32,
    pub product: String,
    pub quantity: u32,
    /// The agreed price when the order was issued.
    pub unit_price: Rupiah,
    /// Quantity x unit price.
    pub amount: Rupiah,
    pub subject: String,
    #[schema(required = true)]
    pub instructions: Option<String>,
    /// The press release or material to publish.
    #[schema(required = true)]
    pub content_item_id: Option<Uuid>,
    #[schema(required = true)]
    pub content_title: Option<String>,
    pub issued_on: NaiveDate,
    /// The window in which the company publishes.
    pub due_from: NaiveDate,
    pub due_until: NaiveDate,
    pub state: OrderState,
    /// The reason of the latest step that gave one (a decline, a cancellation).
    #[schema(required = true)]
    pub last_reason: Option<String>,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` with a step.
    pub version: i32,
    /// Units the verified proofs show, once the proof is decided: what is paid for.
    #[schema(required = true)]
    pub verified_quantity: Option<u32>,
    /// When the company published (its first proof).
    #[schema(required = true)]
    pub published_on: Option<NaiveDate>,
    /// The steps an officer can take now through an operation of its own (publication happens
    /// by handing in a proof; invoicing and payment where they are recorded).
    pub next_steps: Vec<OrderStep>,
}

/// The steps taken through an operation of their own.
const OFFICER_STEPS: [OrderStep; 5] =
    [OrderStep::Accept, OrderStep::Decline, OrderStep::Cancel, OrderStep::VerifyProof, OrderStep::RejectProof];

impl From<OrderView> for OrderResponse {
    fn from(view: OrderView) -> Self {
        let order = view.order;
        OrderResponse {
            id: order.id,
            number: order.number,
            agreement_id: order.agreement_id,
            agreement_number: view.agreement_number,
            agreement_line_id: order.agreement_line_id,
            budget_line_id: order.budget_line_id,
            company_id: order.company_id,
            company_name: view.company_name,
            outlet_id: order.outlet_id,
            outlet_name: view.outlet_name,
            media_type: view.media_type,
            fiscal_year: order.fiscal_year.year(),
            product: order.product,
            quantity: order.quantity,
            unit_price: order.unit_price,
            amount: order.amount,
            subject: order.subject,
            instructions: order.instructions,
            content_item_id: order.content_item_id,
            content_title: view.content_title,
            issued_on: order.issued_on,
            due_from: order.due_from,
            due_until: order.due_until,
            state: order.state,
            last_reason: order.last_reason,
            created_by: order.created_by,
            created_at: order.created_at,
            updated_at: order.updated_at,
            version: order.version,
            verified_quantity: order.verified_quantity,
            published_on: order.published_on,
            next_steps: OFFICER_STEPS.into_iter().filter(|step| step.from(order.state).is_some()).collect(),
        }
    }
}

pub(crate) fn respond(view: OrderView, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(view.order.version)).json(OrderResponse::from(view))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueOrderRequest {
    /// A line of an active agreement.
    pub agreement_line_id: Uuid,
    #[schema(minimum = 1, maximum = 10000)]
    #[validate(range(min = 1, max = MAX_QUANTITY))]
    pub quantity: u32,
    /// What the company is asked to publish.
    #[schema(schema_with = text::<OrderSubject>)]
    #[validate(length(min = OrderSubject::MIN, max = OrderSubject::MAX))]
    pub subject: String,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<OrderInstructions>)]
    #[validate(length(max = OrderInstructions::MAX))]
    pub instructions: Option<String>,
    /// A press release or material of the content bank, for the company to publish.
    #[serde(default)]
    pub content_item_id: Option<Uuid>,
    /// Not before today: an order comes before publication.
    pub due_from: NaiveDate,
    /// Inside the agreement's period.
    pub due_until: NaiveDate,
}

impl Input for IssueOrderRequest {
    type Value = NewOrder;
}

impl TryFrom<IssueOrderRequest> for NewOrder {
    type Error = Violations;

    fn try_from(request: IssueOrderRequest) -> Result<Self, Violations> {
        NewOrder::new(
            request.agreement_line_id,
            request.quantity,
            &request.subject,
            request.instructions.as_deref(),
            request.content_item_id,
            request.due_from,
            request.due_until,
        )
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
    pub state: Option<OrderState>,
    pub agreement_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub budget_line_id: Option<Uuid>,
}

/// List orders
///
/// In the order they were issued; filters combine.
#[utoipa::path(
    tag = "orders",
    params(OrderFilters, PagingParams),
    responses((status = 200, description = "Orders", body = Page<OrderResponse>)),
    security(("bearer" = ["orders.read"]))
)]
#[get("/orders")]
pub async fn list_orders(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<OrderFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<OrderResponse>>, ApiError> {
    let OrderFilters { fiscal_year, state: wanted, agreement_id, company_id, budget_line_id } = filters.0;
    let fiscal_year = fiscal_year
        .map(|raw| FiscalYear::parse(raw).map_err(|violation| violation.at("fiscal_year")))
        .transpose()
        .map_err(|violation| ApiError::invalid_query(violation.into()))?;
    let filter = OrderFilter { fiscal_year, state: wanted, agreement_id, company_id, budget_line_id };
    let page = orders::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, OrderResponse::from)))
}

/// Issue an order
///
/// Under a line of an active agreement, today inside its period, while the company is active
/// and its Press Council standing valid at the policy's minimum. The line's quota, the
/// agreement's ceiling and the budget line's ceiling are checked and moved in the one
/// transaction that numbers and records the order. Requires an `Idempotency-Key`: a retry
/// with the same key answers the first response and issues nothing.
#[utoipa::path(
    tag = "orders",
    params(("Idempotency-Key" = String, Header, description = "A new unique value (a UUID) per intended order; a retry sends the same")),
    request_body = IssueOrderRequest,
    responses(
        (status = 201, description = "Issued", body = OrderResponse, headers(("ETag" = String, description = "The order's version"))),
        (status = 409, description = "No room: `line_quota_exceeded`, `agreement_ceiling_exceeded`, `budget_exceeded`; not allowed: `agreement_not_active`, `outside_agreement_period`, `company_not_active`, `press_council_not_valid`; the key's first request still runs (`idempotency_key_in_use`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The key was used with another request (`idempotency_key_reused`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No Idempotency-Key (`idempotency_key_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["orders.manage"]))
)]
#[post("/orders")]
pub async fn issue_order(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    new: Body<IssueOrderRequest>,
) -> Result<HttpResponse, ApiError> {
    // Issued together with whatever else the organisation is issuing at this moment, its key
    // and answer kept in the same commit: see `together` and `orders::issue_group`.
    let request = IssueRequest { ctx: caller.audit(), new: new.into_inner() };
    let answer = state.issuing.submit(caller.scope(), (key.0, request)).await;
    let answer = answer.ok_or_else(|| ApiError::internal(anyhow::anyhow!("the order's group was not written")))??;
    Ok(idempotency::answer_with(answer))
}

/// The queue of the orders each organisation is issuing: a turn issues every order waiting, on
/// the day it is written.
pub fn issuing(
    thread: Arc<WriterThread>,
    store: Store,
) -> Together<(KeyUse, IssueRequest), Result<Answer, StoreError>> {
    Together::new(thread, move |_, requests| {
        let store = store.clone();
        Box::pin(async move {
            let answer = |issued: Result<OrderView, StoreError>| {
                idempotency::stored(match issued {
                    Ok(order) => respond(order, true),
                    Err(refused) => ApiError::from(refused).error_response(),
                })
            };
            orders::issue_group(&store, requests, jakarta_today(), Utc::now(), answer).await
        })
    })
}

/// Get an order
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "Order id")),
    responses((status = 200, description = "The order", body = OrderResponse, headers(("ETag" = String, description = "The order's version")))),
    security(("bearer" = ["orders.read"]))
)]
#[get("/orders/{id}")]
pub async fn get_order(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(orders::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// A step's reason: required to decline, cancel or reject a proof.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderStepBody {
    #[serde(default)]
    #[schema(schema_with = nullable_text::<OrderReason>)]
    #[validate(length(max = OrderReason::MAX))]
    pub reason: Option<String>,
}

impl Input for OrderStepBody {
    type Value = Option<String>;
}

impl TryFrom<OrderStepBody> for Option<String> {
    type Error = Violations;

    fn try_from(body: OrderStepBody) -> Result<Self, Violations> {
        Ok(body.reason.filter(|reason| !reason.trim().is_empty()))
    }
}

async fn take_step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    update: Update<OrderStepBody>,
    step: OrderStep,
) -> Result<HttpResponse, ApiError> {
    let Update { value: reason, version } = update;
    let request = StepRequest::new(step, reason.as_deref()).map_err(Violations::from)?;
    state.store.write(&caller.audit(), async |tx| orders::take_step(tx, id, version, request).await).await?;
    Ok(respond(orders::get(&state.store, caller.scope(), id).await?, false))
}

/// Declares one step operation: they differ in path and words only.
macro_rules! step_operation {
    ($name:ident, $step:expr, $path:literal, $summary:literal, $description:literal) => {
        #[doc = $summary]
        #[doc = ""]
        #[doc = $description]
        #[utoipa::path(
            tag = "orders",
            params(
                ("id" = Uuid, Path, description = "Order id"),
                ("If-Match" = String, Header, description = "ETag of the version being changed"),
            ),
            request_body = OrderStepBody,
            responses(
                (status = 200, description = "Done", body = OrderResponse, headers(("ETag" = String, description = "The new version"))),
                (status = 409, description = "Not allowed in its state (`step_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
                (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = ["orders.manage"]))
        )]
        #[post($path)]
        pub async fn $name(
            state: Data<AppState>,
            caller: Caller,
            id: Path<Uuid>,
            update: Update<OrderStepBody>,
        ) -> Result<HttpResponse, ApiError> {
            take_step(&state, &caller, id.into_inner(), update, $step).await
        }
    };
}

step_operation!(
    accept_order,
    OrderStep::Accept,
    "/orders/{id}/accept",
    "Record that the company accepted an order",
    "The company took the order on."
);
step_operation!(
    decline_order,
    OrderStep::Decline,
    "/orders/{id}/decline",
    "Record that the company declined an order",
    "Gives its units and amount back to the agreement line, the agreement and the budget line."
);
step_operation!(
    cancel_order,
    OrderStep::Cancel,
    "/orders/{id}/cancel",
    "Cancel an order before publication",
    "Only before anything is published; gives its units and amount back."
);
