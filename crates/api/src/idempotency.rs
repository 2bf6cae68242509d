//! `Idempotency-Key` on POST: a client unsure whether its request went through (a timeout, a
//! dropped connection) sends it again with the same key and gets the first answer, never a
//! second order or payment.
//!
//! Any signed-in POST may carry a key; operations that move money require one (they take the
//! [`IdempotencyKey`] extractor, and the spec declares the header required). The key is claimed in
//! the database before the handler runs, so concurrent requests with one key run the work once:
//! the others are told it is in progress (409). The first response, if the server did not fail,
//! is kept with the key for [`KEPT_FOR_HOURS`] hours and replayed, marked `Idempotent-Replayed`.
//! The same key with another method, path, body or user is refused (422). Keys are scoped to the
//! organisation. POSTs before sign-in (login, refresh, logout) ignore the header.
//!
//! The fingerprint of a JSON body is its bytes; of an upload (multipart) or an import file
//! (`text/csv`), its length, because those stream to their handler and are never held here.

use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use chrono::Utc;
use futures_util::StreamExt;
pub use mitra_persistence::idempotency::KEPT_FOR_HOURS;
use mitra_persistence::idempotency::{self, Claim, KeyUse, StoredResponse};
use mitra_persistence::{Store, StoreError};
use sha2::{Digest, Sha256};

use crate::auth::Caller;
use crate::extract::JSON_LIMIT;
use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;
use crate::together::Together;

pub const HEADER: &str = "Idempotency-Key";
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// The longest key accepted (a UUID is 36 characters).
pub const MAX_KEY: usize = 255;

/// The key of a money-moving request: the operation refuses to run without one (428).
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match key_of(req.headers()) {
            Ok(Some(key)) => Ok(IdempotencyKey(key)),
            Ok(None) => Err(ApiError::new(
                StatusCode::PRECONDITION_REQUIRED,
                ProblemCode::IdempotencyKeyRequired,
                "this operation moves money: send an Idempotency-Key (a new UUID per intended request)",
            )),
            Err(err) => Err(err),
        })
    }
}

fn key_of(headers: &header::HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(HEADER) else { return Ok(None) };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|key| !key.is_empty() && key.len() <= MAX_KEY && key.bytes().all(|b| b.is_ascii_graphic()));
    match key {
        Some(key) => Ok(Some(key.to_owned())),
        None => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            ProblemCode::InvalidIdempotencyKey,
            format!("an Idempotency-Key is 1 to {MAX_KEY} printable ASCII characters"),
        )),
    }
}

/// The middleware: runs inside access control, so a signed-in caller is known.
pub async fn replay(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = match key_of(req.headers()) {
        Ok(key) => key,
        Err(err) => return Ok(req.into_response(err.error_response())),
    };
    let caller = req.extensions().get::<Caller>().cloned();
    let (Some(key), Some(caller), true) = (key, caller, req.method() == Method::POST) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let fingerprint = match fingerprint(&mut req, &caller).await {
        Ok(fingerprint) => fingerprint,
        Err(err) => return Ok(req.into_response(err.error_response())),
    };
    let scope = caller.scope();
    let key_use = KeyUse { user_id: Some(caller.user().id), key: key.clone(), fingerprint };
    let claim = match state.key_claims.submit(scope, key_use).await {
        Some(claim) => claim.map_err(ApiError::from),
        None => Err(ApiError::internal(anyhow::anyhow!("the key's group was not claimed"))),
    };
    match claim {
        Err(err) => Ok(req.into_response(err.error_response())),
        Ok(Claim::Replay(stored)) => Ok(req.into_response(replayed(stored))),
        Ok(Claim::InProgress) => Ok(req.into_response(
            ApiError::new(
                StatusCode::CONFLICT,
                ProblemCode::IdempotencyKeyInUse,
                "the first request with this Idempotency-Key is still running; retry in a moment",
            )
            .error_response(),
        )),
        Ok(Claim::Mismatch) => Ok(req.into_response(
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::IdempotencyKeyReused,
                "this Idempotency-Key was used with another request; use a new key for a new request",
            )
            .error_response(),
        )),
        Ok(Claim::Fresh) => {
            let response = next.call(req).await;
            let response = match response {
                Ok(response) => response,
                Err(err) => {
                    idempotency::abandon(&state.store, scope, &key).await.ok();
                    return Err(err);
                }
            };
            keep(&state, &caller, &key, response).await
        }
    }
}

