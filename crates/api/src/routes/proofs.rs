//! Proofs of publication: handed in for an order (which is then published), reviewed one by one,
//! and the order's proof decided - verified for the units shown, or rejected.

use actix_multipart::Multipart;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use mitra_domain::files::FileType;
use mitra_domain::orders::OrderStep;
use mitra_domain::proofs::{
    EVIDENCE_MAX_BYTES, MAX_URL, NewProof, ProofDetails, ProofKind, ProofNote, ProofReview, ProofStatus, ProofText,
};
use mitra_domain::{TextRule, Violations};
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::orders;
use mitra_persistence::proofs::{self, Attached, ProofFileRecord, ProofRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Input, Update, etag};
use crate::files::{Download, download, receive_upload};
use crate::problem::ApiError;
use crate::routes::orders::OrderStepBody;
use crate::state::AppState;
use crate::validation::nullable_text;

/// A proof of publication and its review.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Proof)]
pub struct ProofView {
    pub id: Uuid,
    pub order_id: Uuid,
    pub kind: ProofKind,
    /// Units of the order it shows.
    pub quantity: u32,
    /// The published content says it is paid for (not asked of a delivery receipt).
    pub paid_content_labelled: bool,
    #[schema(required = true)]
    pub url: Option<String>,
    #[schema(required = true)]
    pub captured_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub content_sha256: Option<String>,
    #[schema(required = true)]
    pub edition: Option<String>,
    #[schema(required = true)]
    pub published_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub page: Option<String>,
    #[schema(required = true, value_type = Option<String>, example = "19:30:00")]
    pub aired_at: Option<NaiveTime>,
    #[schema(required = true)]
    pub duration_seconds: Option<u32>,
    #[schema(required = true)]
    pub received_by: Option<String>,
    #[schema(required = true)]
    pub note: Option<String>,
    pub status: ProofStatus,
    #[schema(required = true)]
    pub review_note: Option<String>,
    #[schema(required = true)]
    pub reviewed_by: Option<Uuid>,
    #[schema(required = true)]
    pub reviewed_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// Send as `If-Match` with a review.
    pub version: i32,
    /// The file types this kind of proof takes: scans (PDF, JPEG, PNG) or recordings (MP3, MP4).
    pub evidence_types: Vec<FileType>,
    /// Verified only once a file is attached: a clipping's scan, a broadcast's recording.
    pub evidence_required: bool,
    /// The files attached, oldest first.
    pub files: Vec<ProofFileView>,
}

/// A file that shows a proof.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProofFile)]
pub struct ProofFileView {
    pub id: Uuid,
    pub proof_id: Uuid,
    pub file_name: String,
    pub file_type: FileType,
    pub file_size: i64,
    pub sha256: String,
    #[schema(required = true)]
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<ProofFileRecord> for ProofFileView {
    fn from(record: ProofFileRecord) -> Self {
        ProofFileView {
            id: record.id,
            proof_id: record.proof_id,
            file_name: record.file.name,
            file_type: record.file.file_type,
            file_size: record.file.size,
            sha256: record.file.sha256,
            uploaded_by: record.uploaded_by,
            created_at: record.created_at,
        }
    }
}

impl From<ProofRecord> for ProofView {
    fn from(record: ProofRecord) -> Self {
        let details = record.details;
        let evidence = record.kind.evidence();
        ProofView {
            id: record.id,
            order_id: record.order_id,
            kind: record.kind,
            quantity: record.quantity,
            paid_content_labelled: record.paid_content_labelled,
            url: details.url,
            captured_at: details.captured_at,
            content_sha256: details.content_sha256,
            edition: details.edition,
            published_on: details.published_on,
            page: details.page,
            aired_at: details.aired_at,
            duration_seconds: details.duration_seconds,
            received_by: details.received_by,
            note: record.note,
            status: record.status,
            review_note: record.review_note,
            reviewed_by: record.reviewed_by,
            reviewed_at: record.reviewed_at,
            created_by: record.created_by,
            created_at: record.created_at,
            version: record.version,
            evidence_types: evidence.types.to_vec(),
            evidence_required: evidence.required,
            files: record.files.into_iter().map(ProofFileView::from).collect(),
        }
    }
}

fn respond(record: ProofRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(record.version)).json(ProofView::from(record))
}

