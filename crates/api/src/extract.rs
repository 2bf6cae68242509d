//! Request extractors that answer bad input with problem details instead of actix's plain text.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::problem::{ApiError, FieldError};

/// Largest JSON body accepted. Every request of this API is a small form.
pub const JSON_LIMIT: usize = 64 * 1024;

/// A JSON request body. Unlike `web::Json`, a body of the wrong shape is reported per field
/// (`role: invalid_value`), so a form can show the error next to the right input.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T> JsonBody<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .mime_type()
            .ok()
            .flatten()
            .is_some_and(|mime| mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"));
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "the body must be JSON (Content-Type: application/json)",
                ));
            }
            if declared_length.is_some_and(|length| length > JSON_LIMIT) {
                return Err(too_large());
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| {
                    ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", "the body could not be read")
                })?;
                if body.len() + chunk.len() > JSON_LIMIT {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            parse_json(&body).map(JsonBody)
        })
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("the body is larger than {JSON_LIMIT} bytes"),
    )
}

/// Syntax errors are `malformed_json`; a well-formed body with a wrong field is a validation
/// failure naming that field.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // Parsed in two steps because serde_json reports some wrong types (a number where an enum
    // is expected) as syntax errors when deserializing straight from bytes.
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", "the body is not valid JSON"))?;
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let (field, code) = if let Some(missing) = missing_field(&message) {
            (missing, "required")
        } else if path == "." || path.is_empty() {
            ("body".to_owned(), "invalid_value")
        } else {
            (path, "invalid_value")
        };
        ApiError::validation(vec![FieldError { field, code: code.into(), message: strip_position(&message) }])
    })
}

/// serde reports a missing field at the parent's path; the field name is in the message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// serde's "at line 1 column 17" helps nobody filling in a form.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        PathError::Deserialize(inner) => format!("invalid path parameter: {inner}"),
        _ => "invalid path parameter".to_owned(),
    };
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_path_parameter", detail).into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        QueryPayloadError::Deserialize(inner) => strip_position(&inner.to_string()),
        _ => "invalid query string".to_owned(),
    };
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_query_parameter", detail).into()
}

/// The version a client read (`If-Match: "3"`), required on updates of versioned resources so
/// that two officers editing one record cannot silently overwrite each other.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub i32);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_if_match(req))
    }
}

fn parse_if_match(req: &HttpRequest) -> Result<IfMatch, ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            "send If-Match with the ETag you read, so concurrent edits are not lost",
        ));
    };
    value
        .to_str()
        .ok()
        .map(|text| text.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|version| version.parse::<i32>().ok())
        .map(IfMatch)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                "If-Match does not name a version of this resource",
            )
        })
}

/// The ETag of a resource at `version`.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Form {
        name: String,
        age: u32,
    }

    #[test]
    fn syntax_errors_are_malformed_json() {
        let err = parse_json::<Form>(b"{\"name\": ").map(|_| ()).map_err(|e| e.code());
        assert_eq!(err, Err("malformed_json"));
        let trailing = parse_json::<Form>(b"{\"name\":\"a\",\"age\":1} x").map(|_| ()).map_err(|e| e.code());
        assert_eq!(trailing, Err("malformed_json"));
    }

    #[test]
    fn wrong_types_name_the_field() {
        let err = parse_json::<Form>(b"{\"name\":\"a\",\"age\":\"old\"}").map(|_| ()).map_err(|e| format!("{e:?}"));
        let text = err.err().unwrap_or_default();
        assert!(text.contains("validation_failed") && text.contains("field: \"age\""), "{text}");
    }

    #[test]
    fn missing_fields_are_required() {
        let err = parse_json::<Form>(b"{\"name\":\"a\"}").map(|_| ()).map_err(|e| format!("{e:?}"));
        let text = err.err().unwrap_or_default();
        assert!(text.contains("field: \"age\"") && text.contains("code: \"required\""), "{text}");
    }
}