/// Keeps the first response with its key (or drops the claim after a server failure, so that a
/// retry runs the work), and answers it.
async fn keep(
    state: &AppState,
    caller: &Caller,
    key: &str,
    response: ServiceResponse<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let scope = caller.scope();
    let status = response.status();
    if status.is_server_error() {
        idempotency::abandon(&state.store, scope, key).await.ok();
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body).await else {
        idempotency::abandon(&state.store, scope, key).await.ok();
        return Err(actix_web::error::ErrorInternalServerError("the response could not be read"));
    };
    let header_text =
        |name: header::HeaderName| head.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let stored = StoredResponse {
        status: status.as_u16(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
        location: header_text(header::LOCATION),
        etag: header_text(header::ETAG),
    };
    let kept = state.key_answers.submit(scope, (key.to_owned(), stored)).await;
    // The work is done and answered; if its answer could not be kept, a retry is told the key
    // is still in progress until it expires, which is safe (it never runs twice).
    match kept {
        Some(Ok(())) => {}
        Some(Err(err)) => log::error!("idempotency key {key} could not keep its response: {err}"),
        None => log::error!("idempotency key {key} could not keep its response: its group failed"),
    }
    Ok(ServiceResponse::new(request, head.set_body(bytes).map_into_boxed_body()))
}

/// The queue of the keys each organisation's requests are claiming: a turn claims every key
/// waiting in one short write (one by one if that write fails, so one key's trouble is its own).
pub fn claiming(store: Store) -> Together<KeyUse, Result<Claim, StoreError>> {
    Together::new(move |scope, requests: Vec<KeyUse>| {
        let store = store.clone();
        Box::pin(async move {
            let now = Utc::now();
            match idempotency::claim_many(&store, scope, requests.clone(), now).await {
                Ok(claims) => claims.into_iter().map(Ok).collect(),
                Err(err) if requests.len() == 1 => vec![Err(err)],
                Err(_) => {
                    let mut claims = Vec::with_capacity(requests.len());
                    for request in requests {
                        claims.push(
                            idempotency::claim_many(&store, scope, vec![request], now)
                                .await
                                .and_then(|mut one| one.pop().ok_or(StoreError::NotFound)),
                        );
                    }
                    claims
                }
            }
        })
    })
}

/// The queue of the answers being kept with their keys, written together like the claims.
pub fn answering(store: Store) -> Together<(String, StoredResponse), Result<(), StoreError>> {
    Together::new(move |scope, answers: Vec<(String, StoredResponse)>| {
        let store = store.clone();
        Box::pin(async move {
            let count = answers.len();
            match idempotency::complete_many(&store, scope, answers.clone()).await {
                Ok(()) => (0..count).map(|_| Ok(())).collect(),
                Err(err) if count == 1 => vec![Err(err)],
                Err(_) => {
                    let mut kept = Vec::with_capacity(count);
                    for (key, answer) in answers {
                        kept.push(idempotency::complete(&store, scope, &key, answer).await);
                    }
                    kept
                }
            }
        })
    })
}

fn replayed(stored: StoredResponse) -> HttpResponse {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.insert_header((REPLAYED, HeaderValue::from_static("true")));
    if let Some(location) = stored.location {
        response.insert_header((header::LOCATION, location));
    }
    if let Some(etag) = stored.etag {
        response.insert_header((header::ETAG, etag));
    }
    if stored.body.is_empty() {
        return response.finish();
    }
    let content_type = if status.is_success() { "application/json" } else { crate::problem::PROBLEM_JSON };
    response.content_type(content_type).body(stored.body)
}

/// What the key must be used with again: method, path and query, user, and the body (its bytes,
/// or an upload's length). The JSON body is read here and handed back to the handler.
async fn fingerprint(req: &mut ServiceRequest, caller: &Caller) -> Result<String, ApiError> {
    let mut hash = Sha256::new();
    hash.update(req.method().as_str());
    hash.update([0]);
    hash.update(req.uri().to_string());
    hash.update([0]);
    hash.update(caller.user().id.as_bytes());
    hash.update([0]);
    // Uploads and import files stream to their handler, so they are never held here.
    let streamed = req.content_type().starts_with("multipart/") || req.content_type() == "text/csv";
    if streamed {
        let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).unwrap_or("");
        hash.update(length);
    } else {
        let mut payload = req.take_payload();
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| {
                ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::MalformedJson, "the body could not be read")
            })?;
            if body.len() + chunk.len() > JSON_LIMIT {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ProblemCode::PayloadTooLarge,
                    format!("the body is larger than {JSON_LIMIT} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        let body = body.freeze();
        hash.update(&body);
        req.set_payload(Payload::from(body));
    }
    Ok(hash.finalize().iter().map(|byte| format!("{byte:02x}")).collect())
}
