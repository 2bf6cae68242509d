//! Units (OPD) of the caller's organisation.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Utc};
use mitra_domain::Violations;
use mitra_domain::access::Action;
use mitra_domain::organisation::{UnitCode, UnitName};
use mitra_persistence::units::{self, UnitChanges, UnitRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::paging::{Paged, page_request};
use crate::auth::Caller;
use crate::extract::{IfMatch, JsonBody, etag};
use crate::problem::ApiError;
use crate::state::AppState;

/// A unit (OPD) of an organisation, such as Diskominfo.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Unit)]
pub struct UnitView {
    pub id: Uuid,
    #[schema(example = "DISKOMINFO")]
    pub code: String,
    #[schema(example = "Dinas Komunikasi dan Informatika")]
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<UnitRecord> for UnitView {
    fn from(record: UnitRecord) -> Self {
        UnitView {
            id: record.id,
            code: record.code,
            name: record.name,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitPage)]
pub struct UnitPage {
    pub items: Vec<UnitView>,
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUnitRequest {
    /// Short code, stored upper-case; unique in the organisation.
    #[schema(min_length = 2, max_length = 32, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 2, max_length = 200)]
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUnitRequest {
    #[schema(min_length = 2, max_length = 32, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 2, max_length = 200)]
    pub name: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListQuery {
    /// Page size, 1-100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn respond(unit: UnitRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(unit.version)).json(UnitView::from(unit))
}

/// List units
#[utoipa::path(
    tag = "organisation",
    params(UnitListQuery),
    responses((status = 200, description = "Units in creation order", body = UnitPage)),
    security(("bearer" = []))
)]
#[get("/units")]
pub async fn list_units(
    state: Data<AppState>,
    caller: Caller,
    query: Query<UnitListQuery>,
) -> Result<Json<UnitPage>, ApiError> {
    caller.require(Action::UnitsRead)?;
    let page = page_request(query.limit, query.cursor.as_deref())?;
    let page = units::list(state.store.connection(), caller.scope(), page).await?;
    let paged = Paged::from_page(page, UnitView::from);
    Ok(Json(UnitPage { items: paged.items, next_cursor: paged.next_cursor }))
}

/// Create a unit
#[utoipa::path(
    tag = "organisation",
    request_body = CreateUnitRequest,
    responses(
        (status = 201, description = "Created", body = UnitView, headers(("ETag" = String, description = "The unit's version"))),
        (status = 409, description = "The code is taken (`unit_code_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/units")]
pub async fn create_unit(
    state: Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UnitsManage)?;
    let body = body.into_inner();
    let mut violations = Violations::new();
    let code = violations.check("code", UnitCode::parse(&body.code));
    let name = violations.check("name", UnitName::parse(&body.name));
    let (code, name) = violations.finish(|| code.zip(name))?;
    let unit = units::create(&state.store, &caller.audit(), code, name).await?;
    Ok(respond(unit, true))
}

/// Get a unit
#[utoipa::path(
    tag = "organisation",
    params(("id" = Uuid, Path, description = "Unit id")),
    responses((status = 200, description = "The unit", body = UnitView, headers(("ETag" = String, description = "The unit's version")))),
    security(("bearer" = []))
)]
#[get("/units/{id}")]
pub async fn get_unit(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UnitsRead)?;
    Ok(respond(units::get(state.store.connection(), caller.scope(), id.into_inner()).await?, false))
}

/// Update a unit
///
/// Requires `If-Match` with the ETag last read.
#[utoipa::path(
    tag = "organisation",
    params(
        ("id" = Uuid, Path, description = "Unit id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = UpdateUnitRequest,
    responses(
        (status = 200, description = "Updated", body = UnitView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "The code is taken (`unit_code_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    if_match: IfMatch,
    body: JsonBody<UpdateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UnitsManage)?;
    let body = body.into_inner();
    let mut violations = Violations::new();
    let code = body.code.as_deref().map(UnitCode::parse).transpose();
    let name = body.name.as_deref().map(UnitName::parse).transpose();
    let code = violations.check("code", code);
    let name = violations.check("name", name);
    let changes = violations.finish(|| Some(UnitChanges { code: code.flatten(), name: name.flatten() }))?;
    let unit = units::update(&state.store, &caller.audit(), id.into_inner(), if_match.0, changes).await?;
    Ok(respond(unit, false))
}
