//! The caller of a request: verified against the database, cached briefly, forgotten at once
//! when a write changes them.

use std::time::Duration;

use mitra_domain::access::Role;
use mitra_domain::identity::UserChanges;

use super::fixture;
use crate::callers::authenticate;
use crate::{AuditContext, Store, users};

#[tokio::test]
async fn a_token_is_worth_only_its_own_users_organisation() {
    let (store, _db, alpha, beta) = fixture().await;
    let principal = authenticate(&store, alpha.admin_id, alpha.id).await.unwrap().unwrap();
    assert_eq!(principal.scope().organisation_id(), alpha.id);
    assert_eq!(principal.user().role, Role::Admin);
    assert!(authenticate(&store, alpha.admin_id, beta.id).await.unwrap().is_none(), "another organisation");
    assert!(authenticate(&store, uuid::Uuid::now_v7(), alpha.id).await.unwrap().is_none(), "nobody");
}

#[tokio::test]
async fn a_change_made_here_takes_effect_at_once_and_elsewhere_within_the_ttl() {
    let (store, db, alpha, _) = fixture().await;
    let other_instance = Store::connect(&db.url).await.unwrap().with_caller_ttl(Duration::from_millis(300));
    let officer = store
        .write(&alpha.admin(), async |tx| {
            users::create(tx, super::new_user("alpha.officer", Role::Officer, None), "x".into()).await
        })
        .await
        .unwrap();
    for instance in [&store, &other_instance] {
        assert!(authenticate(instance, officer.id, alpha.id).await.unwrap().is_some(), "cached as active");
    }

    let promote = UserChanges { role: Some(Role::Verifier), ..Default::default() };
    store.write(&alpha.admin(), async |tx| users::update(tx, officer.id, 1, promote).await).await.unwrap();
    let here = authenticate(&store, officer.id, alpha.id).await.unwrap().unwrap();
    assert_eq!(here.user().role, Role::Verifier, "the writing instance forgets the cached caller at commit");

    let console = AuditContext::console(alpha.scope());
    store.write(&console, async |tx| users::set_active(tx, officer.id, false).await).await.unwrap();
    assert!(authenticate(&store, officer.id, alpha.id).await.unwrap().is_none(), "disabled at once here");

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while authenticate(&other_instance, officer.id, alpha.id).await.unwrap().is_some() {
        assert!(std::time::Instant::now() < deadline, "the other instance never noticed the disabling");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
