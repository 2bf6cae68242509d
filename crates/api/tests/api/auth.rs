//! Logging in, refreshing, logging out, throttling, and what the tokens are worth.

use mitra_api::auth::keys::KeySet;
use mitra_api::auth::tokens::TokenIssuer;
use mitra_domain::access::{Action, Role};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{JWT_KEYS, PASSWORD, TestApp, assert_problem, spawn, spawn_with, start};

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
        app.get(&app.token(&app.alpha, Role::Auditor), "/api/v1/audit-events?action=session.login").await;
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

/// Logs in as a browser does: the refresh token comes as a cookie.
async fn browser_login(app: &TestApp, username: &str) -> Response {
    app.request(Method::POST, "/api/v1/auth/login")
        .json(&json!({ "username": username, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
}

/// The `mitra_refresh` cookie a response sets: its value and its attributes.
fn refresh_cookie(response: &Response) -> (String, String) {
    let header = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mitra_refresh="))
        .unwrap_or_else(|| panic!("no mitra_refresh cookie in {:?}", response.headers()))
        .to_owned();
    let (pair, attributes) = header.split_once(';').unwrap_or((&header, ""));
    (pair.trim_start_matches("mitra_refresh=").to_owned(), attributes.to_owned())
}

async fn cookie_request(app: &TestApp, path: &str, cookie: &str, origin: Option<&str>) -> Response {
    let mut request =
        app.request(Method::POST, path).header("Cookie", format!("mitra_refresh={cookie}")).json(&json!({}));
    if let Some(origin) = origin {
        request = request.header("Origin", origin);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_browser_session_keeps_its_refresh_token_where_scripts_cannot_read_it() {
    let app = spawn().await;
    let login = browser_login(&app, "alpha.officer").await;
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(login.headers()["cache-control"], "no-store");
    let (token, attributes) = refresh_cookie(&login);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(attributes.contains(attribute), "{attribute} missing from {attributes}");
    }
    assert!(!attributes.contains("Secure"), "plain HTTP here; Secure is set behind HTTPS");
    let behind_https = app
        .request(Method::POST, "/api/v1/auth/login")
        .header("X-Forwarded-Proto", "https")
        .json(&json!({ "username": "alpha.officer", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(refresh_cookie(&behind_https).1.contains("Secure"), "behind a TLS-terminating proxy the cookie is Secure");
    let body: Value = login.json().await.unwrap();
    assert!(body.get("refresh_token").is_none(), "the body carries no refresh token: {body}");

    let renewed = cookie_request(&app, "/api/v1/auth/refresh", &token, Some(&app.url)).await;
    assert_eq!(renewed.status(), StatusCode::OK);
    let (next, _) = refresh_cookie(&renewed);
    assert_ne!(next, token, "the cookie rotates");
    let pair: Value = renewed.json().await.unwrap();
    assert_eq!(app.get(pair["access_token"].as_str().unwrap(), "/api/v1/me").await.status(), StatusCode::OK);

    let out = cookie_request(&app, "/api/v1/auth/logout", &next, None).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let (cleared, attributes) = refresh_cookie(&out);
    assert!(cleared.is_empty() && attributes.contains("Max-Age=0"), "logout clears the cookie: {attributes}");
    assert_problem(
        cookie_request(&app, "/api/v1/auth/refresh", &next, None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
}

#[tokio::test]
async fn another_site_cannot_spend_the_session_cookie() {
    let app = spawn().await;
    let (token, _) = refresh_cookie(&browser_login(&app, "alpha.officer").await);
    let forged = cookie_request(&app, "/api/v1/auth/refresh", &token, Some("https://evil.example")).await;
    assert_problem(forged, StatusCode::FORBIDDEN, "cross_site_request").await;
    let cross_site = app
        .request(Method::POST, "/api/v1/auth/logout")
        .header("Cookie", format!("mitra_refresh={token}"))
        .header("Sec-Fetch-Site", "cross-site")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_problem(cross_site, StatusCode::FORBIDDEN, "cross_site_request").await;
    let form = app
        .request(Method::POST, "/api/v1/auth/refresh")
        .header("Cookie", format!("mitra_refresh={token}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("a=b")
        .send()
        .await
        .unwrap();
    assert_problem(form, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    let same_site = cookie_request(&app, "/api/v1/auth/refresh", &token, Some(&app.url)).await;
    assert_eq!(same_site.status(), StatusCode::OK, "the session survived the attempts");
}

#[tokio::test]
async fn me_lists_the_permissions_of_the_role() {
    let app = spawn().await;
    for role in Role::ALL {
        let me: Value = app.get(&app.token(&app.alpha, role), "/api/v1/me").await.json().await.unwrap();
        let listed: Vec<&str> = me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let expected: Vec<&str> = role.permissions().into_iter().map(Action::as_str).collect();
        assert_eq!(listed, expected, "{role}");
    }
}

#[tokio::test]
async fn disabling_a_user_takes_effect_at_once_here_and_within_seconds_on_another_instance() {
    let app = spawn_with(&[("MITRA_CALLER_CACHE_SECONDS", "1")]).await;
    let other = start(&app.db, &[("MITRA_CALLER_CACHE_SECONDS", "1")]).await;
    let officer = app.token(&app.alpha, Role::Officer);
    let at_other = |token: String| {
        let request = app.client.get(format!("{other}/api/v1/me")).bearer_auth(token);
        async move { request.send().await.unwrap().status() }
    };
    assert_eq!(app.get(&officer, "/api/v1/me").await.status(), StatusCode::OK);
    assert_eq!(at_other(officer.clone()).await, StatusCode::OK, "the other instance now knows the officer");

    let admin = app.token(&app.alpha, Role::Admin);
    let path = format!("/api/v1/users/{}/disable", app.alpha.user_id(Role::Officer));
    assert_eq!(app.post(&admin, &path, &json!({})).await.status(), StatusCode::OK);
    assert_problem(app.get(&officer, "/api/v1/me").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while at_other(officer.clone()).await != StatusCode::UNAUTHORIZED {
        assert!(std::time::Instant::now() < deadline, "the other instance kept accepting a disabled user");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
