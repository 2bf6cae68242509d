//! No organisation ever sees or touches another's records.

use mitra_domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{assert_problem, spawn};

#[tokio::test]
async fn another_organisations_records_are_not_found_by_id() {
    let app = spawn().await;
    let beta_admin = app.token(&app.beta, Role::Admin).await;
    let alpha_user = app.alpha.user_id(Role::Officer);
    let alpha_unit = app.alpha.unit_id;
    let events_before = app.audit_count(&app.alpha).await;

    let attempts: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, format!("/api/v1/users/{alpha_user}"), None),
        (Method::PATCH, format!("/api/v1/users/{alpha_user}"), Some(json!({ "full_name": "Taken Over" }))),
        (Method::POST, format!("/api/v1/users/{alpha_user}/disable"), Some(json!({}))),
        (Method::POST, format!("/api/v1/users/{alpha_user}/enable"), Some(json!({}))),
        (
            Method::POST,
            format!("/api/v1/users/{alpha_user}/password"),
            Some(json!({ "new_password": "pempek-kapal-selam-2026" })),
        ),
        (Method::GET, format!("/api/v1/units/{alpha_unit}"), None),
        (Method::PATCH, format!("/api/v1/units/{alpha_unit}"), Some(json!({ "name": "Taken Over" }))),
    ];
    for (method, path, body) in attempts {
        let mut request = app.request(method.clone(), &path).bearer_auth(&beta_admin).header("If-Match", "\"1\"");
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    assert_eq!(app.audit_count(&app.alpha).await, events_before, "nothing of alpha changed");
    let officer = app.login_response("alpha.officer", crate::helpers::PASSWORD).await;
    assert_eq!(officer.status(), StatusCode::OK, "alpha's officer was neither disabled nor given a new password");
}

#[tokio::test]
async fn lists_show_only_the_callers_organisation() {
    let app = spawn().await;
    let alpha_admin = app.token(&app.alpha, Role::Admin).await;
    assert_eq!(
        app.post(&alpha_admin, "/api/v1/units", &json!({ "code": "PROKOPIM", "name": "Bagian Prokopim" }))
            .await
            .status(),
        StatusCode::CREATED
    );
    let beta_admin = app.token(&app.beta, Role::Admin).await;
    let beta_auditor = app.token(&app.beta, Role::Auditor).await;
    let alpha_ids: Vec<String> =
        app.alpha.users.iter().map(|(_, id, _)| id.to_string()).chain([app.alpha.unit_id.to_string()]).collect();

    for (token, path) in [
        (&beta_admin, "/api/v1/users?limit=100"),
        (&beta_admin, "/api/v1/units?limit=100"),
        (&beta_auditor, "/api/v1/audit-events?limit=100"),
        (&beta_auditor, "/api/v1/users?limit=100&q=alpha"),
    ] {
        let text = app.get(token, path).await.text().await.unwrap();
        for id in &alpha_ids {
            assert!(!text.contains(id.as_str()), "{path} leaks alpha's {id}");
        }
        assert!(!text.contains("PROKOPIM") && !text.contains("alpha."), "{path} leaks alpha's data");
    }
    let filtered: Value = app
        .get(&beta_auditor, &format!("/api/v1/audit-events?entity_id={}", app.alpha.user_id(Role::Officer)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["items"].as_array().unwrap().len(), 0);

    let organisation: Value = app.get(&beta_admin, "/api/v1/organisation").await.json().await.unwrap();
    assert_eq!(organisation["slug"], "beta");
}
