//! Units (OPD) of the caller's organisation: the reference area. Each handler extracts its
//! inputs (already checked and turned into domain values), runs one query or one audited
//! write, and answers; who may call it is declared in its `security`.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Utc};
use mitra_domain::organisation::{NewUnit, UnitChanges, UnitCode, UnitName};
use mitra_domain::{TextRule, Violations};
use mitra_persistence::units::{self, UnitRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::text;

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

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUnitRequest {
    /// Short code, stored upper-case; unique in the organisation.
    #[schema(schema_with = text::<UnitCode>)]
    #[validate(length(min = UnitCode::MIN, max = UnitCode::MAX))]
    pub code: String,
    #[schema(schema_with = text::<UnitName>)]
    #[validate(length(min = UnitName::MIN, max = UnitName::MAX))]
    pub name: String,
}

impl Input for CreateUnitRequest {
    type Value = NewUnit;
}

impl TryFrom<CreateUnitRequest> for NewUnit {
    type Error = Violations;

    fn try_from(request: CreateUnitRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let code = violations.check("code", UnitCode::parse(&request.code));
        let name = violations.check("name", UnitName::parse(&request.name));
        violations.finish(|| Some(NewUnit { code: code?, name: name? }))
    }
}

/// Fields left out are not changed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUnitRequest {
    #[schema(schema_with = text::<UnitCode>)]
    #[validate(length(min = UnitCode::MIN, max = UnitCode::MAX))]
    pub code: Option<String>,
    #[schema(schema_with = text::<UnitName>)]
    #[validate(length(min = UnitName::MIN, max = UnitName::MAX))]
    pub name: Option<String>,
}

impl Input for UpdateUnitRequest {
    type Value = UnitChanges;
}

impl TryFrom<UpdateUnitRequest> for UnitChanges {
    type Error = Violations;

    fn try_from(request: UpdateUnitRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let code = violations.check("code", request.code.as_deref().map(UnitCode::parse).transpose());
        let name = violations.check("name", request.name.as_deref().map(UnitName::parse).transpose());
        violations.finish(|| Some(UnitChanges { code: code?, name: name? }))
    }
}

fn respond(unit: UnitRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(unit.version)).json(UnitView::from(unit))
}

/// List units
#[utoipa::path(
    tag = "organisation",
    params(PagingParams),
    responses((status = 200, description = "Units in creation order", body = Page<UnitView>)),
    security(("bearer" = ["units.read"]))
)]
#[get("/units")]
pub async fn list_units(
    state: Data<AppState>,
    caller: Caller,
    paging: Paging<Uuid>,
) -> Result<Json<Page<UnitView>>, ApiError> {
    let page = units::list(&state.store, caller.scope(), paging.0).await?;
    Ok(Json(Page::of(page, UnitView::from)))
}

/// Create a unit
#[utoipa::path(
    tag = "organisation",
    request_body = CreateUnitRequest,
    responses(
        (status = 201, description = "Created", body = UnitView, headers(("ETag" = String, description = "The unit's version"))),
        (status = 409, description = "The code is taken (`unit_code_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["units.manage"]))
)]
#[post("/units")]
pub async fn create_unit(
    state: Data<AppState>,
    caller: Caller,
    new: Body<CreateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = new.into_inner();
    let unit = state.store.write(&caller.audit(), async |tx| units::create(tx, new).await).await?;
    Ok(respond(unit, true))
}

/// Get a unit
#[utoipa::path(
    tag = "organisation",
    params(("id" = Uuid, Path, description = "Unit id")),
    responses((status = 200, description = "The unit", body = UnitView, headers(("ETag" = String, description = "The unit's version")))),
    security(("bearer" = ["units.read"]))
)]
#[get("/units/{id}")]
pub async fn get_unit(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(units::get(&state.store, caller.scope(), id.into_inner()).await?, false))
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
    security(("bearer" = ["units.manage"]))
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<UpdateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: changes, version }) = (id.into_inner(), update);
    let unit = state.store.write(&caller.audit(), async |tx| units::update(tx, id, version, changes).await).await?;
    Ok(respond(unit, false))
}
