//! Idempotency keys: a client retrying a request it is unsure of (a timeout, a dropped
//! connection) sends the same `Idempotency-Key` and gets the first answer instead of a second
//! order or payment.
//!
//! Two requests with one key never both take effect:
//!
//! - **A money-moving write** reads its key at its start (a key in use answers at once, and
//!   nothing runs), runs, and claims the key with its answer at its end, in the same transaction
//!   ([`write_keyed`], [`run_keyed`] for a group). A payment never commits without the answer
//!   that tells its client so, and the key costs one row, written once. A request with the same
//!   key that ran at the same moment (on another server) loses at the claim: its write is rolled
//!   back whole.
//! - **Any other request's key** is claimed in a short write of its own before its work runs
//!   ([`claim_many`]), since that work may be no write at all, or several: a second request
//!   finds the claim and is told the first is still running. The answer is kept after the work
//!   ([`keep_many`]); if the work failed on the server's side, the claim is dropped so that a
//!   retry can run it.
//!
//! A kept answer is replayed to every retry until the key expires. A key sent with another request
//! than the first is refused.
//!
//! Expired keys are deleted by [`forget_expired`], with the responses they kept: a payment's
//! answer names the account it was paid to, which is no business of a table of retries once its
//! day is over.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::idempotency_key;
use crate::scope::{self, OrgScope};
use crate::tx::Tx;
use crate::{AuditContext, Exempt, Store, StoreError};

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
    /// First use: run the request, then keep its answer ([`keep_many`]) or [`abandon`] the claim.
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

/// What a keyed write answers one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The request ran in this write, or was refused there: its answer, kept with its key in
    /// the same commit (a server failure is not kept, so that a retry runs the request).
    Fresh(StoredResponse),
    /// The key was in use already: what it says to this request.
    Held(Claim),
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
/// arrive together), before their work runs in writes of its own; one answer per request, in
/// their order. Each request then keeps its answer with [`keep_many`], or [`abandon`]s the key.
pub async fn claim_many(
    store: &Store,
    scope: OrgScope,
    requests: Vec<KeyUse>,
    now: DateTime<Utc>,
) -> Result<Vec<Claim>, StoreError> {
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            claim_in(tx, &requests, now).await
        })
        .await
}

/// Keeps the answers of several requests of one organisation with their keys in one short write:
/// a key claimed by the request ([`claim_many`]), or one no write has claimed (the request was
/// refused before its write could claim it). A key some other request holds is left as it is,
/// and what it says is that request's answer instead.
pub async fn keep_many(
    store: &Store,
    scope: OrgScope,
    answers: Vec<(KeyUse, StoredResponse)>,
    now: DateTime<Utc>,
) -> Result<Vec<Answer>, StoreError> {
    store
        .write_exempt(Exempt::IdempotencyKey, None, async |tx| {
            tx.enter(scope, None);
            keep_in(tx, answers, now).await
        })
        .await
}

/// Runs a money-moving write with its request's key, all in one commit: the key is read first
/// (a key in use answers at once, and nothing runs), then `work` runs, `answer` renders its
/// result, and the key is claimed with that answer. A request that ran is therefore never
/// without its kept answer, whatever happens after the commit. If `work` fails, nothing is
/// written, the key included: the caller keeps the refusal's answer with [`keep_many`]. If
/// another request claimed the key meanwhile (it passed the same read at the same moment on
/// another server), this write fails as a whole with
/// [`Conflict::IdempotencyKeyTakenMeanwhile`](crate::Conflict::IdempotencyKeyTakenMeanwhile).
pub async fn write_keyed<T>(
    store: &Store,
    ctx: &AuditContext,
    key: KeyUse,
    now: DateTime<Utc>,
    work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    answer: impl FnOnce(T) -> StoredResponse,
) -> Result<Answer, StoreError> {
    store
        .write(ctx, async |tx| {
            let claim = held_in(tx, std::slice::from_ref(&key), now).await?.pop().ok_or(StoreError::NotFound)?;
            if claim != Claim::Fresh {
                return Ok(Answer::Held(claim));
            }
            let answered = answer(work(tx).await?);
            answer_in(tx, vec![(key, answered)], now)?.pop().ok_or(StoreError::NotFound)
        })
        .await
}

