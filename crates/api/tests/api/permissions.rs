//! The whole role x action table, walked over HTTP.

use mitra_domain::access::{Action, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn};

/// One request that exercises `action`. The match is exhaustive: a new action does not compile
/// until it is added here, so the walk always covers the whole table.
async fn attempt(app: &TestApp, token: &str, action: Action, role: Role) -> Vec<(String, StatusCode)> {
    let alpha = &app.alpha;
    let officer = alpha.user_id(Role::Officer);
    let requests: Vec<(Method, String, Option<Value>)> = match action {
        Action::OrganisationRead => vec![(Method::GET, "/api/v1/organisation".into(), None)],
        Action::UnitsRead => vec![
            (Method::GET, "/api/v1/units".into(), None),
            (Method::GET, format!("/api/v1/units/{}", alpha.unit_id), None),
        ],
        Action::UnitsManage => vec![
            (
                Method::POST,
                "/api/v1/units".into(),
                Some(json!({ "code": format!("U-{}", role.as_str()), "name": "Unit" })),
            ),
            (
                Method::PATCH,
                format!("/api/v1/units/{}", alpha.unit_id),
                Some(json!({ "name": format!("Kominfo {}", role.as_str()) })),
            ),
        ],
        Action::UsersRead => {
            vec![(Method::GET, "/api/v1/users".into(), None), (Method::GET, format!("/api/v1/users/{officer}"), None)]
        }
        Action::UsersManage => vec![
            (
                Method::POST,
                "/api/v1/users".into(),
                Some(
                    json!({ "username": format!("made.by.{}", role.as_str()), "full_name": "New", "role": "officer", "password": "kopi-pagi-di-kayuagung" }),
                ),
            ),
            (
                Method::PATCH,
                format!("/api/v1/users/{officer}"),
                Some(json!({ "full_name": format!("Edited by {}", role.as_str()) })),
            ),
            (Method::POST, format!("/api/v1/users/{officer}/disable"), Some(json!({}))),
            (Method::POST, format!("/api/v1/users/{officer}/enable"), Some(json!({}))),
            (
                Method::POST,
                format!("/api/v1/users/{officer}/password"),
                Some(json!({ "new_password": "correct-horse-battery-staple" })),
            ),
        ],
        Action::AuditRead => vec![
            (Method::GET, "/api/v1/audit-events".into(), None),
            (Method::GET, "/api/v1/audit-events/verification".into(), None),
        ],
    };
    let mut outcomes = Vec::new();
    for (method, path, body) in requests {
        let mut request = app.request(method.clone(), &path).bearer_auth(token);
        if method == Method::PATCH {
            // Read the current version first, as a client would.
            let current: Value = app.get(token, &path).await.json().await.unwrap_or(Value::Null);
            let version = current["version"].as_i64().unwrap_or(1);
            request = request.header("If-Match", format!("\"{version}\""));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let status = request.send().await.unwrap().status();
        outcomes.push((format!("{method} {path}"), status));
    }
    outcomes
}

#[tokio::test]
async fn every_role_may_do_exactly_what_the_table_says() {
    let app = spawn().await;
    for role in Role::ALL {
        let token = app.token(&app.alpha, role).await;
        for action in Action::ALL {
            for (request, status) in attempt(&app, &token, action, role).await {
                if role.may(action) {
                    assert!(status.is_success(), "{role} may {action}: {request} answered {status}");
                } else {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{role} may not {action}: {request}");
                }
            }
        }
    }
}

#[tokio::test]
async fn me_lists_the_permissions_of_the_role() {
    let app = spawn().await;
    for role in Role::ALL {
        let token = app.token(&app.alpha, role).await;
        let me: Value = app.get(&token, "/api/v1/me").await.json().await.unwrap();
        let listed: Vec<&str> = me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let expected: Vec<&str> = role.permissions().into_iter().map(Action::as_str).collect();
        assert_eq!(listed, expected, "{role}");
    }
}