/// A proof as handed in: which fields are required depends on `kind` - a web page's `url`,
/// `captured_at` and `content_sha256`; a clipping's `edition`, `published_on` and `page`; a
/// broadcast log's `published_on`, `aired_at` and `duration_seconds`; a delivery receipt's
/// `edition`, `published_on` and `received_by`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofRequest {
    pub kind: ProofKind,
    #[schema(minimum = 1, maximum = 10000)]
    #[validate(range(min = 1, max = 10_000))]
    pub quantity: u32,
    #[serde(default)]
    pub paid_content_labelled: bool,
    #[serde(default)]
    #[schema(nullable, max_length = 2000)]
    #[validate(length(max = MAX_URL))]
    pub url: Option<String>,
    #[serde(default)]
    pub captured_at: Option<DateTime<Utc>>,
    /// SHA-256 of the captured content, 64 hexadecimal characters.
    #[serde(default)]
    #[schema(nullable, min_length = 64, max_length = 64, pattern = "^[0-9a-fA-F]{64}$")]
    #[validate(length(equal = 64))]
    pub content_sha256: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ProofText>)]
    #[validate(length(max = ProofText::MAX))]
    pub edition: Option<String>,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ProofText>)]
    #[validate(length(max = ProofText::MAX))]
    pub page: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "19:30:00")]
    pub aired_at: Option<NaiveTime>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 86400)]
    #[validate(range(min = 1, max = 86_400))]
    pub duration_seconds: Option<u32>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ProofText>)]
    #[validate(length(max = ProofText::MAX))]
    pub received_by: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ProofNote>)]
    #[validate(length(max = ProofNote::MAX))]
    pub note: Option<String>,
}

impl Input for ProofRequest {
    type Value = NewProof;
}

impl TryFrom<ProofRequest> for NewProof {
    type Error = Violations;

    fn try_from(request: ProofRequest) -> Result<Self, Violations> {
        let given = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        let details = ProofDetails {
            url: given(request.url),
            captured_at: request.captured_at,
            content_sha256: given(request.content_sha256),
            edition: given(request.edition),
            published_on: request.published_on,
            page: given(request.page),
            aired_at: request.aired_at,
            duration_seconds: request.duration_seconds,
            received_by: given(request.received_by),
        };
        NewProof::new(request.kind, request.quantity, request.paid_content_labelled, details, request.note.as_deref())
    }
}

