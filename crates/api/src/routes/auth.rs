//! Logging in and out, and refreshing a session.
//!
//! The web app never sees its refresh token: login and refresh set it as an `HttpOnly`,
//! `SameSite=Strict` cookie scoped to `/api/v1/auth` (and `Secure` behind HTTPS), which refresh
//! and logout read back. Requests that rely on that cookie must be same-origin JSON requests, so
//! another site can neither read the token nor make the browser spend it. Other systems
//! integrating through the API ask for the token in the body instead and present it there.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::{StatusCode, header};
use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError, post};
use chrono::Utc;
use mitra_domain::identity::Username;
use mitra_domain::throttle::ThrottlePolicy;
use mitra_domain::{Violation, ViolationCode, Violations};
use mitra_persistence::Exempt;
use mitra_persistence::sessions::{self, NewToken, Rotation};
use mitra_persistence::users::{self, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::{password, tokens};
use crate::extract::{Body, Input, request_id};
use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;

/// The refresh token's cookie, sent back only to the session operations.
pub const REFRESH_COOKIE: &str = "mitra_refresh";
const COOKIE_PATH: &str = "/api/v1/auth";

/// Where the client wants its refresh token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefreshTokenDelivery {
    /// An `HttpOnly` cookie that scripts cannot read: for browsers.
    #[default]
    Cookie,
    /// The response body: for other systems, which keep it safe themselves.
    Body,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct LoginRequest {
    #[schema(example = "oki.admin", min_length = 1)]
    pub username: String,
    #[schema(min_length = 1)]
    pub password: String,
    #[serde(default)]
    pub refresh_token_delivery: RefreshTokenDelivery,
}

/// A login attempt: both fields given.
#[derive(Debug)]
pub struct Login {
    username: String,
    password: String,
    delivery: RefreshTokenDelivery,
}

impl Input for LoginRequest {
    type Value = Login;
}

impl TryFrom<LoginRequest> for Login {
    type Error = Violations;

    fn try_from(request: LoginRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        for (field, value) in [("username", request.username.trim()), ("password", request.password.as_str())] {
            if value.is_empty() {
                violations.push(Violation::new(field, ViolationCode::Required, format!("{field} is required")));
            }
        }
        violations.finish(|| {
            Some(Login {
                username: request.username,
                password: request.password,
                delivery: request.refresh_token_delivery,
            })
        })
    }
}

/// The refresh token to use: in the body (systems), or absent to use the cookie (browsers).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
pub struct SessionRequest {
    #[schema(min_length = 1)]
    #[validate(length(min = 1, max = 200))]
    pub refresh_token: Option<String>,
}

/// The session a refresh or logout is about, as the client presented it.
#[derive(Debug)]
pub struct Presented {
    token: Option<String>,
}

impl Input for SessionRequest {
    type Value = Presented;
}

impl TryFrom<SessionRequest> for Presented {
    type Error = Violations;

    fn try_from(request: SessionRequest) -> Result<Self, Violations> {
        Ok(Presented { token: request.refresh_token.map(|token| token.trim().to_owned()) })
    }
}

/// A new access token, and the refresh token's lifetime (the token itself only when asked for
/// in the body).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single use: each refresh returns a new one, and reusing an old one ends the session.
    /// Absent when the token travels in the `mitra_refresh` cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Seconds until the refresh token expires.
    pub refresh_expires_in: i64,
}

fn invalid_credentials() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, ProblemCode::InvalidCredentials, "wrong username or password")
}

/// The throttle key of a login name as typed. Hashed, so that any input - a megabyte of text,
/// a NUL byte - makes a short key the database accepts, while case and spacing still fold
/// together as they do at login.
fn throttle_key_for(username: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(username.trim().to_lowercase().as_bytes());
    format!("user:{}", hex::encode(&digest[..16]))
}

