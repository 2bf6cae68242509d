//! User management: admins create, edit, disable and reset users of their own organisation.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Utc};
use mitra_domain::access::Role;
use mitra_domain::identity::{Email, Enrolment, FullName, NewUser, Password, UserChanges, Username};
use mitra_domain::{TextRule, Violations};
use mitra_persistence::users::{self, UserFilter, UserRecord};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Caller, password};
use crate::extract::{Body, Filters, Input, Page, Paging, PagingParams, Update, etag};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::{FilterText, nullable_text, text};

/// A person who can log in to the organisation's Mitra.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = User)]
pub struct UserView {
    pub id: Uuid,
    #[schema(example = "siti.aminah")]
    pub username: String,
    #[schema(example = "Siti Aminah")]
    pub full_name: String,
    #[schema(required = true)]
    pub email: Option<String>,
    pub role: Role,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    /// Disabled users cannot log in and their sessions are ended.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send as `If-Match` when updating.
    pub version: i32,
}

impl From<UserRecord> for UserView {
    fn from(record: UserRecord) -> Self {
        UserView {
            id: record.id,
            username: record.username,
            full_name: record.full_name,
            email: record.email,
            role: record.role,
            unit_id: record.unit_id,
            active: record.active,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// Letters, digits, '.', '_' and '-' (stored lower-case); unique across Mitra.
    #[schema(schema_with = text::<Username>)]
    #[validate(length(min = Username::MIN, max = Username::MAX))]
    pub username: String,
    #[schema(schema_with = text::<FullName>)]
    #[validate(length(min = FullName::MIN, max = FullName::MAX))]
    pub full_name: String,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Email>)]
    #[validate(length(max = Email::MAX))]
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub unit_id: Option<Uuid>,
    /// The initial password: at least 5 different characters.
    #[schema(schema_with = text::<Password>)]
    #[validate(length(min = Password::MIN, max = Password::MAX))]
    pub password: String,
}

impl Input for CreateUserRequest {
    type Value = Enrolment;
}

impl TryFrom<CreateUserRequest> for Enrolment {
    type Error = Violations;

    fn try_from(request: CreateUserRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let username = violations.check("username", Username::parse(&request.username));
        let full_name = violations.check("full_name", FullName::parse(&request.full_name));
        let email = violations.check("email", optional_email(request.email.as_deref()));
        let password = violations.check("password", Password::parse(&request.password));
        violations.finish(|| {
            let user = NewUser {
                username: username?,
                full_name: full_name?,
                email: email?,
                role: request.role,
                unit_id: request.unit_id,
            };
            Some(Enrolment { user, password: password? })
        })
    }
}

/// Fields left out are not changed; `email` and `unit_id` set to null are cleared.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[schema(schema_with = text::<FullName>)]
    #[validate(length(min = FullName::MIN, max = FullName::MAX))]
    pub full_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = nullable_text::<Email>)]
    #[validate(length(max = Email::MAX))]
    pub email: Option<Option<String>>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub unit_id: Option<Option<Uuid>>,
}

impl Input for UpdateUserRequest {
    type Value = UserChanges;
}

impl TryFrom<UpdateUserRequest> for UserChanges {
    type Error = Violations;

    fn try_from(request: UpdateUserRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let full_name = violations.check("full_name", request.full_name.as_deref().map(FullName::parse).transpose());
        let email = match request.email {
            None => Some(None),
            Some(raw) => violations.check("email", optional_email(raw.as_deref())).map(Some),
        };
        violations.finish(|| {
            Some(UserChanges { full_name: full_name?, email: email?, role: request.role, unit_id: request.unit_id })
        })
    }
}

/// Tells "set to null" (`Some(None)`) apart from "left out" (`None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// An empty address is no address.
fn optional_email(raw: Option<&str>) -> Result<Option<Email>, mitra_domain::Violation> {
    match raw.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => Email::parse(text).map(Some),
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// At least 5 different characters.
    #[schema(schema_with = text::<Password>)]
    #[validate(length(min = Password::MIN, max = Password::MAX))]
    pub new_password: String,
}

impl Input for ResetPasswordRequest {
    type Value = Password;
}

impl TryFrom<ResetPasswordRequest> for Password {
    type Error = Violations;

