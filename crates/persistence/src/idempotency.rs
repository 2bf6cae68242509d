//! Idempotency keys: a client retrying a request it is unsure of (a timeout, a dropped
//! connection) sends the same `Idempotency-Key` and gets the first answer instead of a second
//! order or payment.
//!
//! A key is claimed before the work runs, in its own short write (one for the keys of requests
//! that arrive together), so two concurrent requests with one key cannot both run: the second finds the claim and is told the first is still running.
//! When the first finishes, its response is kept with the key and replayed to every retry until
//! the key expires. A key sent with another request than the first is refused. If the work fails
//! on the server's side, the claim is dropped so that a retry can run it. Expired keys are
//! deleted by [`forget_expired`], with the responses they kept: a payment's answer names the
//! account it was paid to, which is no business of a table of retries once its day is over.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::idempotency_key;
use crate::scope::{self, OrgScope};
use crate::{Exempt, Store, StoreError};

/// How long a key and its response are kept: a day covers any sensible retry.
pub const KEPT_FOR_HOURS: i64 = 24;

/// The first response to a key, as it is replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub etag: Option<String>,
}

/// What a key says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use: run the request, then [`complete`] or [`abandon`] the claim.
    Fresh,
    /// The key's first request finished: answer with its response.
    Replay(StoredResponse),
    /// The key's first request is still running.
    InProgress,
    /// The key was first used with another request (method, path, body or user).
    Mismatch,
}

/// A request's use of a key: who sent it and what its method, path, body and caller hash to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUse {
    pub user_id: Option<Uuid>,
    pub key: String,
    pub fingerprint: String,
}

/// Claims `key` for a request whose method, path, body and caller hash to `fingerprint`.
pub async fn claim(
    store: &Store,
    scope: OrgScope,
    user_id: Option<Uuid>,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    let request = KeyUse { user_id, key: key.to_owned(), fingerprint: fingerprint.to_owned() };
    claim_many(store, scope, vec![request], now).await?.pop().ok_or(StoreError::NotFound)
}

/// Claims the keys of several requests of one organisation in one short write (requests that
/// arrive together); one answer per request, in their order. A key twice in the group is
/// claimed by its first request; the later one finds it in progress, as it would a moment later.
pub async fn claim_many(
    store: &Store,
    scope: OrgScope,
    requests: Vec<KeyUse>,
    now: DateTime<Utc>,
) -> Result<Vec<Claim>, StoreError> {
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            let mut firsts: Vec<&KeyUse> = Vec::new();
            for request in &requests {
                if !firsts.iter().any(|first| first.key == request.key) {
                    firsts.push(request);
                }
            }
            // One statement: each key is inserted, or an expired one taken over (a client may
            // reuse a key once it expired); a live key is left as it is and not returned.
            let mut conflict =
                OnConflict::columns([idempotency_key::Column::OrganisationId, idempotency_key::Column::Key]);
            conflict
                .update_columns([
                    idempotency_key::Column::Id,
                    idempotency_key::Column::UserId,
                    idempotency_key::Column::Fingerprint,
                    idempotency_key::Column::Status,
                    idempotency_key::Column::ResponseBody,
                    idempotency_key::Column::ResponseLocation,
                    idempotency_key::Column::ResponseEtag,
                    idempotency_key::Column::CreatedAt,
                    idempotency_key::Column::ExpiresAt,
                ])
                .action_and_where(Expr::col((idempotency_key::Entity, idempotency_key::Column::ExpiresAt)).lt(now));
            let rows = firsts
                .iter()
                .map(|request| idempotency_key::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    key: Set(request.key.clone()),
                    user_id: Set(request.user_id),
                    fingerprint: Set(request.fingerprint.clone()),
                    status: Set(None),
                    response_body: Set(None),
                    response_location: Set(None),
                    response_etag: Set(None),
                    created_at: Set(now),
                    expires_at: Set(now + Duration::hours(KEPT_FOR_HOURS)),
                    ..Default::default()
                })
                .collect();
            let claimed: Vec<String> = tx.upsert_many(rows, conflict).await?.into_iter().map(|row| row.key).collect();
            let held: Vec<String> =
                firsts.iter().map(|request| request.key.clone()).filter(|key| !claimed.contains(key)).collect();
            let existing = if held.is_empty() {
                Vec::new()
            } else {
                scope::select::<idempotency_key::Entity>(scope)
                    .filter(idempotency_key::Column::Key.is_in(held))
                    .all(tx.conn())
                    .await?
            };
            let mut answered: Vec<&str> = Vec::new();
            let mut claims = Vec::with_capacity(requests.len());
            for request in &requests {
                let first = !answered.contains(&request.key.as_str());
                answered.push(&request.key);
                let claim = if claimed.contains(&request.key) {
                    let fingerprint =
                        &firsts.iter().find(|f| f.key == request.key).ok_or(StoreError::NotFound)?.fingerprint;
                    match (first, fingerprint == &request.fingerprint) {
                        (true, _) => Claim::Fresh,
                        (false, true) => Claim::InProgress,
                        (false, false) => Claim::Mismatch,
                    }
                } else {
                    let row = existing.iter().find(|row| row.key == request.key).ok_or(StoreError::NotFound)?;
                    held_claim(row, &request.fingerprint)
                };
                claims.push(claim);
            }
            Ok(claims)
        })
        .await
}

