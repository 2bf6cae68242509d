//! Every change leaves an event; the chain of events proves none was altered or removed.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, spawn};

/// Alpha's events, in SQL that works whether ids are text (PostgreSQL) or bytes (SQLite).
const ALPHA: &str = "organisation_id = (SELECT id FROM organisations WHERE slug = 'alpha')";

async fn verification(app: &TestApp, token: &str) -> Value {
    let response = app.get(token, "/api/v1/audit-events/verification").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The id of the event with `sequence` in alpha's chain.
async fn event_at(app: &TestApp, sequence: i64) -> String {
    let auditor = app.token(&app.alpha, Role::Auditor);
    let events: Value = app.get(&auditor, "/api/v1/audit-events?limit=100").await.json().await.unwrap();
    let event = events["items"].as_array().unwrap().iter().find(|e| e["sequence"] == sequence).unwrap();
    event["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_change_is_recorded_with_actor_request_and_whole_states() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let path = format!("/api/v1/users/{}", app.alpha.user_id(Role::Verifier));
    let response = app.patch(&admin, &path, Some(1), &json!({ "full_name": "Ahmad Verifikator" })).await;
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(response.status(), StatusCode::OK);

    let auditor = app.token(&app.alpha, Role::Auditor);
    let events: Value = app.get(&auditor, "/api/v1/audit-events?action=user.updated").await.json().await.unwrap();
    let event = &events["items"][0];
    assert_eq!(event["entity_type"], "user");
    assert_eq!(event["entity_id"], app.alpha.user_id(Role::Verifier).to_string());
    assert_eq!(event["actor_id"], app.alpha.user_id(Role::Admin).to_string());
    assert_eq!(event["actor_username"], "alpha.admin");
    assert_eq!(event["request_id"], request_id);
    assert_eq!(event["before"]["full_name"], "verifier of alpha");
    assert_eq!(event["after"]["full_name"], "Ahmad Verifikator");
    assert_eq!(event["after"]["version"], 2);
    for column in ["organisation_id", "unit_id", "username", "email", "role", "active", "created_at", "updated_at"] {
        assert!(event["after"].get(column).is_some(), "the snapshot has every column, {column} too: {event}");
    }
    assert!(event["after"].get("password_hash").is_none(), "hashes never enter the trail");
}

#[tokio::test]
async fn events_filter_and_page_newest_first() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    for code in ["SETWAN", "PROKOPIM", "BAPPEDA"] {
        app.post(&admin, "/api/v1/units", &json!({ "code": code, "name": format!("Unit {code}") })).await;
    }
    let mut sequences = Vec::new();
    let mut path = "/api/v1/audit-events?entity_type=unit&limit=2".to_owned();
    loop {
        let page: Value = app.get(&admin, &path).await.json().await.unwrap();
        sequences.extend(page["items"].as_array().unwrap().iter().map(|e| e["sequence"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/audit-events?entity_type=unit&limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(sequences.len(), 4, "the fixture's unit and three new ones: {sequences:?}");
    assert!(sequences.windows(2).all(|w| w[0] > w[1]), "newest first: {sequences:?}");

    let future: Value = app.get(&admin, "/api/v1/audit-events?from=2999-01-01T00:00:00Z").await.json().await.unwrap();
    assert_eq!(future["items"].as_array().unwrap().len(), 0);
    let past: Value = app.get(&admin, "/api/v1/audit-events?to=2000-01-01T00:00:00Z").await.json().await.unwrap();
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    let unknown = app.get(&admin, "/api/v1/audit-events?action=unit.exploded").await;
    assert_problem(unknown, StatusCode::BAD_REQUEST, "invalid_query_parameter").await;
}

#[tokio::test]
async fn an_untouched_chain_verifies_after_concurrent_writes() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let creations = (0..12).map(|i| {
        let app = &app;
        let admin = &admin;
        async move {
            app.post(admin, "/api/v1/units", &json!({ "code": format!("UNIT-{i}"), "name": format!("Unit {i}") }))
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(creations).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    let report = verification(&app, &admin).await;
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["head_sequence"], app.audit_head(&app.alpha).await);
    assert_eq!(report["events_checked"], report["head_sequence"]);
}

#[tokio::test]
async fn an_altered_event_is_found_where_it_is() {
    let app = spawn().await;
    let auditor = app.token(&app.alpha, Role::Auditor);
    let altered = event_at(&app, 3).await;
    app.tamper(&format!(
        "UPDATE audit_events SET after_state = '{{\"role\":\"admin\"}}' WHERE {ALPHA} AND sequence = 3"
    ))
    .await;
    let report = verification(&app, &auditor).await;
    assert_eq!(report["valid"], false);
    assert_eq!(report["broken_at"], json!({ "sequence": 3, "event_id": altered, "reason": "content_altered" }));
}

#[tokio::test]
async fn a_deleted_event_is_found_where_the_gap_is() {
    let app = spawn().await;
    let auditor = app.token(&app.alpha, Role::Auditor);
    let next = event_at(&app, 5).await;
    app.tamper(&format!("DELETE FROM audit_events WHERE {ALPHA} AND sequence = 4")).await;
    let report = verification(&app, &auditor).await;
    assert_eq!(report["valid"], false);
    assert_eq!(report["broken_at"], json!({ "sequence": 4, "event_id": next, "reason": "event_missing" }));
}

#[tokio::test]
async fn deleting_the_newest_events_is_found_too() {
    let app = spawn().await;
    let auditor = app.token(&app.alpha, Role::Auditor);
    let head = app.audit_head(&app.alpha).await;
    app.tamper(&format!("DELETE FROM audit_events WHERE {ALPHA} AND sequence = {head}")).await;
    let report = verification(&app, &auditor).await;
    assert_eq!(report["broken_at"], json!({ "sequence": head, "event_id": null, "reason": "tail_missing" }));
}

/// The checkpoint as its fields say, for checking its signature.
fn head_of(checkpoint: &Value) -> mitra_domain::checkpoint::ChainHead {
    mitra_domain::checkpoint::ChainHead {
        organisation_id: checkpoint["organisation_id"].as_str().unwrap().parse().unwrap(),
        sequence: checkpoint["sequence"].as_i64().unwrap(),
        hash: checkpoint["hash"].as_str().unwrap().to_owned(),
        signed_at: checkpoint["signed_at"].as_str().unwrap().parse().unwrap(),
    }
}

#[tokio::test]
async fn an_admin_signs_the_chain_head_and_an_auditor_checks_the_signature() {
    let app = spawn().await;
    let (admin, auditor) = (app.token(&app.alpha, Role::Admin), app.token(&app.alpha, Role::Auditor));
    let head = app.audit_head(&app.alpha).await;

    let signed = app.post(&admin, "/api/v1/audit-checkpoints", &json!({})).await;
    assert_eq!(signed.status(), StatusCode::CREATED);
    let checkpoint: Value = signed.json().await.unwrap();
    assert_eq!(checkpoint["sequence"], head);
    assert_eq!(checkpoint["organisation_id"], app.alpha.id.to_string());
    assert_eq!(checkpoint["algorithm"], "Ed25519");
    assert_eq!(app.audit_head(&app.alpha).await, head, "signing records nothing in the chain it signs");
    let events: Value = app.get(&auditor, "/api/v1/audit-events?limit=1").await.json().await.unwrap();
    assert_eq!(checkpoint["hash"], events["items"][0]["hash"], "the hash of the newest event");
    assert_eq!(checkpoint["signed_text"], head_of(&checkpoint).signed_text());

    // The auditor checks it with the published key, and a changed field breaks it.
    let key: Value = app.get(&auditor, "/api/v1/audit-checkpoints/key").await.json().await.unwrap();
    assert_eq!(key["public_key"], checkpoint["public_key"]);
    assert_eq!(key["key_id"], checkpoint["key_id"]);
    let (public_key, signature) = (key["public_key"].as_str().unwrap(), checkpoint["signature"].as_str().unwrap());
    assert_eq!(mitra_domain::checkpoint::verify_signature(&head_of(&checkpoint), public_key, signature), Ok(()));
    let moved = mitra_domain::checkpoint::ChainHead { sequence: head + 1, ..head_of(&checkpoint) };
    assert!(mitra_domain::checkpoint::verify_signature(&moved, public_key, signature).is_err());

    // An unmoved head is not signed twice; a moved one is.
    let again = app.post(&admin, "/api/v1/audit-checkpoints", &json!({})).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], checkpoint["id"]);
    app.post(&admin, "/api/v1/units", &json!({ "code": "SETWAN", "name": "Sekretariat DPRD" })).await;
    let later: Value = app.post(&admin, "/api/v1/audit-checkpoints", &json!({})).await.json().await.unwrap();
    assert_eq!(later["sequence"], head + 1);

    let list: Value = app.get(&auditor, "/api/v1/audit-checkpoints").await.json().await.unwrap();
    let sequences: Vec<i64> =
        list["items"].as_array().unwrap().iter().map(|c| c["sequence"].as_i64().unwrap()).collect();
    assert_eq!(sequences, vec![head + 1, head], "newest first");

    // The auditor reads them and signs nothing; beta sees none of alpha's.
    let refused = app.post(&auditor, "/api/v1/audit-checkpoints", &json!({})).await;
    assert_problem(refused, StatusCode::FORBIDDEN, "forbidden").await;
    let beta = app.token(&app.beta, Role::Auditor);
    let theirs: Value = app.get(&beta, "/api/v1/audit-checkpoints").await.json().await.unwrap();
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn the_timer_signs_every_moved_head_once() {
    let app = spawn().await;
    let key = mitra_domain::checkpoint::CheckpointKey::from_seed([3; 32]);
    let now = chrono::Utc::now();
    let signed = mitra_persistence::checkpoints::sign_all_heads(&app.store, &key, now).await.unwrap();
    assert_eq!(signed, 2, "alpha and beta");
    assert_eq!(mitra_persistence::checkpoints::sign_all_heads(&app.store, &key, now).await.unwrap(), 0);
    let admin = app.token(&app.beta, Role::Admin);
    app.post(&admin, "/api/v1/units", &json!({ "code": "SETWAN", "name": "Sekretariat DPRD" })).await;
    assert_eq!(mitra_persistence::checkpoints::sign_all_heads(&app.store, &key, now).await.unwrap(), 1, "beta moved");
}
