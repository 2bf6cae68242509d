//! Request extractors: every input is checked in the same order - JSON syntax, shape
//! (`validator`), domain values (`TryFrom`), and only then preconditions - and every refusal is a
//! problem+json answer naming the field.

use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;

use actix_web::dev::Payload;
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures_util::StreamExt;
use mitra_domain::{Violation, ViolationCode, Violations};
use mitra_persistence::PageRequest;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::problem::{ApiError, FieldError, ProblemCode};
use crate::validation::violations;

/// Largest JSON body accepted. Every request of this API is a small form.
pub const JSON_LIMIT: usize = 64 * 1024;

/// A request body as the API receives it: its shape is checked by `validator`, then it becomes
/// the domain value [`Input::Value`] through that type's `TryFrom`.
pub trait Input: DeserializeOwned + Validate + 'static {
    type Value: TryFrom<Self, Error = Violations>;
}

/// A JSON body, checked and turned into its domain value.
#[derive(Debug)]
pub struct Body<B: Input>(pub B::Value);

impl<B: Input> Body<B> {
    pub fn into_inner(self) -> B::Value {
        self.0
    }
}

impl<B: Input> FromRequest for Body<B> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_body(req, payload);
        Box::pin(async move { Ok(Body(parse_input::<B>(&body.await?)?)) })
    }
}

/// A conditional update: a [`Body`] and the version the client read (`If-Match: "3"`),
/// required so that two officers editing one record cannot silently overwrite each other. The
/// body is judged first: a malformed request is refused as such before its precondition.
#[derive(Debug)]
pub struct Update<B: Input> {
    pub value: B::Value,
    pub version: i32,
}

impl<B: Input> FromRequest for Update<B> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_body(req, payload);
        let version = if_match(req);
        Box::pin(async move {
            let value = parse_input::<B>(&body.await?)?;
            Ok(Update { value, version: version? })
        })
    }
}

fn read_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> impl Future<Output = Result<web::BytesMut, ApiError>> + 'static {
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
    async move {
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemCode::UnsupportedMediaType,
                "the body must be JSON (Content-Type: application/json)",
            ));
        }
        if declared_length.is_some_and(|length| length > JSON_LIMIT) {
            return Err(too_large());
        }
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| {
                ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::MalformedJson, "the body could not be read")
            })?;
            if body.len() + chunk.len() > JSON_LIMIT {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ProblemCode::PayloadTooLarge,
        format!("the body is larger than {JSON_LIMIT} bytes"),
    )
}

/// JSON syntax, then shape, then domain values. A form gets every refused field in one answer:
/// fields the shape check let through are still judged as domain values.
fn parse_input<B: Input>(body: &[u8]) -> Result<B::Value, ApiError> {
    let request: B = parse_json(body)?;
    let shape = request.validate().err().map(|errors| violations(&errors));
    match (shape, B::Value::try_from(request)) {
        (None, Ok(value)) => Ok(value),
        (None, Err(domain)) => Err(domain.into()),
        (Some(shape), Ok(_)) => Err(shape.into()),
        (Some(mut shape), Err(domain)) => {
            let reported: Vec<String> = shape.iter().map(|violation| violation.field.clone()).collect();
            for violation in domain.into_vec() {
                if !reported.contains(&violation.field) {
                    shape.push(violation);
                }
            }
            Err(shape.into())
        }
    }
}

/// Syntax errors are `malformed_json`; a well-formed body with a wrong field is a validation
/// failure naming that field.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // Parsed in two steps because serde_json reports some wrong types (a number where an enum
    // is expected) as syntax errors when deserializing straight from bytes.
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| {
        ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::MalformedJson, "the body is not valid JSON")
    })?;
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let (field, code) = if let Some(missing) = missing_field(&message) {
            (
                if path == "." || path.is_empty() { missing } else { format!("{path}.{missing}") },
                ViolationCode::Required,
            )
        } else if path == "." || path.is_empty() {
            ("body".to_owned(), ViolationCode::InvalidValue)
        } else {
            (path, ViolationCode::InvalidValue)
        };
        ApiError::validation(vec![FieldError {
            field,
            code,
            message: strip_position(&message),
            row: None,
            column: None,
        }])
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
    ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidPathParameter, detail).into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        QueryPayloadError::Deserialize(inner) => strip_position(&inner.to_string()),
        _ => "invalid query string".to_owned(),
    };
    ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidQueryParameter, detail).into()
}