/// [`write_keyed`] for a group of requests of the write's organisation (see `orders::issue_many`):
/// the keys are read together, `work` decides the requests whose key was fresh (one result
/// each, in their order; a refusal must have changed nothing), and every answer is kept with
/// its key in one statement.
pub async fn run_keyed<R, T>(
    tx: &mut Tx,
    requests: Vec<(KeyUse, R)>,
    now: DateTime<Utc>,
    work: impl AsyncFnOnce(&mut Tx, Vec<R>) -> Result<Vec<Result<T, StoreError>>, StoreError>,
    answer: impl Fn(Result<T, StoreError>) -> StoredResponse,
) -> Result<Vec<Answer>, StoreError> {
    let (keys, requests): (Vec<KeyUse>, Vec<R>) = requests.into_iter().unzip();
    let claims = held_in(tx, &keys, now).await?;
    let fresh: Vec<R> =
        requests.into_iter().zip(&claims).filter(|(_, claim)| **claim == Claim::Fresh).map(|(r, _)| r).collect();
    let mut results = work(tx, fresh).await?.into_iter();
    let mut answers = Vec::with_capacity(keys.len());
    let mut kept = Vec::new();
    for (key, claim) in keys.into_iter().zip(claims) {
        if claim == Claim::Fresh {
            kept.push(answers.len());
            answers.push((key, None));
        } else {
            answers.push((key, Some(Answer::Held(claim))));
        }
    }
    let to_keep: Vec<(KeyUse, StoredResponse)> = kept
        .iter()
        .map(|index| {
            let result = results.next().ok_or(StoreError::NotFound)?;
            Ok((answers[*index].0.clone(), answer(result)))
        })
        .collect::<Result<_, StoreError>>()?;
    for (index, fresh) in kept.into_iter().zip(answer_in(tx, to_keep, now)?) {
        answers[index].1 = Some(fresh);
    }
    answers.into_iter().map(|(_, answer)| answer.ok_or(StoreError::NotFound)).collect()
}

/// What the keys of a keyed write's requests say, read rather than claimed: the write claims a
/// fresh key only with its answer, at its end ([`answer_in`]), so a key costs it one row written
/// once. A key twice among the requests is fresh for the first only.
async fn held_in(tx: &mut Tx, requests: &[KeyUse], now: DateTime<Utc>) -> Result<Vec<Claim>, StoreError> {
    let scope = tx.scope()?;
    let keys: Vec<String> = requests.iter().map(|request| request.key.clone()).collect();
    let live: Vec<idempotency_key::Model> =
        held_rows(tx, scope, keys).await?.into_iter().filter(|row| row.expires_at >= now).collect();
    let claims = requests
        .iter()
        .enumerate()
        .map(|(index, request)| match live.iter().find(|row| row.key == request.key) {
            Some(row) => held_claim(row, &request.fingerprint),
            None => match requests[..index].iter().find(|earlier| earlier.key == request.key) {
                None => Claim::Fresh,
                Some(first) if first.fingerprint == request.fingerprint => Claim::InProgress,
                Some(_) => Claim::Mismatch,
            },
        })
        .collect();
    Ok(claims)
}

