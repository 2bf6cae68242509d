//! Finance: a company's invoices for proof-verified orders, the acceptance record (*BAST*), the
//! treasurer's payment with PPh 23 withheld, and what is still owed with its age.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::finance::{DocumentNumber, InvoiceNumber, InvoiceState, MAX_INVOICE_ORDERS, NewInvoice, NewPayment};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use mitra_domain::policy::FiscalYear;
use mitra_domain::{TextRule, Violations};
use mitra_persistence::Tx;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::finance::{self, InvoiceFilter, InvoiceLineRecord, InvoiceRecord, OwedItem, PaymentRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::idempotency::{self, IdempotencyKey};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::{nullable_text, text};

/// An order billed on an invoice.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InvoiceLine)]
pub struct InvoiceLineView {
    pub order_id: Uuid,
    pub order_number: String,
    /// The verified quantity.
    pub quantity: u32,
    pub unit_price: Rupiah,
    /// Quantity x unit price.
    pub amount: Rupiah,
    /// The agreed price included VAT.
    pub tax_inclusive: bool,
    /// The amount before VAT.
    pub base: Rupiah,
    pub vat: Rupiah,
    pub gross: Rupiah,
}

impl From<InvoiceLineRecord> for InvoiceLineView {
    fn from(line: InvoiceLineRecord) -> Self {
        InvoiceLineView {
            order_id: line.order_id,
            order_number: line.order_number,
            quantity: line.quantity,
            unit_price: line.unit_price,
            amount: line.amount,
            tax_inclusive: line.tax_inclusive,
            base: line.base,
            vat: line.vat,
            gross: line.gross,
        }
    }
}

/// A payment (SP2D) and the account it went to, as they were.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Payment)]
pub struct PaymentView {
    pub id: Uuid,
    pub sp2d_number: String,
    pub sp2d_date: NaiveDate,
    pub gross: Rupiah,
    /// The PPh 23 rate applied, in basis points (200 = 2 %).
    pub pph23_bp: u32,
    /// PPh 23 withheld on the amount before VAT.
    pub pph23: Rupiah,
    /// Transferred: gross - PPh 23.
    pub net: Rupiah,
    /// The amount is over the stamp duty threshold.
    pub stamp_duty: bool,
    #[schema(required = true)]
    pub withholding_slip_number: Option<String>,
    pub bank_account_id: Uuid,
    pub bank_name: String,
    pub account_number: String,
    pub holder_name: String,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<PaymentRecord> for PaymentView {
    fn from(p: PaymentRecord) -> Self {
        PaymentView {
            id: p.id,
            sp2d_number: p.sp2d_number,
            sp2d_date: p.sp2d_date,
            gross: p.gross,
            pph23_bp: p.pph23_bp,
            pph23: p.pph23,
            net: p.net,
            stamp_duty: p.stamp_duty,
            withholding_slip_number: p.withholding_slip_number,
            bank_account_id: p.bank_account_id,
            bank_name: p.bank_name,
            account_number: p.account_number,
            holder_name: p.holder_name,
            created_by: p.created_by,
            created_at: p.created_at,
        }
    }
}

/// A company's invoice, its acceptance and its payment.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Invoice)]
pub struct InvoiceResponse {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    /// The company's own invoice number.
    pub number: String,
    pub invoice_date: NaiveDate,
    pub fiscal_year: i32,
    /// The company was VAT-registered (PKP) on the invoice date.
    pub vat_registered: bool,
    pub amount: Rupiah,
    pub base: Rupiah,
    pub vat: Rupiah,
    pub gross: Rupiah,
    /// Over the stamp duty threshold.
    pub stamp_duty: bool,
    pub state: InvoiceState,
    /// The acceptance record's (BAST) number.
    #[schema(required = true)]
    pub acceptance_number: Option<String>,
    #[schema(required = true)]
    pub accepted_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub accepted_by: Option<Uuid>,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` with the acceptance.
    pub version: i32,
    pub lines: Vec<InvoiceLineView>,
    #[schema(required = true)]
    pub payment: Option<PaymentView>,
}

impl From<InvoiceRecord> for InvoiceResponse {
    fn from(record: InvoiceRecord) -> Self {
        InvoiceResponse {
            id: record.id,
            company_id: record.company_id,
            company_name: record.company_name,
            number: record.number,
            invoice_date: record.invoice_date,
            fiscal_year: record.fiscal_year.year(),
            vat_registered: record.vat_registered,
            amount: record.amount,
            base: record.base,
            vat: record.vat,
            gross: record.gross,
            stamp_duty: record.stamp_duty,
            state: record.state,
            acceptance_number: record.acceptance_number,
            accepted_on: record.accepted_on,
            accepted_by: record.accepted_by,
            created_by: record.created_by,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
            lines: record.lines.into_iter().map(InvoiceLineView::from).collect(),
            payment: record.payment.map(PaymentView::from),
        }
    }
}

fn respond(record: InvoiceRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(record.version)).json(InvoiceResponse::from(record))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceRequest {
    pub company_id: Uuid,
    /// The company's invoice number, once per company.
    #[schema(schema_with = text::<InvoiceNumber>)]
    #[validate(length(min = InvoiceNumber::MIN, max = InvoiceNumber::MAX))]
    pub number: String,
    /// Not in the future; the company's VAT registration on this day decides VAT.
    pub invoice_date: NaiveDate,
    /// The company's proof-verified orders it bills.
    #[schema(min_items = 1, max_items = 100)]
    #[validate(length(min = 1, max = MAX_INVOICE_ORDERS))]
    pub order_ids: Vec<Uuid>,
}

impl Input for InvoiceRequest {
    type Value = NewInvoice;
}

impl TryFrom<InvoiceRequest> for NewInvoice {
    type Error = Violations;

    fn try_from(request: InvoiceRequest) -> Result<Self, Violations> {
        NewInvoice::new(request.company_id, &request.number, request.invoice_date, request.order_ids, jakarta_today())
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    #[schema(schema_with = text::<DocumentNumber>)]
    #[validate(length(min = DocumentNumber::MIN, max = DocumentNumber::MAX))]
    pub sp2d_number: String,
    pub sp2d_date: NaiveDate,
    /// A verified account of the invoicing company.
    pub bank_account_id: Uuid,
    /// The withholding slip (*bukti potong PPh 23*).
    #[serde(default)]
    #[schema(schema_with = nullable_text::<DocumentNumber>)]
    #[validate(length(max = DocumentNumber::MAX))]
    pub withholding_slip_number: Option<String>,
}

impl Input for PaymentRequest {
    type Value = NewPayment;
}

impl TryFrom<PaymentRequest> for NewPayment {
    type Error = Violations;

    fn try_from(request: PaymentRequest) -> Result<Self, Violations> {
        NewPayment::new(
            &request.sp2d_number,
            request.sp2d_date,
            request.bank_account_id,
            request.withholding_slip_number.as_deref(),
            jakarta_today(),
        )
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
    pub state: Option<InvoiceState>,
    pub company_id: Option<Uuid>,
}

fn year(raw: Option<i32>) -> Result<Option<FiscalYear>, ApiError> {
    raw.map(|raw| FiscalYear::parse(raw).map_err(|violation| violation.at("fiscal_year")))
        .transpose()
        .map_err(|violation| ApiError::invalid_query(violation.into()))
}

/// List invoices
#[utoipa::path(
    tag = "finance",
    params(InvoiceFilters, PagingParams),
    responses((status = 200, description = "Invoices in the order they were recorded", body = Page<InvoiceResponse>)),
    security(("bearer" = ["finance.read"]))
)]
#[get("/invoices")]
pub async fn list_invoices(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<InvoiceFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<InvoiceResponse>>, ApiError> {
    let InvoiceFilters { fiscal_year, state: wanted, company_id } = filters.0;
    let filter = InvoiceFilter { fiscal_year: year(fiscal_year)?, state: wanted, company_id };
    let page = finance::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, InvoiceResponse::from)))
}

/// Record a company's invoice
///
/// For the company's proof-verified orders, each billed at its verified quantity x unit price;
/// VAT only if the company is VAT-registered on the invoice date. Requires an `Idempotency-Key`.
#[utoipa::path(
    tag = "finance",
    params(("Idempotency-Key" = String, Header, description = "A new unique value (a UUID) per invoice recorded; a retry sends the same")),
    request_body = InvoiceRequest,
    responses(
        (status = 201, description = "Recorded", body = InvoiceResponse, headers(("ETag" = String, description = "The invoice's version"))),
        (status = 409, description = "The company already used this number (`invoice_number_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No Idempotency-Key (`idempotency_key_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["invoices.manage"]))
)]
#[post("/invoices")]
pub async fn record_invoice(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    new: Body<InvoiceRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = new.into_inner();
    idempotency::write(
        &state,
        &caller,
        key,
        async |tx| finance::record(tx, new).await,
        |invoice| respond(invoice, true),
    )
    .await
}

/// Get an invoice
#[utoipa::path(
    tag = "finance",
    params(("id" = Uuid, Path, description = "Invoice id")),
    responses((status = 200, description = "The invoice", body = InvoiceResponse, headers(("ETag" = String, description = "The invoice's version")))),
    security(("bearer" = ["finance.read"]))
)]
#[get("/invoices/{id}")]
pub async fn get_invoice(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(finance::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Nothing to say with an acceptance: who and when are recorded.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvoiceBody {}

/// An acceptance as asked: the caller and the day are all it takes.
#[derive(Debug)]
pub struct Acceptance;

impl Input for AcceptInvoiceBody {
    type Value = Acceptance;
}

impl TryFrom<AcceptInvoiceBody> for Acceptance {
    type Error = Violations;

    fn try_from(_: AcceptInvoiceBody) -> Result<Self, Violations> {
        Ok(Acceptance)
    }
}

/// Sign the acceptance record (BAST)
///
/// The work billed is accepted; the record is numbered from the organisation's pattern. Requires
/// `If-Match`.
#[utoipa::path(
    tag = "finance",
    params(
        ("id" = Uuid, Path, description = "Invoice id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = AcceptInvoiceBody,
    responses(
        (status = 200, description = "Accepted", body = InvoiceResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Already accepted or paid (`step_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["invoices.accept"]))
)]
#[post("/invoices/{id}/accept")]
pub async fn accept_invoice(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<AcceptInvoiceBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, version) = (id.into_inner(), update.version);
    let today = jakarta_today();
    let invoice = state.store.write(&caller.audit(), async |tx| finance::accept(tx, id, version, today).await).await?;
    Ok(respond(invoice, false))
}

