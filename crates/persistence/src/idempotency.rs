//! Idempotency keys: a client retrying a request it is unsure of (a timeout, a dropped
//! connection) sends the same `Idempotency-Key` and gets the first answer instead of a second
//! order or payment.
//!
//! A key is claimed before the work runs, in its own short write, so two concurrent requests with
//! one key cannot both run: the second finds the claim and is told the first is still running.
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

/// Claims `key` for a request whose method, path, body and caller hash to `fingerprint`.
pub async fn claim(
    store: &Store,
    scope: OrgScope,
    user_id: Option<Uuid>,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    let id = Uuid::now_v7();
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, user_id);
            // One statement on the first use: the key is inserted, or an expired one taken over
            // (a client may reuse a key once it expired); a live key is left as it is.
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
            let claimed = tx
                .upsert(
                    idempotency_key::ActiveModel {
                        id: Set(id),
                        key: Set(key.to_owned()),
                        user_id: Set(user_id),
                        fingerprint: Set(fingerprint.to_owned()),
                        status: Set(None),
                        response_body: Set(None),
                        response_location: Set(None),
                        response_etag: Set(None),
                        created_at: Set(now),
                        expires_at: Set(now + Duration::hours(KEPT_FOR_HOURS)),
                        ..Default::default()
                    },
                    conflict,
                )
                .await?;
            if claimed.is_some() {
                return Ok(Claim::Fresh);
            }
            let row = scope::select::<idempotency_key::Entity>(scope)
                .filter(idempotency_key::Column::Key.eq(key))
                .one(tx.conn())
                .await?
                .ok_or(StoreError::NotFound)?;
            Ok(if row.fingerprint != fingerprint {
                Claim::Mismatch
            } else {
                match (row.status, row.response_body) {
                    (Some(status), Some(body)) => Claim::Replay(StoredResponse {
                        status: u16::try_from(status).unwrap_or(500),
                        body,
                        location: row.response_location,
                        etag: row.response_etag,
                    }),
                    _ => Claim::InProgress,
                }
            })
        })
        .await
}

/// Keeps the response of a claimed key's request, to be replayed.
pub async fn complete(store: &Store, scope: OrgScope, key: &str, response: StoredResponse) -> Result<(), StoreError> {
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            tx.update::<idempotency_key::Entity>(|update| {
                update
                    .col_expr(idempotency_key::Column::Status, i32::from(response.status).into())
                    .col_expr(idempotency_key::Column::ResponseBody, response.body.into())
                    .col_expr(idempotency_key::Column::ResponseLocation, response.location.into())
                    .col_expr(idempotency_key::Column::ResponseEtag, response.etag.into())
                    .filter(idempotency_key::Column::Key.eq(key))
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