fn if_match(req: &HttpRequest) -> Result<i32, ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            ProblemCode::PreconditionRequired,
            "send If-Match with the ETag you read, so concurrent edits are not lost",
        ));
    };
    value
        .to_str()
        .ok()
        .map(|text| text.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|version| version.parse::<i32>().ok())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                ProblemCode::PreconditionFailed,
                "If-Match does not name a version of this resource",
            )
        })
}

/// The ETag of a resource at `version`.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// The filters of a list from the query string, shape-checked by `validator` like a body.
#[derive(Debug)]
pub struct Filters<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Filters<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(query::<T>(req).map(Filters))
    }
}

fn query<T: DeserializeOwned + Validate>(req: &HttpRequest) -> Result<T, ApiError> {
    let parsed = web::Query::<T>::from_query(req.query_string())
        .map_err(|err| {
            ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidQueryParameter, strip_position(&err.to_string()))
        })?
        .into_inner();
    parsed.validate().map_err(|errors| ApiError::invalid_query(violations(&errors)))?;
    Ok(parsed)
}

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// Cursor paging, shared by every list: documented once, here.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PagingParams {
    /// Page size, 1-100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = MAX_LIMIT))]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub cursor: Option<String>,
}

/// The page a list request asks for: its size, and the decoded cursor of the list's key type.
#[derive(Debug)]
pub struct Paging<C>(pub PageRequest<C>);

impl<C: FromStr + 'static> FromRequest for Paging<C> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(query::<PagingParams>(req).and_then(|params| page_request(params).map(Paging)))
    }
}

fn page_request<C: FromStr>(params: PagingParams) -> Result<PageRequest<C>, ApiError> {
    let after = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(cursor) => Some(
            URL_SAFE_NO_PAD
                .decode(cursor)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|text| text.parse::<C>().ok())
                .ok_or_else(|| {
                    ApiError::invalid_query(
                        Violation::new("cursor", ViolationCode::InvalidFormat, "cursor is not one this API gave out")
                            .into(),
                    )
                })?,
        ),
    };
    Ok(PageRequest { limit: params.limit.unwrap_or(DEFAULT_LIMIT), after })
}

/// One page of a list, newest or oldest first as the list says.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The API page of a stored page, each record turned into its view.
    pub fn of<R, C: ToString>(page: mitra_persistence::Page<R, C>, view: impl FnMut(R) -> T) -> Self {
        Page {
            items: page.items.into_iter().map(view).collect(),
            next_cursor: page.next.map(|cursor| URL_SAFE_NO_PAD.encode(cursor.to_string())),
        }
    }
}

/// The request id assigned to this request, for the audit trail.
pub fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<crate::request_id::RequestId>().map(|id| id.0.clone())
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
        assert_eq!(err, Err(ProblemCode::MalformedJson));
        let trailing = parse_json::<Form>(b"{\"name\":\"a\",\"age\":1} x").map(|_| ()).map_err(|e| e.code());
        assert_eq!(trailing, Err(ProblemCode::MalformedJson));
    }

    #[test]
    fn wrong_types_name_the_field() {
        let err = parse_json::<Form>(b"{\"name\":\"a\",\"age\":\"old\"}").map(|_| ()).map_err(|e| format!("{e:?}"));
        let text = err.err().unwrap_or_default();
        assert!(text.contains("ValidationFailed") && text.contains("field: \"age\""), "{text}");
    }

    #[test]
    fn missing_fields_are_required() {
        let err = parse_json::<Form>(b"{\"name\":\"a\"}").map(|_| ()).map_err(|e| format!("{e:?}"));
        let text = err.err().unwrap_or_default();
        assert!(text.contains("field: \"age\"") && text.contains("code: Required"), "{text}");
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let page = mitra_persistence::Page { items: vec![1], next: Some(42i64) };
        let cursor = Page::of(page, |n| n).next_cursor;
        let request = page_request::<i64>(PagingParams { limit: Some(5), cursor }).map_err(|e| e.code());
        assert_eq!(request.map(|r| (r.limit, r.after)), Ok((5, Some(42))));
        let bad = page_request::<i64>(PagingParams { limit: None, cursor: Some("!!".into()) }).map_err(|e| e.code());
        assert_eq!(bad.map(|_| ()), Err(ProblemCode::InvalidQueryParameter));
        let wrong_type =
            page_request::<uuid::Uuid>(PagingParams { limit: None, cursor: Some(URL_SAFE_NO_PAD.encode("12")) });
        assert!(wrong_type.is_err());
    }
}
