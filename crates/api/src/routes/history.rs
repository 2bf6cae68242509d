//! Earlier years' records: imported from the CSV files regions keep (companies, agreements,
//! orders, payments), previewed before they are stored, stored whole or not at all, and read
//! back one by one (the exceptions report links to them).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::web::{Data, Json, Path, Payload};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, post};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use mitra_domain::history::{HistoryKind, HistoryRecord, RowError};
use mitra_persistence::history::{self, BatchRecord, HistoryRecordView, Preview};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Filters, Page, Paging, PagingParams};
use crate::problem::{ApiError, FieldError, ProblemCode};
use crate::state::AppState;

/// The largest import file taken.
pub const MAX_FILE: usize = 20 * 1024 * 1024;

/// One import of earlier years' records; every record it brought names it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HistoryBatch)]
pub struct BatchView {
    pub id: Uuid,
    pub kind: HistoryKind,
    pub file_name: String,
    /// SHA-256 of the file as received: the same file is imported once.
    pub sha256: String,
    pub rows: i32,
    #[schema(required = true)]
    pub imported_by: Option<Uuid>,
    pub imported_at: DateTime<Utc>,
}

impl From<BatchRecord> for BatchView {
    fn from(batch: BatchRecord) -> Self {
        BatchView {
            id: batch.id,
            kind: batch.kind,
            file_name: batch.file_name,
            sha256: batch.sha256,
            rows: batch.rows,
            imported_by: batch.imported_by,
            imported_at: batch.imported_at,
        }
    }
}

/// What importing a file would store; nothing was stored.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HistoryImportPreview)]
pub struct PreviewView {
    pub kind: HistoryKind,
    /// Data rows in the file (the header not counted).
    pub rows: u64,
    /// Whether importing the file would store it: no row is refused.
    pub valid: bool,
    /// Every refusal (at most 1000), by row as the file numbers it (the header is row 1) and
    /// column (`file` for the file as a whole).
    pub errors: Vec<FieldError>,
    /// The first 20 rows that read, as they would be stored (amounts as money).
    #[schema(value_type = Vec<Object>)]
    pub sample: Vec<serde_json::Value>,
    pub sha256: String,
}

impl From<Preview> for PreviewView {
    fn from(preview: Preview) -> Self {
        PreviewView {
            kind: preview.kind,
            rows: preview.rows,
            valid: preview.errors.is_empty(),
            errors: row_errors(preview.errors),
            sample: preview.sample.iter().filter_map(|row| serde_json::to_value(row).ok()).collect(),
            sha256: preview.sha256,
        }
    }
}

/// Refused rows as problem details' errors: `field` and `column` name the column, `row` the row.
pub fn row_errors(errors: Vec<RowError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|error| FieldError {
            field: error.column.clone(),
            code: error.code,
            message: error.message,
            row: Some(error.row),
            column: Some(error.column),
        })
        .collect()
}

/// One imported record.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ImportedRecord)]
pub struct RecordView {
    pub id: Uuid,
    pub record: HistoryRecord,
    pub batch_id: Uuid,
    /// Its number: a company's NPWP, an agreement's or order's number, a payment's SP2D number.
    pub reference: String,
    /// Its columns as imported, amounts in whole rupiah.
    #[schema(value_type = Object)]
    pub fields: serde_json::Value,
}