    fn try_from(request: ResetPasswordRequest) -> Result<Self, Violations> {
        Password::parse(&request.new_password).map_err(|v| Violations::from(v.at("new_password")))
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    /// Only users with this role.
    pub role: Option<Role>,
    /// Only enabled (`true`) or disabled (`false`) users.
    pub active: Option<bool>,
    /// Part of the username, full name or e-mail address, any case.
    #[param(max_length = 200)]
    #[validate(length(max = FilterText::MAX), custom(function = "crate::validation::no_control_characters"))]
    pub q: Option<String>,
}

impl From<UserFilters> for UserFilter {
    fn from(filters: UserFilters) -> Self {
        UserFilter { role: filters.role, active: filters.active, text: filters.q }
    }
}

fn respond(user: UserRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(user.version)).json(UserView::from(user))
}

/// List users
#[utoipa::path(
    tag = "users",
    params(UserFilters, PagingParams),
    responses((status = 200, description = "Users in creation order", body = Page<UserView>)),
    security(("bearer" = ["users.read"]))
)]
#[get("/users")]
pub async fn list_users(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<UserFilters>,
    paging: Paging<Uuid>,
) -> Result<Json<Page<UserView>>, ApiError> {
    let page = users::list(&state.store, caller.scope(), &filters.0.into(), paging.0).await?;
    Ok(Json(Page::of(page, UserView::from)))
}

/// Create a user
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = UserView, headers(("ETag" = String, description = "The user's version"))),
        (status = 409, description = "The username is taken (`username_taken`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The unit is not one of the organisation's (`unknown_unit`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["users.manage"]))
)]
#[post("/users")]
pub async fn create_user(
    state: Data<AppState>,
    caller: Caller,
    enrolment: Body<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let Enrolment { user, password } = enrolment.into_inner();
    let hash = password::hash(password).await?;
    let user = state.store.write(&caller.audit(), async |tx| users::create(tx, user, hash).await).await?;
    Ok(respond(user, true))
}

/// Get a user
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, description = "The user", body = UserView, headers(("ETag" = String, description = "The user's version")))),
    security(("bearer" = ["users.read"]))
)]
#[get("/users/{id}")]
pub async fn get_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    Ok(respond(users::get(&state.store, caller.scope(), id.into_inner()).await?, false))
}

/// Update a user
///
/// Requires `If-Match` with the ETag last read. Admins cannot change their own role, so an
/// organisation cannot lose its last admin by accident.
#[utoipa::path(
    tag = "users",
    params(
        ("id" = Uuid, Path, description = "User id"),
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "Updated", body = UserView, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Own role change refused (`cannot_change_own_role`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown unit (`unknown_unit`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["users.manage"]))
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    update: Update<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, Update { value: changes, version }) = (id.into_inner(), update);
    let user = state.store.write(&caller.audit(), async |tx| users::update(tx, id, version, changes).await).await?;
    Ok(respond(user, false))
}

/// Disable a user
///
/// The user can no longer log in and every session of theirs ends at once.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Disabled", body = UserView),
        (status = 409, description = "Admins cannot disable themselves (`cannot_disable_self`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["users.manage"]))
)]
#[post("/users/{id}/disable")]
pub async fn disable_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    Ok(respond(state.store.write(&caller.audit(), async |tx| users::set_active(tx, id, false).await).await?, false))
}

/// Enable a user
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, description = "Enabled", body = UserView)),
    security(("bearer" = ["users.manage"]))
)]
#[post("/users/{id}/enable")]
pub async fn enable_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    Ok(respond(state.store.write(&caller.audit(), async |tx| users::set_active(tx, id, true).await).await?, false))
}

/// Set a new password for a user
///
/// Ends every session of the user; they log in again with the new password.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    request_body = ResetPasswordRequest,
    responses((status = 204, description = "Password replaced")),
    security(("bearer" = ["users.manage"]))
)]
#[post("/users/{id}/password")]
pub async fn reset_password(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    password: Body<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, hash) = (id.into_inner(), password::hash(password.into_inner()).await?);
    state.store.write(&caller.audit(), async |tx| users::set_password(tx, id, hash).await).await?;
    Ok(HttpResponse::NoContent().finish())
}
