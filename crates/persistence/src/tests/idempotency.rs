//! Idempotency keys live their documented day, then are deleted with the responses they kept;
//! a money-moving write keeps its key with its work.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::fixture;
use crate::entities::{idempotency_key, unit};
use crate::idempotency::{self, Answer, Claim, KEPT_FOR_HOURS, KeyUse, StoredResponse};
use crate::units::{self, UnitRecord};
use crate::{Conflict, StoreError, Tx};
use sea_orm::ActiveValue::Set;
use uuid::Uuid;

fn answer(body: &str) -> StoredResponse {
    StoredResponse { status: 201, body: body.into(), location: None, etag: None }
}

#[tokio::test]
async fn expired_keys_are_forgotten_with_their_responses_and_live_ones_are_kept() {
    let (store, _db, alpha, beta) = fixture().await;
    let claimed_at = Utc::now();
    let claim = async |scope, key: &str, fingerprint: &str, now| {
        idempotency::claim(&store, scope, None, key, fingerprint, now).await.unwrap()
    };
    // Alpha: one answered key and one whose request never finished; beta: a key claimed later.
    assert_eq!(claim(alpha.scope(), "pay-1", "first", claimed_at).await, Claim::Fresh);
    let first = KeyUse { user_id: None, key: "pay-1".into(), fingerprint: "first".into() };
    let kept = idempotency::keep_many(
        &store,
        alpha.scope(),
        vec![(first, answer("{\"account_number\":\"1234\"}"))],
        claimed_at,
    )
    .await
    .unwrap();
    assert_eq!(kept, vec![Answer::Fresh(answer("{\"account_number\":\"1234\"}"))], "the claim's own answer is kept");
    assert_eq!(claim(alpha.scope(), "pay-2", "second", claimed_at).await, Claim::Fresh);
    let later = claimed_at + Duration::hours(2);
    assert_eq!(claim(beta.scope(), "pay-1", "first", later).await, Claim::Fresh);

    // Within the day nothing is forgotten, and a retry still gets the first answer.
    let expiry = Duration::hours(KEPT_FOR_HOURS);
    let just_before = claimed_at + expiry - Duration::seconds(1);
    assert_eq!(idempotency::forget_expired(&store, just_before).await.unwrap(), 0);
    assert_eq!(
        claim(alpha.scope(), "pay-1", "first", just_before).await,
        Claim::Replay(answer("{\"account_number\":\"1234\"}"))
    );

    // Past it, alpha's two keys are deleted (the response with them); beta's is not yet due.
    let past = claimed_at + expiry + Duration::seconds(1);
    assert_eq!(idempotency::forget_expired(&store, past).await.unwrap(), 2);
    let left = idempotency_key::Entity::find().all(store.db()).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].organisation_id, left[0].key.as_str()), (beta.id, "pay-1"));
    assert_eq!(idempotency::forget_expired(&store, past).await.unwrap(), 0, "a second run finds nothing");

    // The forgotten key is free for a new request; beta's goes once its own day is over.
    assert_eq!(claim(alpha.scope(), "pay-1", "another request", past).await, Claim::Fresh);
    assert_eq!(idempotency::forget_expired(&store, later + expiry + Duration::seconds(1)).await.unwrap(), 1);
    assert_eq!(idempotency_key::Entity::find().count(store.db()).await.unwrap(), 1, "alpha's new claim");
}

/// A money-moving write claims its key, runs and keeps its answer in one commit; a write that
/// fails leaves no trace of the key either, so that a retry runs it.
#[tokio::test]
async fn a_keyed_write_commits_its_work_and_its_answer_together_or_neither() {
    let (store, _db, alpha, _) = fixture().await;
    let now = Utc::now();
    let key = |fingerprint: &str| KeyUse {
        user_id: Some(alpha.admin_id),
        key: "unit-1".into(),
        fingerprint: fingerprint.into(),
    };
    let create = async |tx: &mut Tx, code: &str| units::create(tx, super::new_unit(code)).await;
    let created = |unit: UnitRecord| answer(&format!("{{\"code\":\"{}\"}}", unit.code));
    let units_named =
        async |code: &str| unit::Entity::find().filter(unit::Column::Code.eq(code)).count(store.db()).await.unwrap();

    // Refused by the database (the code is taken): nothing is written, the key included.
    let refused = idempotency::write_keyed(
        &store,
        &alpha.admin(),
        key("first"),
        now,
        async |tx| create(tx, "DISKOMINFO").await,
        created,
    )
    .await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(idempotency_key::Entity::find().count(store.db()).await.unwrap(), 0, "no claim is left behind");

    // It runs: the unit and its answer commit together.
    let first = idempotency::write_keyed(
        &store,
        &alpha.admin(),
        key("first"),
        now,
        async |tx| create(tx, "HUMAS").await,
        created,
    )
    .await
    .unwrap();
    assert_eq!(first, Answer::Fresh(answer("{\"code\":\"HUMAS\"}")));
    assert_eq!(units_named("HUMAS").await, 1);

    // A retry is answered from the key and runs nothing; another request with the key is refused.
    let retry = idempotency::write_keyed(
        &store,
        &alpha.admin(),
        key("first"),
        now,
        async |tx| create(tx, "PROTOKOL").await,
        created,
    )
    .await
    .unwrap();
    assert_eq!(retry, Answer::Held(Claim::Replay(answer("{\"code\":\"HUMAS\"}"))));
    let other = idempotency::write_keyed(
        &store,
        &alpha.admin(),
        key("another"),
        now,
        async |tx| create(tx, "PROTOKOL").await,
        created,
    )
    .await
    .unwrap();
    assert_eq!(other, Answer::Held(Claim::Mismatch));
    assert_eq!(units_named("PROTOKOL").await, 0, "neither ran");
}

/// A key another request claimed while this write ran (the same key on another server, at the
/// same moment) fails the write whole: its work is not kept, and nothing answers for the key but
/// the other request.
#[tokio::test]
async fn a_keyed_write_whose_key_was_claimed_meanwhile_keeps_nothing() {
    let (store, _db, alpha, _) = fixture().await;
    let now = Utc::now();
    let key = KeyUse { user_id: Some(alpha.admin_id), key: "unit-1".into(), fingerprint: "first".into() };
    let written = idempotency::write_keyed(
        &store,
        &alpha.admin(),
        key,
        now,
        async |tx| {
            let unit = units::create(tx, super::new_unit("HUMAS")).await?;
            // The other request's claim, as its write leaves it.
            tx.insert(idempotency_key::ActiveModel {
                id: Set(Uuid::now_v7()),
                key: Set("unit-1".into()),
                user_id: Set(Some(alpha.admin_id)),
                fingerprint: Set("first".into()),
                status: Set(Some(201)),
                response_body: Set(Some("{}".into())),
                response_location: Set(None),
                response_etag: Set(None),
                created_at: Set(now),
                expires_at: Set(now + Duration::hours(KEPT_FOR_HOURS)),
                ..Default::default()
            })
            .await?;
            Ok(unit)
        },
        |unit| answer(&unit.code),
    )
    .await;
    assert!(matches!(written, Err(StoreError::Conflict(Conflict::IdempotencyKeyTakenMeanwhile))), "{written:?}");
    let units = unit::Entity::find().filter(unit::Column::Code.eq("HUMAS")).count(store.db()).await.unwrap();
    assert_eq!(units, 0, "the write was rolled back whole");
}
