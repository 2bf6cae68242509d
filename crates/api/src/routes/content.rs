//! The content bank: press releases and materials, with their files, that orders name as what
//! the press company is asked to publish.

use actix_multipart::Multipart;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post, put};
use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::content::{ContentBody, ContentKind, ContentTitle, NewContent};
use mitra_domain::files::FileType;
use mitra_domain::{TextRule, Violations};
use mitra_persistence::content::{self, AttachmentRecord, ContentFilter, ContentRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::files::{Download, download, receive_upload};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::text;

/// Files a release or material carries: documents and pictures.
const ATTACHMENT_TYPES: &[FileType] = &[FileType::Pdf, FileType::Jpeg, FileType::Png];
const ATTACHMENT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A press release or material of the content bank.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ContentItem)]
pub struct ContentView {
    pub id: Uuid,
    pub kind: ContentKind,
    pub title: String,
    pub body: String,
    /// The day it is released for publication.
    pub released_on: NaiveDate,
    #[schema(required = true)]
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<ContentRecord> for ContentView {
    fn from(record: ContentRecord) -> Self {
        ContentView {
            id: record.id,
            kind: record.content.kind,
            title: record.content.title,
            body: record.content.body,
            released_on: record.content.released_on,
            created_by: record.created_by,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

fn respond(record: ContentRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(record.version)).json(ContentView::from(record))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentRequest {
    pub kind: ContentKind,
    #[schema(schema_with = text::<ContentTitle>)]
    #[validate(length(min = ContentTitle::MIN, max = ContentTitle::MAX))]
    pub title: String,
    /// The text; paragraphs are kept.
    #[schema(min_length = 1, max_length = 20000)]
    #[validate(length(min = ContentBody::MIN, max = ContentBody::MAX))]
    pub body: String,
    pub released_on: NaiveDate,
}

impl Input for ContentRequest {
    type Value = NewContent;
}

impl TryFrom<ContentRequest> for NewContent {
    type Error = Violations;

    fn try_from(request: ContentRequest) -> Result<Self, Violations> {
        NewContent::new(request.kind, &request.title, &request.body, request.released_on)
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContentFilters {
    pub kind: Option<ContentKind>,
    /// Part of the title.
    #[param(max_length = 100)]
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// Released on or after this day.
    pub released_from: Option<NaiveDate>,
}

/// List the content bank
#[utoipa::path(
    tag = "content",
    params(ContentFilters, PagingParams),
    responses((status = 200, description = "Press releases and materials in the order they were written", body = Page<ContentView>)),
    security(("bearer" = ["content.read"]))
)]
#[get("/content-items")]
pub async fn list_content_items(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<ContentFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<ContentView>>, ApiError> {
    let ContentFilters { kind, q, released_from } = filters.0;
    let filter = ContentFilter { kind, q: q.filter(|q| !q.trim().is_empty()), released_from };
    let page = content::list(&state.store, caller.scope(), &filter, paging.0).await?;
    Ok(Json(Page::of(page, ContentView::from)))
}

/// Write a press release or material
#[utoipa::path(
    tag = "content",
    request_body = ContentRequest,
    responses((status = 201, description = "Written", body = ContentView, headers(("ETag" = String, description = "The item's version")))),
    security(("bearer" = ["content.manage"]))
)]
#[post("/content-items")]
pub async fn create_content_item(
    state: Data<AppState>,
    caller: Caller,
    new: Body<ContentRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = new.into_inner();
    let item = state.store.write(&caller.audit(), async |tx| content::create(tx, new).await).await?;
    Ok(respond(item, true))
}

/// Get a press release or material
#[utoipa::path(
    tag = "content",
    params(("id" = Uuid, Path, description = "Content item id")),
    responses((status = 200, description = "The item", body = ContentView, headers(("ETag" = String, description = "The item's version")))),
    security(("bearer" = ["content.read"]))
)]
#[get("/content-items/{id}")]
pub async fn get_content_item(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(content::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Rewrite a press release or material
///
/// Requires `If-Match`.
#[utoipa::path(
    tag = "content",
    params(
        ("id" = Uuid, Path, description = "Content item id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = ContentRequest,
    responses(
        (status = 200, description = "Rewritten", body = ContentView, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["content.manage"]))
)]
#[put("/content-items/{id}")]
pub async fn update_content_item(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<ContentRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value, version }) = (id.into_inner(), update);
    let item = state.store.write(&caller.audit(), async |tx| content::update(tx, id, version, value).await).await?;
    Ok(respond(item, false))
}

/// A file attached to a content item.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ContentAttachment)]
pub struct AttachmentView {
    pub id: Uuid,
    pub content_item_id: Uuid,
    pub file_name: String,
    pub file_type: FileType,
    pub file_size: i64,
    pub sha256: String,
    #[schema(required = true)]
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<AttachmentRecord> for AttachmentView {
    fn from(record: AttachmentRecord) -> Self {
        AttachmentView {
            id: record.id,
            content_item_id: record.content_item_id,
            file_name: record.file.name,
            file_type: record.file.file_type,
            file_size: record.file.size,
            sha256: record.file.sha256,
            uploaded_by: record.uploaded_by,
            created_at: record.created_at,
        }
    }
}

#[derive(ToSchema)]
#[allow(dead_code, reason = "documents the multipart form; the handler reads the parts as they stream")]
pub struct AttachmentForm {
    /// PDF, JPEG or PNG, judged by content; at most 20 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// List a content item's files
#[utoipa::path(
    tag = "content",
    params(("id" = Uuid, Path, description = "Content item id")),
    responses((status = 200, description = "The files", body = Vec<AttachmentView>)),
    security(("bearer" = ["content.read"]))
)]
#[get("/content-items/{id}/attachments")]
pub async fn list_content_attachments(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Json<Vec<AttachmentView>>, ApiError> {
    let attachments = content::attachments(&state.store, caller.scope(), id.into_inner()).await?;
    Ok(Json(attachments.into_iter().map(AttachmentView::from).collect()))
}

/// Attach a file to a content item
#[utoipa::path(
    tag = "content",
    params(("id" = Uuid, Path, description = "Content item id")),
    request_body(content = AttachmentForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = AttachmentView),
        (status = 413, description = "Larger than 20 MiB (`file_too_large`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG (`file_type_not_allowed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["content.manage"]))
)]
#[post("/content-items/{id}/attachments")]
pub async fn add_content_attachment(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Judged before the file is read, so an unknown item costs no upload.
    content::get(&state.store, caller.scope(), id).await?;
    let (upload, ()) = receive_upload(form, &state.files, ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES, |_| Ok(())).await?;
    let file = upload.file_ref();
    let attachment = state.store.write(&caller.audit(), async |tx| content::attach(tx, id, file).await).await?;
    Ok(HttpResponse::Created().json(AttachmentView::from(attachment)))
}

/// Download a content item's file
#[utoipa::path(
    tag = "content",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png")))),
    security(("bearer" = ["content.read"]))
)]
#[get("/content-attachments/{id}/content")]
pub async fn download_content_attachment(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
) -> Result<Download, ApiError> {
    let attachment = content::attachment(&state.store, caller.scope(), id.into_inner()).await?;
    download(&state.files, attachment.file).await
}
