//! RFC 9457 problem details: the one shape of every error the API returns.
//!
//! Handlers return `ApiError`; extractor failures are routed here by the configs in
//! `extract.rs`; and `ensure_problem_json` turns whatever else escapes (actix's own 404s and 405s,
//! panics turned 500) into the same shape, so a client never parses two kinds of error.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use mitra_domain::{Violation, Violations};
use mitra_persistence::{Conflict, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error as the client sees it. `code` is stable and is what clients (and the web app's
/// translations) switch on; `title` and `detail` are English prose for people reading raw JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable snake_case error code to switch on: `validation_failed`, `malformed_json`,
    /// `payload_too_large`, `unsupported_media_type`, `invalid_path_parameter`,
    /// `invalid_query_parameter`, `not_found`, `method_not_allowed`, `unauthenticated`,
    /// `invalid_token`, `token_expired`, `forbidden`, `invalid_credentials`, `too_many_attempts`,
    /// `invalid_refresh_token`, `refresh_token_reused`, `username_taken`, `unit_code_taken`,
    /// `unknown_unit`, `cannot_disable_self`, `cannot_change_own_role`, `precondition_required`,
    /// `precondition_failed`, `service_unavailable`, `internal_error`.
    pub code: String,
    /// Per-field reasons, present for validation failures.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
}

/// Why one field of the request was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name in the request (`password`, `role`, `limit`, ...).
    pub field: String,
    /// Stable reason: `required`, `too_short`, `too_long`, `invalid_format`, `invalid_value`,
    /// `unknown_unit`.
    pub code: String,
    pub message: String,
}

impl From<Violation> for FieldError {
    fn from(violation: Violation) -> Self {
        FieldError { field: violation.field, code: violation.code.as_str().to_owned(), message: violation.message }
    }
}

/// An error a handler or extractor answers with.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    detail: String,
    errors: Vec<FieldError>,
    retry_after_secs: Option<u64>,
    /// The cause of a 500, logged with the request id and never sent.
    source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        ApiError { status, code, detail: detail.into(), errors: Vec::new(), retry_after_secs: None, source: None }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "validation_failed", "the request has invalid fields").with_errors(errors)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "no such resource")
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "your role does not allow this")
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", "a bearer access token is required")
    }

    pub fn invalid_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_token", "the access token is not valid")
    }

    pub fn too_many_attempts(retry_after_secs: u64) -> Self {
        let mut err = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("too many failed attempts; try again in {retry_after_secs} seconds"),
        );
        err.retry_after_secs = Some(retry_after_secs);
        err
    }

    /// A failure the client cannot fix: logged in full, answered with a bare 500.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let mut err =
            Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "the server failed; it has been logged");
        err.source = Some(source.into());
        err
    }

    fn to_problem(&self) -> Problem {
        problem(self.status, self.code, Some(self.detail.clone()), self.errors.clone())
    }
}

fn problem(status: StatusCode, code: &str, detail: Option<String>, errors: Vec<FieldError>) -> Problem {
    Problem {
        problem_type: format!("/problems/{code}"),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        code: code.to_owned(),
        errors,
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source:#}", self.code),
            None => write!(f, "{}: {}", self.code, self.detail),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let mut response = HttpResponse::build(self.status);
        response.content_type(PROBLEM_JSON);
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.json(self.to_problem())
    }
}

impl From<Violations> for ApiError {
    fn from(violations: Violations) -> Self {
        ApiError::validation(violations.into_vec().into_iter().map(FieldError::from).collect())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::VersionMismatch => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                "the resource changed since you read it; read it again and retry",
            ),
            StoreError::UnknownUnit => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_unit",
                "the unit does not exist in your organisation",
            )
            .with_errors(vec![FieldError {
                field: "unit_id".into(),
                code: "unknown_unit".into(),
                message: "no such unit in your organisation".into(),
            }]),
            StoreError::Conflict(conflict) => {
                let (code, detail) = match conflict {
                    Conflict::UsernameTaken => ("username_taken", "that username is already in use"),
                    Conflict::UnitCodeTaken => {
                        ("unit_code_taken", "your organisation already has a unit with that code")
                    }
                    Conflict::SlugTaken => ("slug_taken", "that organisation slug is already in use"),
                };
                ApiError::new(StatusCode::CONFLICT, code, detail)
            }
            StoreError::Db(db) => ApiError::internal(db),
        }
    }
}

/// The code used for a bare status when nothing more specific is known.
fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::REQUEST_TIMEOUT => "request_timeout",
        StatusCode::URI_TOO_LONG => "uri_too_long",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "headers_too_large",
        StatusCode::SERVICE_UNAVAILABLE => "service_unavailable",
        status if status.is_server_error() => "internal_error",
        _ => "bad_request",
    }
}

/// Catch-all for error responses that were not built as problems (actix's own answers, or a
/// panic turned into a 500): replaces the body with a problem for the same status, and logs
/// server errors with their cause. A 500 body never carries the cause.
pub fn ensure_problem_json<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    if status.is_server_error() {
        let cause = res.response().error().map(|err| format!("{err:?}")).unwrap_or_else(|| "no cause".into());
        log::error!("{} {} failed with {status}: {cause}", res.request().method(), res.request().path());
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let (req, _) = res.into_parts();
    let mut response = HttpResponse::build(status);
    response.content_type(PROBLEM_JSON);
    if let Some(allow) = allow {
        response.insert_header((header::ALLOW, allow));
    }
    let detail = if status.is_server_error() { None } else { status.canonical_reason().map(str::to_lowercase) };
    let response = response.json(problem(status, code_for_status(status), detail, Vec::new()));
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_into_right_body()))
}

/// `Allow` header value listing methods, for 405 answers.
pub fn allow_header(methods: &[&str]) -> HeaderValue {
    HeaderValue::from_str(&methods.join(", ")).unwrap_or_else(|_| HeaderValue::from_static("GET"))
}
