//! Logging in, refreshing, logging out, throttling, and what the tokens are worth.

use mitra_api::auth::keys::KeySet;
use mitra_api::auth::tokens::TokenIssuer;
use mitra_domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{JWT_KEYS, PASSWORD, assert_problem, spawn, spawn_with};

async fn refresh(app: &crate::helpers::TestApp, token: &str) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/auth/refresh").json(&json!({ "refresh_token": token })).send().await.unwrap()
}

#[tokio::test]
async fn login_gives_tokens_that_open_me() {
    let app = spawn().await;
    let pair = app.login("alpha.officer").await;
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["expires_in"], 900);
    let me: Value = app.get(pair["access_token"].as_str().unwrap(), "/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["username"], "alpha.officer");
    assert_eq!(me["role"], "officer");
    assert_eq!(me["organisation"]["slug"], "alpha");
    assert_eq!(me["unit"]["code"], "DISKOMINFO");
    let login_events =
        app.get(&app.token(&app.alpha, Role::Auditor).await, "/api/v1/audit-events?action=session.login").await;
    let events: Value = login_events.json().await.unwrap();
    assert!(!events["items"].as_array().unwrap().is_empty(), "logins are audited");
}

#[tokio::test]
async fn usernames_are_case_insensitive_at_login() {
    let app = spawn().await;
    assert_eq!(app.login_response("Alpha.Officer", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_passwords_unknown_users_and_empty_fields_are_refused_alike() {
    let app = spawn().await;
    assert_problem(
        app.login_response("alpha.officer", "wrong-password-123").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_problem(app.login_response("nobody.here", PASSWORD).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
        .await;
    assert_problem(app.login_response("bad name!", PASSWORD).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
        .await;
    let body = assert_problem(app.login_response("", "").await, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn repeated_failures_are_throttled_even_for_the_right_password() {
    let app = spawn().await;
    for _ in 0..5 {
        assert_eq!(app.login_response("alpha.treasurer", "not-the-password").await.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = app.login_response("alpha.treasurer", PASSWORD).await;
    let retry_after: u64 = blocked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry_after > 0 && retry_after <= 900, "Retry-After {retry_after}");
    assert_problem(blocked, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Another user from the same address is not locked out by someone else's typos.
    assert_eq!(app.login_response("alpha.officer", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = spawn().await;
    let first = app.login("alpha.verifier").await;
    let first_refresh = first["refresh_token"].as_str().unwrap();

    let second: Value = refresh(&app, first_refresh).await.json().await.unwrap();
    let second_refresh = second["refresh_token"].as_str().unwrap();
    assert_ne!(second_refresh, first_refresh);
    assert_eq!(app.get(second["access_token"].as_str().unwrap(), "/api/v1/me").await.status(), StatusCode::OK);

    // The first token was stolen and replayed: the whole family dies, the current token too.
    assert_problem(refresh(&app, first_refresh).await, StatusCode::UNAUTHORIZED, "refresh_token_reused").await;
    assert_problem(refresh(&app, second_refresh).await, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    assert_problem(refresh(&app, "made-up-token").await, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn logout_ends_the_session_and_is_idempotent() {
    let app = spawn().await;
    let pair = app.login("alpha.auditor").await;
    let token = pair["refresh_token"].as_str().unwrap();
    for _ in 0..2 {
        let out = app
            .request(Method::POST, "/api/v1/auth/logout")
            .json(&json!({ "refresh_token": token }))
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
    }
    assert_problem(refresh(&app, token).await, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn tokens_of_a_retired_key_work_while_it_is_still_listed() {
    let old_keys = "old:ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvuts";
    let both = format!("{JWT_KEYS},{old_keys}");
    let app = spawn_with(&[("MITRA_JWT_KEYS", both.as_str())]).await;
    let issuer =
        TokenIssuer::new(KeySet::parse(old_keys).unwrap(), chrono::Duration::minutes(5), chrono::Duration::days(1));
    let user_id = app.alpha.user_id(Role::Officer);
    let old_token = issuer.issue_access(user_id, app.alpha.id).unwrap();
    assert_eq!(app.get(&old_token, "/api/v1/me").await.status(), StatusCode::OK);

    // A token naming another organisation than the user's own is worthless.
    let forged_scope = issuer.issue_access(user_id, app.beta.id).unwrap();
    assert_problem(app.get(&forged_scope, "/api/v1/me").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
}

#[tokio::test]
async fn expired_tokens_say_so() {
    let app = spawn().await;
    let issuer =
        TokenIssuer::new(KeySet::parse(JWT_KEYS).unwrap(), chrono::Duration::minutes(-5), chrono::Duration::days(1));
    let token = issuer.issue_access(app.alpha.user_id(Role::Admin), app.alpha.id).unwrap();
    assert_problem(app.get(&token, "/api/v1/me").await, StatusCode::UNAUTHORIZED, "token_expired").await;
}
