//! Idempotency keys live their documented day, then are deleted with the responses they kept.

use chrono::{Duration, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};

use super::fixture;
use crate::entities::idempotency_key;
use crate::idempotency::{self, Answer, Claim, KEPT_FOR_HOURS, KeyUse, StoredResponse};

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
