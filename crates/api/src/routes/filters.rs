//! Free-text query parameters (search words, filter values) checked before they reach a query:
//! a NUL byte or a megabyte of text is the client's mistake, not a database error.

use actix_web::http::StatusCode;

use crate::problem::{ApiError, FieldError};

const MAX_LEN: usize = 200;

/// `None` for an absent or blank value; a 400 naming `field` for control characters or
/// excessive length.
pub fn text(field: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let problem = if value.chars().any(char::is_control) {
        Some(("invalid_format", format!("{field} must not contain control characters")))
    } else if value.chars().count() > MAX_LEN {
        Some(("too_long", format!("{field} must be at most {MAX_LEN} characters")))
    } else {
        None
    };
    match problem {
        None => Ok(Some(value)),
        Some((code, message)) => {
            Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_query_parameter", message.clone())
                .with_errors(vec![FieldError { field: field.to_owned(), code: code.to_owned(), message }]))
        }
    }
}