/// List an order's proofs
#[utoipa::path(
    tag = "proofs",
    params(("id" = Uuid, Path, description = "Order id")),
    responses((status = 200, description = "The order's proofs, oldest first", body = Vec<ProofView>)),
    security(("bearer" = ["proofs.read"]))
)]
#[get("/orders/{id}/proofs")]
pub async fn list_order_proofs(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<ProofView>>, ApiError> {
    let proofs = proofs::of_order(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(proofs.into_iter().map(ProofView::from).collect()))
}

/// Hand in a proof of publication
///
/// For an accepted order (which becomes published), a published one, or one whose proof was
/// rejected. A web page's address and content hash back one order only.
#[utoipa::path(
    tag = "proofs",
    params(("id" = Uuid, Path, description = "Order id")),
    request_body = ProofRequest,
    responses(
        (status = 201, description = "Handed in", body = ProofView, headers(("ETag" = String, description = "The proof's version"))),
        (status = 409, description = "The address or content backs another order, named in `detail` (`proof_reused`); the order takes no proof now (`proofs_closed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["proofs.manage"]))
)]
#[post("/orders/{id}/proofs")]
pub async fn submit_proof(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    new: Body<ProofRequest>,
) -> Result<HttpResponse, ApiError> {
    let (order_id, new) = (id.into_inner(), new.into_inner());
    let today = jakarta_today();
    let proof = state.store.write(&caller.audit(), async |tx| proofs::submit(tx, order_id, new, today).await).await?;
    Ok(respond(proof, true))
}

/// Get a proof
#[utoipa::path(
    tag = "proofs",
    params(("id" = Uuid, Path, description = "Proof id")),
    responses((status = 200, description = "The proof", body = ProofView, headers(("ETag" = String, description = "The proof's version")))),
    security(("bearer" = ["proofs.read"]))
)]
#[get("/proofs/{id}")]
pub async fn get_proof(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(proofs::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

#[derive(ToSchema)]
#[allow(dead_code, reason = "documents the multipart form; the handler reads the parts as they stream")]
pub struct ProofFileForm {
    /// A scan (PDF, JPEG, PNG) for a clipping, a web page or a receipt; a recording (MP3, MP4)
    /// for a broadcast log. Judged by content; at most 100 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Attach a file to a proof
///
/// A clipping's scan, a broadcast's recording, a web page's screenshot or a receipt's scan, while
/// the proof waits for review. A file's content backs one order only.
#[utoipa::path(
    tag = "proofs",
    params(("id" = Uuid, Path, description = "Proof id")),
    request_body(content = ProofFileForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = ProofFileView),
        (status = 200, description = "The proof already had this file (same content): nothing changed", body = ProofFileView),
        (status = 409, description = "The proof was reviewed (`proof_already_reviewed`); the same file backs another order, named in `detail` (`proof_reused`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 100 MiB (`file_too_large`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a type this kind of proof takes (`file_type_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["proofs.manage"]))
)]
#[post("/proofs/{id}/files")]
pub async fn add_proof_file(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Judged before the file is read, so an unknown proof costs no upload.
    let kind = proofs::get(&state.store, caller.scope(), id).await?.kind;
    let (upload, ()) =
        receive_upload(form, &state.files, kind.evidence().types, EVIDENCE_MAX_BYTES, |_| Ok(())).await?;
    let file = upload.file_ref();
    let attached = state.store.write(&caller.audit(), async |tx| proofs::attach(tx, id, file).await).await?;
    Ok(match attached {
        Attached::New(file) => HttpResponse::Created().json(ProofFileView::from(file)),
        Attached::AlreadyThere(file) => HttpResponse::Ok().json(ProofFileView::from(file)),
    })
}

/// Download a proof's file
#[utoipa::path(
    tag = "proofs",
    params(("id" = Uuid, Path, description = "Proof file id")),
    responses((status = 200, description = "The file", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "audio/mpeg"), (Vec<u8> = "video/mp4")))),
    security(("bearer" = ["proofs.read"]))
)]
#[get("/proof-files/{id}/content")]
pub async fn download_proof_file(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<Download, ApiError> {
    let file = proofs::file(&state.store, caller.scope(), id.into_inner()).await?;
    download(&state.files, file.file).await
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofReviewRequest {
    /// `verified` or `rejected`.
    pub status: ProofStatus,
    /// Required to reject: what the proof does not show.
    #[serde(default)]
    #[schema(schema_with = nullable_text::<ProofNote>)]
    #[validate(length(max = ProofNote::MAX))]
    pub note: Option<String>,
}

impl Input for ProofReviewRequest {
    type Value = ProofReview;
}

impl TryFrom<ProofReviewRequest> for ProofReview {
    type Error = Violations;

    fn try_from(request: ProofReviewRequest) -> Result<Self, Violations> {
        ProofReview::new(request.status, request.note.as_deref()).map_err(Violations::from)
    }
}

/// Verify or reject a proof
///
/// A paid item's proof is verified only if the content is labelled as paid, a clipping only with
/// its scan and a broadcast log only with its recording. Requires `If-Match`.
#[utoipa::path(
    tag = "proofs",
    params(
        ("id" = Uuid, Path, description = "Proof id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = ProofReviewRequest,
    responses(
        (status = 200, description = "Reviewed", body = ProofView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Already reviewed (`proof_already_reviewed`), not labelled as paid (`paid_content_not_labelled`), a clipping without its scan or a broadcast without its recording (`proof_evidence_missing`), the order's proof is decided (`proofs_closed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["proofs.review"]))
)]
#[post("/proofs/{id}/review")]
pub async fn review_proof(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<ProofReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: review, version }) = (id.into_inner(), update);
    let proof = state.store.write(&caller.audit(), async |tx| proofs::review(tx, id, version, review).await).await?;
    Ok(respond(proof, false))
}

async fn decide(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    update: Update<OrderStepBody>,
    step: OrderStep,
) -> Result<HttpResponse, ApiError> {
    let Update { value: reason, version } = update;
    let request = mitra_domain::orders::StepRequest::new(step, reason.as_deref()).map_err(Violations::from)?;
    state.store.write(&caller.audit(), async |tx| proofs::decide(tx, id, version, step, request.reason).await).await?;
    Ok(crate::routes::orders::respond(orders::get(&state.store, caller.scope(), id).await?, false))
}

/// Verify an order's proof
///
/// Every proof reviewed and at least one verified: the order is paid for the units its verified
/// proofs show (at most as ordered); the rest of its commitment is given back. Requires `If-Match`
/// with the order's version.
#[utoipa::path(
    tag = "proofs",
    params(
        ("id" = Uuid, Path, description = "Order id"),
        ("If-Match" = String, Header, description = "ETag of the order's version"),
    ),
    request_body = OrderStepBody,
    responses(
        (status = 200, description = "Verified", body = crate::routes::orders::OrderResponse, headers(("ETag" = String, description = "The order's new version"))),
        (status = 409, description = "Not published (`step_not_allowed`), a proof waits (`proofs_pending`), none verified (`no_deciding_proof`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["proofs.review"]))
)]
#[post("/orders/{id}/verify-proof")]
pub async fn verify_order_proof(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<OrderStepBody>,
) -> Result<HttpResponse, ApiError> {
    decide(&state, &caller, id.into_inner(), update, OrderStep::VerifyProof).await
}

/// Reject an order's proof
///
/// Every proof reviewed, at least one rejected and none verified: the company hands in another.
/// Requires a reason and `If-Match` with the order's version.
#[utoipa::path(
    tag = "proofs",
    params(
        ("id" = Uuid, Path, description = "Order id"),
        ("If-Match" = String, Header, description = "ETag of the order's version"),
    ),
    request_body = OrderStepBody,
    responses(
        (status = 200, description = "Rejected", body = crate::routes::orders::OrderResponse, headers(("ETag" = String, description = "The order's new version"))),
        (status = 409, description = "Not published (`step_not_allowed`), a proof waits (`proofs_pending`), no rejected proof or one verified (`no_deciding_proof`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["proofs.review"]))
)]
#[post("/orders/{id}/reject-proof")]
pub async fn reject_order_proof(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<OrderStepBody>,
) -> Result<HttpResponse, ApiError> {
    decide(&state, &caller, id.into_inner(), update, OrderStep::RejectProof).await
}