/// Pay an invoice
///
/// Once, after its acceptance, into a verified account of the company: the gross invoiced, PPh 23
/// withheld on the amount before VAT at the policy's rate, the net transferred. Requires an
/// `Idempotency-Key`.
#[utoipa::path(
    tag = "finance",
    params(
        ("id" = Uuid, Path, description = "Invoice id"),
        ("Idempotency-Key" = String, Header, description = "A new unique value (a UUID) per payment; a retry sends the same"),
    ),
    request_body = PaymentRequest,
    responses(
        (status = 201, description = "Paid", body = InvoiceResponse, headers(("ETag" = String, description = "The invoice's version"))),
        (status = 409, description = "Already paid (`invoice_already_paid`), not accepted (`invoice_not_accepted`), account not verified (`account_not_verified`) or not the company's (`account_not_companys`), a ceiling would be passed (`agreement_ceiling_exceeded`, `budget_exceeded`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No Idempotency-Key (`idempotency_key_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["payments.manage"]))
)]
#[post("/invoices/{id}/payments")]
pub async fn pay_invoice(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    key: IdempotencyKey,
    payment: Body<PaymentRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, payment) = (id.into_inner(), payment.into_inner());
    let pay = async |tx: &mut Tx| finance::pay(tx, id, payment).await;
    idempotency::write(&state, &caller, key, pay, |invoice| respond(invoice, true)).await
}

