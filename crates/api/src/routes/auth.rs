//! Logging in and out, and refreshing a session.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, post};
use chrono::Utc;
use mitra_domain::identity::Username;
use mitra_domain::throttle::ThrottlePolicy;
use mitra_domain::{Violation, ViolationCode};
use mitra_persistence::sessions::{self, Rotation};
use mitra_persistence::users::{self, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{password, tokens};
use crate::extract::JsonBody;
use crate::problem::{ApiError, FieldError};
use crate::request_id::RequestId;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(example = "oki.admin", min_length = 1)]
    pub username: String,
    #[schema(min_length = 1)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    #[schema(min_length = 1)]
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LogoutRequest {
    #[schema(min_length = 1)]
    pub refresh_token: String,
}

/// A new access token and the refresh token that replaces any previous one.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single use: each refresh returns a new one, and reusing an old one ends the session.
    pub refresh_token: String,
    /// Seconds until the refresh token expires.
    pub refresh_expires_in: i64,
}

fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<RequestId>().map(|id| id.0.clone())
}

fn invalid_credentials() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", "wrong username or password")
}

fn required(field: &str, value: &str) -> Option<FieldError> {
    value.is_empty().then(|| Violation::new(field, ViolationCode::Required, format!("{field} is required")).into())
}

/// The throttle key of a login name as typed. Hashed, so that any input - a megabyte of text,
/// a NUL byte - makes a short key the database accepts, while case and spacing still fold
/// together as they do at login.
fn throttle_key_for(username: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(username.trim().to_lowercase().as_bytes());
    format!("user:{}", hex::encode(&digest[..16]))
}

/// The refresh token a client presented, as stored: hashed.
fn presented_token_hash(raw: &str) -> Result<String, ApiError> {
    let token = raw.trim();
    match required("refresh_token", token) {
        Some(missing) => Err(ApiError::validation(vec![missing])),
        None => Ok(tokens::hash_refresh_token(token)),
    }
}

/// Log in with username and password
///
/// Returns a short-lived access token and a refresh token. Repeated failures for one username
/// or from one address are answered with 429 and `Retry-After` for a while; disabled users get
/// the same answer as a wrong password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 401, description = "Wrong username or password (`invalid_credentials`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts (`too_many_attempts`); see `Retry-After`", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(
    state: Data<AppState>,
    req: HttpRequest,
    body: JsonBody<LoginRequest>,
) -> Result<Json<TokenPair>, ApiError> {
    let LoginRequest { username, password } = body.into_inner();
    let missing: Vec<FieldError> =
        [required("username", username.trim()), required("password", &password)].into_iter().flatten().collect();
    if !missing.is_empty() {
        return Err(ApiError::validation(missing));
    }
    let now = Utc::now();
    let user_key = throttle_key_for(&username);
    let address_key = format!("addr:{}", req.peer_addr().map(|addr| addr.ip().to_string()).unwrap_or_default());
    for (key, policy) in [(&user_key, ThrottlePolicy::PER_USERNAME), (&address_key, ThrottlePolicy::PER_ADDRESS)] {
        let failures = sessions::failures_since(state.store.connection(), key, now - policy.window).await?;
        if let Some(wait) = policy.retry_after(&failures, now) {
            return Err(ApiError::too_many_attempts(wait.num_seconds().max(1) as u64));
        }
    }

    let credentials = match Username::parse(&username) {
        Ok(name) => users::credentials_for_login(state.store.connection(), &name).await?,
        Err(_) => None,
    };
    let (user, stored_hash) = match credentials {
        Some(found) => (Some(found.user), Some(found.password_hash)),
        None => (None, None),
    };
    let password_ok = password::verify(password, stored_hash).await?;
    let user = match user {
        Some(user) if password_ok && user.active => user,
        _ => {
            let forget_before = now - ThrottlePolicy::PER_USERNAME.window.max(ThrottlePolicy::PER_ADDRESS.window);
            sessions::record_failure(&state.store, &[user_key, address_key], now, forget_before).await?;
            return Err(invalid_credentials());
        }
    };
    sessions::clear_failures(&state.store, &user_key).await?;
    let refresh_token = tokens::new_refresh_token();
    let refresh_expires_at = now + state.tokens.refresh_ttl();
    sessions::open(
        &state.store,
        &user,
        tokens::hash_refresh_token(&refresh_token),
        refresh_expires_at,
        request_id(&req),
    )
    .await?;
    Ok(Json(token_pair(&state, &user, refresh_token)?))
}

fn token_pair(state: &AppState, user: &UserRecord, refresh_token: String) -> Result<TokenPair, ApiError> {
    Ok(TokenPair {
        access_token: state.tokens.issue_access(user.id, user.organisation_id)?,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl().num_seconds(),
        refresh_token,
        refresh_expires_in: state.tokens.refresh_ttl().num_seconds(),
    })
}

/// Exchange a refresh token for new tokens
///
/// The presented refresh token is used up. Presenting a used one again is taken as theft: the
/// whole session is revoked and `refresh_token_reused` is returned.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenPair),
        (status = 401, description = "Unknown, expired or revoked token (`invalid_refresh_token`), or a reused one (`refresh_token_reused`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: Data<AppState>,
    req: HttpRequest,
    body: JsonBody<RefreshRequest>,
) -> Result<Json<TokenPair>, ApiError> {
    let presented = presented_token_hash(&body.into_inner().refresh_token)?;
    let new_token = tokens::new_refresh_token();
    let expires_at = Utc::now() + state.tokens.refresh_ttl();
    let rotation = sessions::rotate(
        &state.store,
        &presented,
        tokens::hash_refresh_token(&new_token),
        expires_at,
        request_id(&req),
    )
    .await?;
    match rotation {
        Rotation::Rotated(user) => Ok(Json(token_pair(&state, &user, new_token)?)),
        Rotation::Reused => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "refresh_token_reused",
            "this refresh token was already used; the session has been ended for safety",
        )),
        Rotation::Invalid => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_refresh_token",
            "the refresh token is unknown, expired or revoked",
        )),
    }
}

/// Log out
///
/// Ends the session the refresh token belongs to. Logging out with an unknown or already
/// revoked token succeeds too, so a client can always clean up.
#[utoipa::path(
    tag = "auth",
    request_body = LogoutRequest,
    responses((status = 204, description = "Logged out")),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(
    state: Data<AppState>,
    req: HttpRequest,
    body: JsonBody<LogoutRequest>,
) -> Result<HttpResponse, ApiError> {
    let presented = presented_token_hash(&body.into_inner().refresh_token)?;
    sessions::close(&state.store, &presented, request_id(&req)).await?;
    Ok(HttpResponse::NoContent().finish())
}
