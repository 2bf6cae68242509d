//! Broken database rules come back as the business errors they mean, on every backend.

use mitra_domain::access::Role;
use mitra_domain::organisation::{OrganisationName, Slug};

use super::{fixture, new_unit, new_user, unit_row};
use crate::{Conflict, Invariant, Reference, StoreError, organisations, units, users};

#[tokio::test]
async fn unique_rules_are_told_apart_by_name() {
    let (store, _db, alpha, beta) = fixture().await;
    let taken = store
        .write(&beta.admin(), async |tx| {
            users::create(tx, new_user("alpha.admin", Role::Officer, None), "x".into()).await
        })
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(Conflict::UsernameTaken))), "{taken:?}");
    let code = store.write(&alpha.admin(), async |tx| units::create(tx, new_unit("diskominfo")).await).await;
    assert!(matches!(code, Err(StoreError::Conflict(Conflict::UnitCodeTaken))), "{code:?}");
    let elsewhere = store.write(&beta.admin(), async |tx| units::create(tx, new_unit("SETWAN")).await).await;
    assert!(elsewhere.is_ok(), "unit codes are unique per organisation only");
}

#[tokio::test]
async fn one_table_with_two_unique_rules_says_which_one_broke() {
    let (store, _db, _, _) = fixture().await;
    let adopt = |name: &str, slug: &str| {
        let (name, slug) = (OrganisationName::parse(name).unwrap(), Slug::parse(slug).unwrap());
        let store = store.clone();
        async move { store.adopt(None, async |tx| organisations::create(tx, name, slug).await).await }
    };
    let slug = adopt("Kabupaten Baru", "alpha").await;
    assert!(matches!(slug, Err(StoreError::Conflict(Conflict::SlugTaken))), "{slug:?}");
    let name = adopt("Kabupaten alpha", "alpha-dua").await;
    assert!(matches!(name, Err(StoreError::Conflict(Conflict::OrganisationNameTaken))), "{name:?}");
}

#[tokio::test]
async fn a_reference_into_another_organisation_fails_in_the_database() {
    let (store, _db, alpha, beta) = fixture().await;
    let foreign = store
        .write(&alpha.admin(), async |tx| {
            users::create(tx, new_user("alpha.new", Role::Officer, Some(beta.unit_id)), "x".into()).await
        })
        .await;
    assert!(matches!(foreign, Err(StoreError::UnknownReference(Reference::Unit))), "{foreign:?}");
    let unknown = store
        .write(&alpha.admin(), async |tx| {
            users::create(tx, new_user("alpha.new", Role::Officer, Some(uuid::Uuid::now_v7())), "x".into()).await
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::UnknownReference(Reference::Unit))), "{unknown:?}");
    let own = store
        .write(&alpha.admin(), async |tx| {
            users::create(tx, new_user("alpha.new", Role::Officer, Some(alpha.unit_id)), "x".into()).await
        })
        .await;
    assert!(own.is_ok(), "{own:?}");
}

#[tokio::test]
async fn a_broken_check_names_its_invariant() {
    let (store, _db, alpha, _) = fixture().await;
    let outcome = store.write(&alpha.admin(), async |tx| tx.insert(unit_row("ZERO", 0)).await).await;
    assert!(matches!(outcome, Err(StoreError::Invariant(Invariant::VersionPositive))), "{outcome:?}");
}