/// Work done and not yet paid.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = OwedItem)]
pub struct OwedView {
    pub order_id: Uuid,
    pub order_number: String,
    pub company_id: Uuid,
    pub company_name: String,
    pub state: OrderState,
    /// Invoiced gross, or the order's worth at its verified (else ordered) quantity.
    pub amount: Rupiah,
    /// The day it was published.
    pub since: NaiveDate,
    /// Days since it was published.
    pub age_days: i64,
    #[schema(required = true)]
    pub invoice_id: Option<Uuid>,
    #[schema(required = true)]
    pub invoice_number: Option<String>,
}

impl From<OwedItem> for OwedView {
    fn from(item: OwedItem) -> Self {
        OwedView {
            order_id: item.order_id,
            order_number: item.order_number,
            company_id: item.company_id,
            company_name: item.company_name,
            state: item.state,
            amount: item.amount,
            since: item.since,
            age_days: item.age_days,
            invoice_id: item.invoice_id,
            invoice_number: item.invoice_number,
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OwedFilters {
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: Option<i32>,
}

/// What is owed
///
/// Orders published and not yet paid - proven, invoiced or waiting - oldest debt first, with
/// their age in days: what a year end must not lose.
#[utoipa::path(
    tag = "finance",
    params(OwedFilters),
    responses((status = 200, description = "Unpaid work, oldest first", body = Vec<OwedView>)),
    security(("bearer" = ["finance.read"]))
)]
#[get("/finance/owed")]
pub async fn list_owed(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<OwedFilters>,
) -> Result<Json<Vec<OwedView>>, ApiError> {
    let fiscal_year = year(filters.0.fiscal_year)?;
    let owed = finance::owed(&state.store, caller.scope(), fiscal_year, jakarta_today()).await?;
    Ok(Json(owed.into_iter().map(OwedView::from).collect()))
}