/// Claims fresh keys with their answers when the write that ran their requests commits (see
/// [`held_in`] and [`Tx::at_commit`]); an expired key is taken over. A key another request
/// claimed since it was read fails the whole write at its commit: nothing of it is kept, and the
/// other request's answer stands.
fn answer_in(
    tx: &mut Tx,
    answers: Vec<(KeyUse, StoredResponse)>,
    now: DateTime<Utc>,
) -> Result<Vec<Answer>, StoreError> {
    // A server failure is no answer to replay; its key stays free, so that a retry runs it.
    let rows = answers
        .iter()
        .filter(|(_, answer)| answer.status < 500)
        .map(|(key, answer)| row(Uuid::now_v7(), key, Some(answer), now))
        .collect();
    if let Some(change) = tx.upserting_many(rows, taking_over_when(expired(now)))? {
        tx.at_commit(Exempt::IdempotencyKey, change, || {
            StoreError::Conflict(crate::Conflict::IdempotencyKeyTakenMeanwhile)
        });
    }
    Ok(answers.into_iter().map(|(_, answer)| Answer::Fresh(answer)).collect())
}

/// The write of [`claim_many`]. A key another write is claiming at this moment waits for it to
/// end, then says what it kept.
async fn claim_in(tx: &mut Tx, requests: &[KeyUse], now: DateTime<Utc>) -> Result<Vec<Claim>, StoreError> {
    let scope = tx.scope()?;
    let mut firsts: Vec<&KeyUse> = Vec::new();
    for request in requests {
        if !firsts.iter().any(|first| first.key == request.key) {
            firsts.push(request);
        }
    }
    // One statement: each key is inserted, or an expired one taken over (a client may reuse a
    // key once it expired); a live key is left as it is and not returned.
    let conflict = taking_over_when(expired(now));
    let claimed = write_keys(tx, firsts.iter().map(|request| (*request, None)), now, conflict).await?;
    let held: Vec<String> =
        firsts.iter().map(|request| request.key.clone()).filter(|key| !claimed.contains(key)).collect();
    let existing = held_rows(tx, scope, held).await?;
    let mut answered: Vec<&str> = Vec::new();
    let mut claims = Vec::with_capacity(requests.len());
    for request in requests {
        let first = !answered.contains(&request.key.as_str());
        answered.push(&request.key);
        let claim = if claimed.contains(&request.key) {
            let fingerprint = &firsts.iter().find(|f| f.key == request.key).ok_or(StoreError::NotFound)?.fingerprint;
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
}

/// The write of [`keep_many`]. The key is this request's when it is unclaimed, expired, or
/// claimed with the same fingerprint and not answered yet. Its callers keep no server failure.
async fn keep_in(
    tx: &mut Tx,
    answers: Vec<(KeyUse, StoredResponse)>,
    now: DateTime<Utc>,
) -> Result<Vec<Answer>, StoreError> {
    let scope = tx.scope()?;
    let mut firsts: Vec<&(KeyUse, StoredResponse)> = Vec::new();
    for answer in &answers {
        if !firsts.iter().any(|(first, _)| first.key == answer.0.key) {
            firsts.push(answer);
        }
    }
    let existing = |column| Expr::col((idempotency_key::Entity, column));
    let conflict = taking_over_when(
        existing(idempotency_key::Column::Status)
            .is_null()
            .and(
                existing(idempotency_key::Column::Fingerprint)
                    .eq(Expr::col((Alias::new("excluded"), idempotency_key::Column::Fingerprint))),
            )
            .or(expired(now)),
    );
    let kept = write_keys(tx, firsts.iter().map(|(key, answer)| (key, Some(answer))), now, conflict).await?;
    let held: Vec<String> = firsts.iter().map(|(key, _)| key.key.clone()).filter(|key| !kept.contains(key)).collect();
    let existing = held_rows(tx, scope, held).await?;
    let mut answered = Vec::with_capacity(answers.len());
    for (index, (key, answer)) in answers.iter().enumerate() {
        let first = !answers[..index].iter().any(|(earlier, _)| earlier.key == key.key);
        let outcome = if first && kept.contains(&key.key) {
            Answer::Fresh(answer.clone())
        } else if let Some(row) = existing.iter().find(|row| row.key == key.key) {
            Answer::Held(held_claim(row, &key.fingerprint))
        } else {
            // The same key twice among these answers: the first one's stands.
            let (first_key, first_answer) =
                answers.iter().find(|(earlier, _)| earlier.key == key.key).ok_or(StoreError::NotFound)?;
            Answer::Held(if first_key.fingerprint == key.fingerprint {
                Claim::Replay(first_answer.clone())
            } else {
                Claim::Mismatch
            })
        };
        answered.push(outcome);
    }
    Ok(answered)
}

/// A key's row meeting the organisation's row with the same key: it is written over that row
/// only `when` the row may be taken (every write of a key decides this, each by its own rule);
/// otherwise it is left as it is and not returned.
fn taking_over_when(when: Expr) -> OnConflict {
    let mut conflict = OnConflict::columns([idempotency_key::Column::OrganisationId, idempotency_key::Column::Key]);
    conflict.update_columns(ALL_BUT_THE_KEY).action_and_where(when);
    conflict
}

/// The existing row's key has expired: a client may use it again.
fn expired(now: DateTime<Utc>) -> Expr {
    Expr::col((idempotency_key::Entity, idempotency_key::Column::ExpiresAt)).lt(now)
}

/// Every column a claim or a kept answer writes over an expired key (or its own claim).
const ALL_BUT_THE_KEY: [idempotency_key::Column; 9] = [
    idempotency_key::Column::Id,
    idempotency_key::Column::UserId,
    idempotency_key::Column::Fingerprint,
    idempotency_key::Column::Status,
    idempotency_key::Column::ResponseBody,
    idempotency_key::Column::ResponseLocation,
    idempotency_key::Column::ResponseEtag,
    idempotency_key::Column::CreatedAt,
    idempotency_key::Column::ExpiresAt,
];

/// Writes each key's row, claimed (no answer yet) or answered, where `conflict` lets it; answers
/// the keys written.
async fn write_keys<'a>(
    tx: &mut Tx,
    rows: impl Iterator<Item = (&'a KeyUse, Option<&'a StoredResponse>)>,
    now: DateTime<Utc>,
    conflict: OnConflict,
) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(Uuid, &KeyUse, idempotency_key::ActiveModel)> = rows
        .map(|(request, answer)| {
            let id = Uuid::now_v7();
            (id, request, row(id, request, answer, now))
        })
        .collect();
    let keys: Vec<(Uuid, &KeyUse)> = rows.iter().map(|(id, request, _)| (*id, *request)).collect();
    let written = tx.upsert_many(rows.into_iter().map(|(_, _, row)| row).collect(), conflict).await?;
    Ok(keys.into_iter().filter(|(id, _)| written.contains(id)).map(|(_, request)| request.key.clone()).collect())
}

/// A key's row: claimed (no answer yet) or answered.
fn row(
    id: Uuid,
    request: &KeyUse,
    answer: Option<&StoredResponse>,
    now: DateTime<Utc>,
) -> idempotency_key::ActiveModel {
    idempotency_key::ActiveModel {
        id: Set(id),
        key: Set(request.key.clone()),
        user_id: Set(request.user_id),
        fingerprint: Set(request.fingerprint.clone()),
        status: Set(answer.map(|answer| i32::from(answer.status))),
        response_body: Set(answer.map(|answer| answer.body.clone())),
        response_location: Set(answer.and_then(|answer| answer.location.clone())),
        response_etag: Set(answer.and_then(|answer| answer.etag.clone())),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(KEPT_FOR_HOURS)),
        ..Default::default()
    }
}

async fn held_rows(tx: &Tx, scope: OrgScope, keys: Vec<String>) -> Result<Vec<idempotency_key::Model>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    Ok(scope::select::<idempotency_key::Entity>(scope)
        .filter(idempotency_key::Column::Key.is_in(keys))
        .all(tx.conn())
        .await?)
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