impl From<HistoryRecordView> for RecordView {
    fn from(record: HistoryRecordView) -> Self {
        RecordView {
            id: record.id,
            record: record.record,
            batch_id: record.batch_id,
            reference: record.reference,
            fields: record.fields,
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `true`: read and check the file, answer what would be stored, store nothing.
    pub dry_run: Option<bool>,
    /// The file's name, kept with the batch (by default `<kind>.csv`).
    #[param(max_length = 255)]
    #[validate(length(min = 1, max = 255))]
    pub file_name: Option<String>,
}

/// Import earlier years' records
///
/// The body is a CSV file (`text/csv`, UTF-8, comma-separated, quoted fields allowed, at most
/// 20 MB) whose header row names exactly the kind's columns, in any order:
///
/// - `companies`: `npwp` (15 or 16 digits, dots and dashes allowed), `legal_name`,
///   `eligible_from`, `eligible_until` (the period the company was verified eligible; blank:
///   never verified), `verified_account` (the account number verified in its legal name, or blank);
/// - `agreements`: `number`, `fiscal_year`, `company_npwp` (an imported company), `outlet`,
///   `unit_code`, `budget_line_code`, `budget_line_ceiling`, `starts_on`, `ends_on`, `ceiling`,
///   `product`, `unit_price`, `rate_card_price` (the rate card's maximum that year for the product
///   and tier);
/// - `orders`: `number`, `agreement_number` (an imported agreement), `issued_on`, `quantity`,
///   `unit_price`, `amount`, `published_on`, `proof_url`, `proof_verified`;
/// - `payments`: `sp2d_number`, `paid_on`, `company_npwp` (an imported company), `order_number`
///   (an imported order, or blank: paid without an order), `invoice_number`, `account_number`,
///   `amount`.
///
/// Dates are `YYYY-MM-DD`, amounts whole rupiah in digits, booleans `true`/`false` or
/// `ya`/`tidak`. Import companies first, then agreements, orders and payments.
///
/// A row is refused only for what cannot be stored: a value that does not read, a required
/// column left blank, a number given twice in the file or already imported, a reference to
/// nothing, a file imported before. What breaks a rule (a price above the rate card, a payment
/// without an order, ...) is stored as it was and shown by the exceptions report.
///
/// With `dry_run=true` the answer is the preview (200) and nothing is stored. Otherwise a file
/// with any refused row is `422 import_rejected` with every refusal in `errors` (by `row`, the
/// header being row 1, and `column`) and nothing is stored; a file without one is stored whole in
/// one audited write, each record marked with the batch (201).
#[utoipa::path(
    tag = "history",
    params(("kind" = HistoryKind, Path, description = "What the file holds"), ImportParams),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "The preview (`dry_run=true`); nothing stored", body = PreviewView),
        (status = 201, description = "Imported", body = BatchView),
        (status = 409, description = "Another import stored this file, or records in it, at the same moment (`history_imported_meanwhile`); nothing stored", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 20 MB (`payload_too_large`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not `text/csv` (`unsupported_media_type`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Rows refused, nothing stored (`import_rejected`, with `errors`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["history.import"]))
)]
#[post("/history/imports/{kind}")]
pub async fn import_history(
    state: Data<AppState>,
    caller: Caller,
    kind: Path<HistoryKind>,
    params: Filters<ImportParams>,
    request: HttpRequest,
    payload: Payload,
) -> Result<HttpResponse, ApiError> {
    let kind = kind.into_inner();
    let content = read_csv(&request, payload).await?;
    if params.0.dry_run.unwrap_or(false) {
        let preview = history::preview(&state.store, caller.scope(), kind, &content).await?;
        return Ok(HttpResponse::Ok().json(PreviewView::from(preview)));
    }
    let file_name = params.0.file_name.unwrap_or_else(|| format!("{kind}.csv"));
    let batch =
        state.store.write(&caller.audit(), async |tx| history::import(tx, kind, &file_name, &content).await).await?;
    Ok(HttpResponse::Created().json(BatchView::from(batch)))
}

/// The body, which must be CSV of at most [`MAX_FILE`] bytes, read as it arrives.
async fn read_csv(request: &HttpRequest, mut payload: Payload) -> Result<Vec<u8>, ApiError> {
    let is_csv =
        request.mime_type().ok().flatten().is_some_and(|mime| mime.type_() == "text" && mime.subtype() == "csv");
    if !is_csv {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::UnsupportedMediaType,
            "the body must be a CSV file (Content-Type: text/csv)",
        ));
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_FILE) {
        return Err(too_large());
    }
    let mut content = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::BadRequest, "the body could not be read")
        })?;
        if content.len() + chunk.len() > MAX_FILE {
            return Err(too_large());
        }
        content.extend_from_slice(&chunk);
    }
    Ok(content)
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ProblemCode::PayloadTooLarge,
        format!("an import file is at most {} MB", MAX_FILE / 1024 / 1024),
    )
}

/// List imports
#[utoipa::path(
    tag = "history",
    params(PagingParams),
    responses((status = 200, description = "Imports, newest first", body = Page<BatchView>)),
    security(("bearer" = ["reports.read"]))
)]
#[get("/history/imports")]
pub async fn list_history_imports(
    state: Data<AppState>,
    caller: Caller,
    paging: Paging<Uuid>,
) -> Result<Json<Page<BatchView>>, ApiError> {
    let page = history::list_batches(&state.store, caller.scope(), paging.0).await?;
    Ok(Json(Page::of(page, BatchView::from)))
}

/// Get an imported record
///
/// One company, agreement, order or payment of an earlier year, with its columns as imported
/// and the import that brought it: where the exceptions report's links lead.
#[utoipa::path(
    tag = "history",
    params(
        ("kind" = HistoryKind, Path, description = "The record's kind"),
        ("id" = Uuid, Path, description = "Record id"),
    ),
    responses((status = 200, description = "The record", body = RecordView)),
    security(("bearer" = ["reports.read"]))
)]
#[get("/history/{kind}/{id}")]
pub async fn get_history_record(
    state: Data<AppState>,
    caller: Caller,
    path: Path<(HistoryKind, Uuid)>,
) -> Result<Json<RecordView>, ApiError> {
    let (kind, id) = path.into_inner();
    let record = history::get(&state.store, caller.scope(), kind, id).await?;
    Ok(Json(record.into()))
}