/// What a key already held by an earlier request says to this one.
fn held_claim(row: &idempotency_key::Model, fingerprint: &str) -> Claim {
    if row.fingerprint != fingerprint {
        return Claim::Mismatch;
    }
    match (row.status, &row.response_body) {
        (Some(status), Some(body)) => Claim::Replay(StoredResponse {
            status: u16::try_from(status).unwrap_or(500),
            body: body.clone(),
            location: row.response_location.clone(),
            etag: row.response_etag.clone(),
        }),
        _ => Claim::InProgress,
    }
}

/// Keeps the response of a claimed key's request, to be replayed.
pub async fn complete(store: &Store, scope: OrgScope, key: &str, response: StoredResponse) -> Result<(), StoreError> {
    complete_many(store, scope, vec![(key.to_owned(), response)]).await
}

/// Keeps the responses of several claimed keys of one organisation in one statement.
pub async fn complete_many(
    store: &Store,
    scope: OrgScope,
    responses: Vec<(String, StoredResponse)>,
) -> Result<(), StoreError> {
    let Some(((first_key, first), rest)) = responses.split_first() else { return Ok(()) };
    // Each column is the key's own value: CASE key WHEN ... THEN ... END.
    let column = |value: &dyn Fn(&StoredResponse) -> sea_orm::Value| {
        rest.iter()
            .fold(
                Expr::case(idempotency_key::Column::Key.eq(first_key.as_str()), value(first)),
                |case, (key, response)| case.case(idempotency_key::Column::Key.eq(key.as_str()), value(response)),
            )
            .into()
    };
    let status = column(&|r| i32::from(r.status).into());
    let body = column(&|r| r.body.clone().into());
    let location = column(&|r| r.location.clone().into());
    let etag = column(&|r| r.etag.clone().into());
    let keys: Vec<String> = responses.iter().map(|(key, _)| key.clone()).collect();
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            tx.update::<idempotency_key::Entity>(|update| {
                update
                    .col_expr(idempotency_key::Column::Status, status)
                    .col_expr(idempotency_key::Column::ResponseBody, body)
                    .col_expr(idempotency_key::Column::ResponseLocation, location)
                    .col_expr(idempotency_key::Column::ResponseEtag, etag)
                    .filter(idempotency_key::Column::Key.is_in(keys))
                    .filter(idempotency_key::Column::Status.is_null())
            })
            .await?;
            Ok(())
        })
        .await
}

/// Drops the claim of a request that failed on the server's side, so that a retry runs it.
pub async fn abandon(store: &Store, scope: OrgScope, key: &str) -> Result<(), StoreError> {
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            tx.delete::<idempotency_key::Entity>(|delete| {
                delete.filter(idempotency_key::Column::Key.eq(key)).filter(idempotency_key::Column::Status.is_null())
            })
            .await?;
            Ok(())
        })
        .await
}

/// Deletes every organisation's keys that expired before `now`, with the responses they kept;
/// answers how many. Run by the server's hourly upkeep; a key in use is never expired (it lives
/// [`KEPT_FOR_HOURS`] hours from its claim).
pub async fn forget_expired(store: &Store, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut forgotten = 0;
    for organisation in crate::organisations::all(store).await? {
        let scope = OrgScope::of(organisation.id);
        forgotten += store
            .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
                tx.enter(scope, None);
                tx.delete::<idempotency_key::Entity>(|delete| delete.filter(idempotency_key::Column::ExpiresAt.lt(now)))
                    .await
            })
            .await?;
    }
    Ok(forgotten)
}
