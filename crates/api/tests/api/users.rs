//! Admins manage the users of their own organisation.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, assert_problem, spawn};

fn new_user(username: &str) -> Value {
    json!({ "username": username, "full_name": "Rina Marlina", "email": "rina@okikab.go.id", "role": "officer", "password": "kopi-pagi-di-kayuagung" })
}

#[tokio::test]
async fn an_admin_creates_a_user_who_can_then_log_in() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let created = app.post(&admin, "/api/v1/users", &new_user("Rina.Marlina")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["etag"], "\"1\"");
    let user: Value = created.json().await.unwrap();
    assert_eq!(user["username"], "rina.marlina");
    assert_eq!(user["active"], true);
    assert!(user.get("password_hash").is_none() && user.get("password").is_none());

    let login = app.login_response("rina.marlina", "kopi-pagi-di-kayuagung").await;
    assert_eq!(login.status(), StatusCode::OK);

    let fetched: Value =
        app.get(&admin, &format!("/api/v1/users/{}", user["id"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(fetched, user);
}

#[tokio::test]
async fn invalid_fields_are_reported_together() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let bad = json!({ "username": "x", "full_name": " ", "email": "not-mail", "role": "officer", "password": "short" });
    let body =
        assert_problem(app.post(&admin, "/api/v1/users", &bad).await, StatusCode::BAD_REQUEST, "validation_failed")
            .await;
    let mut fields: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect();
    fields.sort();
    let expected =
        [("email", "invalid_format"), ("full_name", "required"), ("password", "too_short"), ("username", "too_short")];
    assert_eq!(fields, expected.map(|(f, c)| (f.to_owned(), c.to_owned())).to_vec());
}

#[tokio::test]
async fn usernames_are_unique_across_organisations_and_units_must_be_ones_own() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let beta_admin = app.token(&app.beta, Role::Admin);
    assert_eq!(app.post(&admin, "/api/v1/users", &new_user("shared.name")).await.status(), StatusCode::CREATED);
    assert_problem(
        app.post(&beta_admin, "/api/v1/users", &new_user("Shared.Name")).await,
        StatusCode::CONFLICT,
        "username_taken",
    )
    .await;

    let mut foreign_unit = new_user("wrong.unit");
    foreign_unit["unit_id"] = json!(app.beta.unit_id);
    let body = assert_problem(
        app.post(&admin, "/api/v1/users", &foreign_unit).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_unit",
    )
    .await;
    assert_eq!(
        body["errors"],
        json!([{ "field": "unit_id", "code": "unknown_reference", "message": body["errors"][0]["message"] }])
    );
}

#[tokio::test]
async fn updates_need_the_current_version() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let path = format!("/api/v1/users/{}", app.alpha.user_id(Role::Officer));
    let change = json!({ "full_name": "Dedi Kurniawan", "role": "verifier", "email": "dedi@okikab.go.id" });

    assert_problem(
        app.patch(&admin, &path, None, &change).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    assert_problem(
        app.patch(&admin, &path, Some(7), &change).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;

    let updated = app.patch(&admin, &path, Some(1), &change).await;
    assert_eq!(updated.status(), StatusCode::OK);
    assert_eq!(updated.headers()["etag"], "\"2\"");
    let user: Value = updated.json().await.unwrap();
    assert_eq!(
        (user["full_name"].as_str(), user["role"].as_str(), user["version"].as_i64()),
        (Some("Dedi Kurniawan"), Some("verifier"), Some(2))
    );

    // A second officer editing from the old version must not overwrite the first one's change.
    assert_problem(
        app.patch(&admin, &path, Some(1), &json!({ "full_name": "Stale" })).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;

    let cleared: Value =
        app.patch(&admin, &path, Some(2), &json!({ "email": null, "unit_id": null })).await.json().await.unwrap();
    assert!(cleared["email"].is_null() && cleared["unit_id"].is_null(), "{cleared}");
    assert_eq!(cleared["full_name"], "Dedi Kurniawan", "fields left out are unchanged");
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_at_once() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let officer_pair = app.login("alpha.officer").await;
    let officer_token = officer_pair["access_token"].as_str().unwrap();
    let id = app.alpha.user_id(Role::Officer);

    let disabled: Value =
        app.post(&admin, &format!("/api/v1/users/{id}/disable"), &json!({})).await.json().await.unwrap();
    assert_eq!(disabled["active"], false);
    assert_problem(app.get(officer_token, "/api/v1/me").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    let refresh = app
        .request(reqwest::Method::POST, "/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": officer_pair["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_problem(refresh, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    assert_problem(
        app.login_response("alpha.officer", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;

    let enabled: Value =
        app.post(&admin, &format!("/api/v1/users/{id}/enable"), &json!({})).await.json().await.unwrap();
    assert_eq!(enabled["active"], true);
    assert_eq!(app.login_response("alpha.officer", PASSWORD).await.status(), StatusCode::OK);

    let own = app.alpha.user_id(Role::Admin);
    assert_problem(
        app.post(&admin, &format!("/api/v1/users/{own}/disable"), &json!({})).await,
        StatusCode::CONFLICT,
        "cannot_disable_self",
    )
    .await;
    let own_role = app.patch(&admin, &format!("/api/v1/users/{own}"), Some(1), &json!({ "role": "officer" })).await;
    assert_problem(own_role, StatusCode::CONFLICT, "cannot_change_own_role").await;
}

#[tokio::test]
async fn a_password_reset_replaces_the_password_and_ends_sessions() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let pair = app.login("alpha.treasurer").await;
    let id = app.alpha.user_id(Role::Treasurer);
    let path = format!("/api/v1/users/{id}/password");

    let weak = app.post(&admin, &path, &json!({ "new_password": "short" })).await;
    let body = assert_problem(weak, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "new_password");

    assert_eq!(
        app.post(&admin, &path, &json!({ "new_password": "pempek-kapal-selam-2026" })).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_problem(
        app.login_response("alpha.treasurer", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(app.login_response("alpha.treasurer", "pempek-kapal-selam-2026").await.status(), StatusCode::OK);
    let refresh = app
        .request(reqwest::Method::POST, "/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": pair["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn lists_filter_and_page_with_cursors() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    for i in 0..4 {
        assert_eq!(
            app.post(&admin, "/api/v1/users", &new_user(&format!("wartawan.{i}"))).await.status(),
            StatusCode::CREATED
        );
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/users?limit=3".to_owned();
    loop {
        let page: Value = app.get(&admin, &path).await.json().await.unwrap();
        seen.extend(page["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/users?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 9, "{seen:?}");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 9, "no user twice across pages");

    let officers: Value = app.get(&admin, "/api/v1/users?role=officer").await.json().await.unwrap();
    assert_eq!(officers["items"].as_array().unwrap().len(), 5);
    let searched: Value = app.get(&admin, "/api/v1/users?q=WARTAWAN.2").await.json().await.unwrap();
    assert_eq!(searched["items"].as_array().unwrap().len(), 1);
    let by_email: Value = app.get(&admin, "/api/v1/users?q=okikab.go.id").await.json().await.unwrap();
    assert_eq!(by_email["items"].as_array().unwrap().len(), 4, "the four new users have an e-mail address");
    let wildcard: Value = app.get(&admin, "/api/v1/users?q=%25").await.json().await.unwrap();
    assert_eq!(wildcard["items"].as_array().unwrap().len(), 0, "a typed % is not a wildcard");
}
