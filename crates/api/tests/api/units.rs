//! Units: the reference area, managed by admins.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{assert_problem, spawn};

#[tokio::test]
async fn units_are_managed_by_admins_with_unique_codes() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let created = app.post(&admin, "/api/v1/units", &json!({ "code": "setwan", "name": "Sekretariat DPRD" })).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let unit: Value = created.json().await.unwrap();
    assert_eq!(unit["code"], "SETWAN");
    assert_problem(
        app.post(&admin, "/api/v1/units", &json!({ "code": "SETWAN", "name": "Again" })).await,
        StatusCode::CONFLICT,
        "unit_code_taken",
    )
    .await;
    let path = format!("/api/v1/units/{}", unit["id"].as_str().unwrap());
    let renamed: Value =
        app.patch(&admin, &path, Some(1), &json!({ "name": "Sekretariat DPRD OKI" })).await.json().await.unwrap();
    assert_eq!(renamed["name"], "Sekretariat DPRD OKI");
    assert_problem(
        app.patch(&admin, &path, Some(2), &json!({ "code": "DISKOMINFO" })).await,
        StatusCode::CONFLICT,
        "unit_code_taken",
    )
    .await;
    let list: Value = app.get(&admin, "/api/v1/units").await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn invalid_units_are_refused_with_each_field_named() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let body = assert_problem(
        app.post(&admin, "/api/v1/units", &json!({ "code": "DINAS KOMINFO", "name": "x".repeat(201) })).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    let mut fields: Vec<(&str, &str)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    fields.sort();
    assert_eq!(fields, [("code", "invalid_format"), ("name", "too_long")], "every refused field in one answer");
    let list: Value = app.get(&admin, "/api/v1/units").await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "nothing was created");
}
