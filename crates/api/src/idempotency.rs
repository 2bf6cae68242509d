//! `Idempotency-Key` on POST: a client unsure whether its request went through (a timeout, a
//! dropped connection) sends it again with the same key and gets the first answer, never a
//! second order or payment.
//!
//! Any signed-in POST may carry a key; operations that move money require one (they take the
//! [`IdempotencyKey`] extractor, and the spec declares the header required). The first response,
//! if the server did not fail, is kept with the key for [`KEPT_FOR_HOURS`] hours and replayed,
//! marked `Idempotent-Replayed`. While the first request runs, another with its key is told it is
//! in progress (409). The same key with another method, path, body or user is refused (422). Keys
//! are scoped to the organisation. POSTs before sign-in (login, refresh, logout) ignore the header.
//!
//! Where the key is claimed:
//!
//! - **A money-moving write claims it itself**, in its own transaction, and keeps its answer there
//!   too ([`write`], `orders::issue_group`): the money and the answer that tells the client so
//!   commit together, and the key costs no commit of its own. What the write does not answer (a
//!   body refused before it ran, a refusal that rolled it back) is kept after it, unless the key
//!   meanwhile answered another request - then that answer is this one's too.
//! - **Any other request's key** is claimed in the database before its handler runs, since its
//!   work may be no write at all, or several; its answer is kept after it.
//!
//! Requests of one organisation claim keys, and keep answers, together (`together.rs`).
//!
//! The fingerprint of a JSON body is its bytes; of an upload (multipart) or an import file
//! (`text/csv`), its length, because those stream to their handler and are never held here.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use chrono::Utc;
use futures_util::StreamExt;
pub use mitra_persistence::idempotency::KEPT_FOR_HOURS;
use mitra_persistence::idempotency::{self, Answer, Claim, KeyUse, StoredResponse};
use mitra_persistence::{OrgScope, Store, StoreError, Tx, each_alone_on_failure};
use sha2::{Digest, Sha256};

use crate::access::KeyRequired;
use crate::auth::Caller;
use crate::extract::JSON_LIMIT;
use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;
use crate::together::Together;
use crate::writer_thread::WriterThread;

pub const HEADER: &str = "Idempotency-Key";
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// The longest key accepted (a UUID is 36 characters).
pub const MAX_KEY: usize = 255;

