//! User management: admins create, edit, disable and reset users of their own organisation.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, patch, post};
use chrono::{DateTime, Utc};
use mitra_domain::Violations;
use mitra_domain::access::{Action, Role};
use mitra_domain::identity::{Email, FullName, Password, Username};
use mitra_persistence::users::{self, NewUser, UserChanges, UserFilter, UserRecord};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::filters;
use super::paging::{Paged, page_request};
use super::roles::RoleName;
use crate::auth::{Caller, password};
use crate::extract::{IfMatch, JsonBody, etag};
use crate::problem::ApiError;
use crate::state::AppState;

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
    pub role: RoleName,
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
            role: record.role.into(),
            unit_id: record.unit_id,
            active: record.active,
            created_at: record.created_at,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<UserView>,
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// 3-64 characters of a-z, 0-9, '.', '_' and '-' (stored lower-case); unique across Mitra.
    #[schema(min_length = 3, max_length = 64, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    pub username: String,
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    #[serde(default)]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    pub role: RoleName,
    #[serde(default)]
    pub unit_id: Option<Uuid>,
    /// The initial password: 12-128 characters, at least 5 different ones.
    #[schema(min_length = 12, max_length = 128)]
    pub password: String,
}

/// Fields left out are not changed; `email` and `unit_id` set to null are cleared.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    pub role: Option<RoleName>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub unit_id: Option<Option<Uuid>>,
}

/// Tells "set to null" (`Some(None)`) apart from "left out" (`None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// 12-128 characters, at least 5 different ones.
    #[schema(min_length = 12, max_length = 128)]
    pub new_password: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Only users with this role.
    pub role: Option<RoleName>,
    /// Only enabled (`true`) or disabled (`false`) users.
    pub active: Option<bool>,
    /// Part of the username, full name or e-mail address, any case.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1-100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn respond(user: UserRecord, created: bool) -> HttpResponse {
    let mut response = if created { HttpResponse::Created() } else { HttpResponse::Ok() };
    response.insert_header(etag(user.version)).json(UserView::from(user))
}

fn optional_email(raw: Option<&str>) -> Result<Option<Email>, mitra_domain::Violation> {
    match raw.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => Email::parse(text).map(Some),
    }
}

/// List users
#[utoipa::path(
    tag = "users",
    params(UserListQuery),
    responses((status = 200, description = "Users in creation order", body = UserPage)),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(
    state: Data<AppState>,
    caller: Caller,
    query: Query<UserListQuery>,
) -> Result<Json<UserPage>, ApiError> {
    caller.require(Action::UsersRead)?;
    let query = query.into_inner();
    let page = page_request(query.limit, query.cursor.as_deref())?;
    let filter =
        UserFilter { role: query.role.map(Role::from), active: query.active, text: filters::text("q", query.q)? };
    let page = users::list(state.store.connection(), caller.scope(), &filter, page).await?;
    let paged = Paged::from_page(page, UserView::from);
    Ok(Json(UserPage { items: paged.items, next_cursor: paged.next_cursor }))
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
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn create_user(
    state: Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersManage)?;
    let body = body.into_inner();
    let mut violations = Violations::new();
    let username = violations.check("username", Username::parse(&body.username));
    let full_name = violations.check("full_name", FullName::parse(&body.full_name));
    let email = violations.check("email", optional_email(body.email.as_deref()));
    let password = violations.check("password", Password::parse(&body.password));
    let (username, full_name, email, password) =
        violations.finish(|| Some((username?, full_name?, email?, password?)))?;
    let password_hash = password::hash(password.expose().to_owned()).await?;
    let new = NewUser { username, full_name, email, role: body.role.into(), unit_id: body.unit_id, password_hash };
    let user = users::create(&state.store, &caller.audit(), new).await?;
    Ok(respond(user, true))
}

/// Get a user
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, description = "The user", body = UserView, headers(("ETag" = String, description = "The user's version")))),
    security(("bearer" = []))
)]
#[get("/users/{id}")]
pub async fn get_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersRead)?;
    Ok(respond(users::get(state.store.connection(), caller.scope(), id.into_inner()).await?, false))
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
    security(("bearer" = []))
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    if_match: IfMatch,
    body: JsonBody<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersManage)?;
    let id = id.into_inner();
    let body = body.into_inner();
    let mut violations = Violations::new();
    let full_name = violations.check("full_name", body.full_name.as_deref().map(FullName::parse).transpose());
    let email = match body.email {
        None => Some(None),
        Some(raw) => violations.check("email", optional_email(raw.as_deref())).map(Some),
    };
    let changes = violations.finish(|| {
        Some(UserChanges {
            full_name: full_name?,
            email: email?,
            role: body.role.map(Role::from),
            unit_id: body.unit_id,
        })
    })?;
    if id == caller.user_id && changes.role.is_some_and(|role| role != caller.role) {
        return Err(ApiError::new(
            actix_web::http::StatusCode::CONFLICT,
            "cannot_change_own_role",
            "ask another admin to change your role",
        ));
    }
    let user = users::update(&state.store, &caller.audit(), id, if_match.0, changes).await?;
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
    security(("bearer" = []))
)]
#[post("/users/{id}/disable")]
pub async fn disable_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersManage)?;
    let id = id.into_inner();
    if id == caller.user_id {
        return Err(ApiError::new(
            actix_web::http::StatusCode::CONFLICT,
            "cannot_disable_self",
            "ask another admin to disable your account",
        ));
    }
    Ok(respond(users::set_active(&state.store, &caller.audit(), id, false).await?, false))
}

/// Enable a user
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, description = "Enabled", body = UserView)),
    security(("bearer" = []))
)]
#[post("/users/{id}/enable")]
pub async fn enable_user(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersManage)?;
    Ok(respond(users::set_active(&state.store, &caller.audit(), id.into_inner(), true).await?, false))
}

/// Set a new password for a user
///
/// Ends every session of the user; they log in again with the new password.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    request_body = ResetPasswordRequest,
    responses((status = 204, description = "Password replaced")),
    security(("bearer" = []))
)]
#[post("/users/{id}/password")]
pub async fn reset_password(
    state: Data<AppState>,
    caller: Caller,
    id: Path<Uuid>,
    body: JsonBody<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::UsersManage)?;
    let password =
        Password::parse(&body.into_inner().new_password).map_err(|v| Violations::from(v.at("new_password")))?;
    let hash = password::hash(password.expose().to_owned()).await?;
    users::set_password(&state.store, &caller.audit(), id.into_inner(), hash).await?;
    Ok(HttpResponse::NoContent().finish())
}