/// Log in with username and password
///
/// Returns a short-lived access token; the refresh token goes into the `mitra_refresh` cookie, or
/// into the body when `refresh_token_delivery` is `body`. Repeated failures for one username or
/// from one address are answered with 429 and `Retry-After` for a while; disabled users get the
/// same answer as a wrong password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair, headers(("Set-Cookie" = String, description = "`mitra_refresh`, unless the token was asked for in the body"))),
        (status = 401, description = "Wrong username or password (`invalid_credentials`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts (`too_many_attempts`); see `Retry-After`", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(
    state: Data<AppState>,
    req: HttpRequest,
    login: Body<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let Login { username, password, delivery } = login.into_inner();
    let now = Utc::now();
    let user_key = throttle_key_for(&username);
    let address_key = format!("addr:{}", req.peer_addr().map(|addr| addr.ip().to_string()).unwrap_or_default());
    for (key, policy) in [(&user_key, ThrottlePolicy::PER_USERNAME), (&address_key, ThrottlePolicy::PER_ADDRESS)] {
        let failures = sessions::failures_since(&state.store, key, now - policy.window).await?;
        if let Some(wait) = policy.retry_after(&failures, now) {
            return Err(ApiError::too_many_attempts(wait.num_seconds().max(1) as u64));
        }
    }

    let credentials = match Username::parse(&username) {
        Ok(name) => users::credentials_for_login(&state.store, &name).await?,
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
    let refresh_token = tokens::new_refresh_token();
    let token =
        NewToken { hash: tokens::hash_refresh_token(&refresh_token), expires_at: now + state.tokens.refresh_ttl() };
    sessions::open(&state.store, &user, token, &user_key, request_id(&req)).await?;
    respond_with_tokens(&state, &req, &user, refresh_token, delivery)
}

/// The token pair, with the refresh token where the client wants it.
fn respond_with_tokens(
    state: &AppState,
    req: &HttpRequest,
    user: &UserRecord,
    refresh_token: String,
    delivery: RefreshTokenDelivery,
) -> Result<HttpResponse, ApiError> {
    let refresh_expires_in = state.tokens.refresh_ttl().num_seconds();
    let mut response = HttpResponse::Ok();
    no_store(&mut response);
    let refresh_token = match delivery {
        RefreshTokenDelivery::Body => Some(refresh_token),
        RefreshTokenDelivery::Cookie => {
            response.cookie(refresh_cookie(req, refresh_token, time::Duration::seconds(refresh_expires_in)));
            None
        }
    };
    Ok(response.json(TokenPair {
        access_token: state.tokens.issue_access(user.id, user.organisation_id)?,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl().num_seconds(),
        refresh_token,
        refresh_expires_in,
    }))
}

/// Responses carrying tokens are never cached by anything between server and client.
fn no_store(response: &mut HttpResponseBuilder) {
    response.insert_header((header::CACHE_CONTROL, "no-store"));
}

fn refresh_cookie(req: &HttpRequest, value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(req.connection_info().scheme() == "https")
        .max_age(max_age)
        .finish()
}

/// The refresh token a client presented, and how: from the body, or from the cookie of a
/// same-origin request.
fn presented_token(req: &HttpRequest, presented: Presented) -> Result<(String, RefreshTokenDelivery), ApiError> {
    if let Some(token) = presented.token.filter(|token| !token.is_empty()) {
        return Ok((token, RefreshTokenDelivery::Body));
    }
    let cookie = req.cookie(REFRESH_COOKIE).map(|cookie| cookie.value().to_owned()).filter(|v| !v.is_empty());
    let Some(token) = cookie else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ProblemCode::InvalidRefreshToken,
            "no refresh token: send it in the body or log in again",
        ));
    };
    refuse_cross_site(req)?;
    Ok((token, RefreshTokenDelivery::Cookie))
}

/// A browser always names where a request comes from (`Sec-Fetch-Site`, `Origin`); a request
/// spending the session cookie must come from this site. Requests without either header are
/// not from a browser, so no other site can have made them.
fn refuse_cross_site(req: &HttpRequest) -> Result<(), ApiError> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let fetch_site_ok = header("sec-fetch-site").is_none_or(|site| site == "same-origin" || site == "none");
    let connection = req.connection_info();
    let expected = format!("{}://{}", connection.scheme(), connection.host());
    let origin_ok = header("origin").is_none_or(|origin| origin == expected);
    if fetch_site_ok && origin_ok {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ProblemCode::CrossSiteRequest,
            "the session cookie is only accepted from this site",
        ))
    }
}

/// Exchange a refresh token for new tokens
///
/// The presented refresh token (the cookie, or `refresh_token` in the body) is used up and
/// replaced the same way. Presenting a used one again is taken as theft: the whole session is
/// revoked and `refresh_token_reused` is returned.
#[utoipa::path(
    tag = "auth",
    request_body = SessionRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenPair),
        (status = 401, description = "Unknown, expired or revoked token (`invalid_refresh_token`), or a reused one (`refresh_token_reused`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The cookie came with a request from another site (`cross_site_request`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(()),
    extensions(("x-not-audited" = json!(Exempt::SessionRotation.reason())))
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: Data<AppState>,
    req: HttpRequest,
    presented: Body<SessionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (presented, delivery) = presented_token(&req, presented.into_inner())?;
    let new_token = tokens::new_refresh_token();
    let next =
        NewToken { hash: tokens::hash_refresh_token(&new_token), expires_at: Utc::now() + state.tokens.refresh_ttl() };
    let rotation =
        sessions::rotate(&state.store, &tokens::hash_refresh_token(&presented), next, request_id(&req)).await?;
    let refused = |code, detail: &str| {
        let mut response = ApiError::new(StatusCode::UNAUTHORIZED, code, detail).error_response();
        if delivery == RefreshTokenDelivery::Cookie {
            let _ = response.add_cookie(&expired_cookie(&req));
        }
        Ok(response)
    };
    match rotation {
        Rotation::Rotated(user) => respond_with_tokens(&state, &req, &user, new_token, delivery),
        Rotation::Reused => refused(
            ProblemCode::RefreshTokenReused,
            "this refresh token was already used; the session has been ended for safety",
        ),
        Rotation::Invalid => {
            refused(ProblemCode::InvalidRefreshToken, "the refresh token is unknown, expired or revoked")
        }
    }
}

fn expired_cookie(req: &HttpRequest) -> Cookie<'static> {
    refresh_cookie(req, String::new(), time::Duration::ZERO)
}

/// Log out
///
/// Ends the session the refresh token (the cookie, or `refresh_token` in the body) belongs to,
/// and clears the cookie. Logging out without a token, or with an unknown or already revoked
/// one, succeeds too, so a client can always clean up.
#[utoipa::path(
    tag = "auth",
    request_body = SessionRequest,
    responses(
        (status = 204, description = "Logged out"),
        (status = 403, description = "The cookie came with a request from another site (`cross_site_request`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(
    state: Data<AppState>,
    req: HttpRequest,
    presented: Body<SessionRequest>,
) -> Result<HttpResponse, ApiError> {
    match presented_token(&req, presented.into_inner()) {
        Ok((token, _)) => sessions::close(&state.store, &tokens::hash_refresh_token(&token), request_id(&req)).await?,
        Err(err) if err.code() == ProblemCode::InvalidRefreshToken => {}
        Err(err) => return Err(err),
    }
    let mut response = HttpResponse::NoContent();
    Ok(response.cookie(expired_cookie(&req)).finish())
}