/// The key of a money-moving request, with what it was sent with: the operation refuses to run
/// without one (428), and hands it to its write ([`write`]).
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub KeyUse);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(key) = req.extensions().get::<KeyUse>() {
            return ready(Ok(IdempotencyKey(key.clone())));
        }
        ready(match key_of(req.headers()) {
            // The middleware leaves the key for operations the spec declares it required for.
            Ok(Some(_)) => Err(ApiError::internal(anyhow::anyhow!(
                "an operation takes an Idempotency-Key that its spec does not declare required"
            ))),
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
    let key = KeyUse { user_id: Some(caller.user().id), key, fingerprint };
    let moves_money = req.extensions().contains::<KeyRequired>();
    if moves_money {
        // Its write claims the key (`IdempotencyKey`, `write`).
        req.extensions_mut().insert(key.clone());
        let response = next.call(req).await?;
        return keep(&state, scope, key, response, false).await;
    }
    let claim = match state.key_claims.submit(scope, key.clone()).await {
        Some(claim) => claim.map_err(ApiError::from),
        None => Err(ApiError::internal(anyhow::anyhow!("the key's group was not claimed"))),
    };
    match claim {
        Err(err) => Ok(req.into_response(err.error_response())),
        Ok(Claim::Fresh) => match next.call(req).await {
            Ok(response) => keep(&state, scope, key, response, true).await,
            Err(err) => {
                idempotency::abandon(&state.store, scope, &key.key).await.ok();
                Err(err)
            }
        },
        Ok(held) => Ok(req.into_response(answer_held(held))),
    }
}

/// Keeps the first response with its key, unless its write kept it already, and answers it.
/// After a server failure nothing is kept (and a claim the middleware made is dropped), so that
/// a retry runs the work. A key that answered another request meanwhile answers with that.
async fn keep(
    state: &AppState,
    scope: OrgScope,
    key: KeyUse,
    response: ServiceResponse<impl MessageBody + 'static>,
    claimed: bool,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let status = response.status();
    if response.response().extensions().get::<KeptWithItsKey>().is_some() {
        return Ok(response.map_into_boxed_body());
    }
    let abandon = async || {
        if claimed {
            idempotency::abandon(&state.store, scope, &key.key).await.ok();
        }
    };
    if status.is_server_error() {
        abandon().await;
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body).await else {
        abandon().await;
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
    let name = key.key.clone();
    match state.key_answers.submit(scope, (key, stored)).await {
        Some(Ok(Answer::Fresh(_))) => {}
        Some(Ok(Answer::Held(held))) => return Ok(ServiceResponse::new(request, answer_held(held))),
        // The work is done and answered; if its answer could not be kept, a retry is told the
        // key is still in progress until it expires, which is safe (it never runs twice).
        Some(Err(err)) => log::error!("idempotency key {name} could not keep its response: {err}"),
        None => log::error!("idempotency key {name} could not keep its response: its group failed"),
    }
    Ok(ServiceResponse::new(request, head.set_body(bytes).map_into_boxed_body()))
}

/// Marks a response its write kept with its key: the middleware has nothing left to keep.
#[derive(Debug, Clone, Copy)]
struct KeptWithItsKey;

/// Runs a money-moving write with its key ([`idempotency::write_keyed`]): claimed, run and
/// answered in one commit. `respond` renders the write's result; the answer is the one kept.
pub async fn write<T>(
    state: &AppState,
    caller: &Caller,
    key: IdempotencyKey,
    work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    respond: impl FnOnce(T) -> HttpResponse,
) -> Result<HttpResponse, ApiError> {
    let answer =
        idempotency::write_keyed(&state.store, &caller.audit(), key.0, Utc::now(), work, |done| stored(respond(done)))
            .await?;
    Ok(answer_with(answer))
}

/// A response as it is kept with its key. A body that is not whole in memory (none of the
/// money-moving answers) cannot be kept: it reads as a server failure, which nothing keeps.
pub fn stored(response: HttpResponse) -> StoredResponse {
    let status = response.status();
    let header_text =
        |name| response.headers().get(name).and_then(|value: &HeaderValue| value.to_str().ok()).map(str::to_owned);
    let (location, etag) = (header_text(header::LOCATION), header_text(header::ETAG));
    match response.into_body().try_into_bytes() {
        Ok(bytes) => StoredResponse {
            status: status.as_u16(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
            location,
            etag,
        },
        Err(_) => StoredResponse { status: 500, body: String::new(), location: None, etag: None },
    }
}

/// What a keyed write answers its request: its own kept answer, or what the key said.
pub fn answer_with(answer: Answer) -> HttpResponse {
    let mut response = match answer {
        Answer::Fresh(stored) => respond_with(stored),
        Answer::Held(held) => answer_held(held),
    };
    response.extensions_mut().insert(KeptWithItsKey);
    response
}

/// What a key already in use says to a request: the first answer, or why it cannot run.
fn answer_held(claim: Claim) -> HttpResponse {
    match claim {
        Claim::Replay(stored) => {
            let mut response = respond_with(stored);
            response.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
            response
        }
        Claim::InProgress => ApiError::new(
            StatusCode::CONFLICT,
            ProblemCode::IdempotencyKeyInUse,
            "the first request with this Idempotency-Key is still running; retry in a moment",
        )
        .error_response(),
        Claim::Mismatch => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::IdempotencyKeyReused,
            "this Idempotency-Key was used with another request; use a new key for a new request",
        )
        .error_response(),
        Claim::Fresh => ApiError::internal(anyhow::anyhow!("a fresh key was answered as held")).error_response(),
    }
}

/// The queue of the keys each organisation's requests are claiming: a turn claims every key
/// waiting in one short write (one by one if that write fails, so one key's trouble is its own).
pub fn claiming(thread: Arc<WriterThread>, store: Store) -> Together<KeyUse, Result<Claim, StoreError>> {
    Together::new(thread, move |scope, requests: Vec<KeyUse>| {
        let store = store.clone();
        Box::pin(async move {
            let now = Utc::now();
            each_alone_on_failure(requests, async |group| idempotency::claim_many(&store, scope, group, now).await)
                .await
        })
    })
}

/// The queue of the answers being kept with their keys, written together like the claims.
pub fn answering(
    thread: Arc<WriterThread>,
    store: Store,
) -> Together<(KeyUse, StoredResponse), Result<Answer, StoreError>> {
    Together::new(thread, move |scope, answers: Vec<(KeyUse, StoredResponse)>| {
        let store = store.clone();
        Box::pin(async move {
            let now = Utc::now();
            each_alone_on_failure(answers, async |group| idempotency::keep_many(&store, scope, group, now).await).await
        })
    })
}

/// A kept answer as a response, byte for byte.
fn respond_with(stored: StoredResponse) -> HttpResponse {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
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
