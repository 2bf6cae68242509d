//! The content bank over HTTP: press releases and materials with their files, named by the
//! orders that ask the press to publish them.

use mitra_domain::access::Role;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::agreements::{Signed, agreement_at, get};
use crate::applications::{open_call, pdf, today};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};
use crate::orders::{issue_with_key, order_body};

/// A press release of `org`, written by the officer.
pub async fn release(app: &TestApp, org: &TestOrg, title: &str) -> Value {
    let body = json!({ "kind": "press_release", "title": title, "released_on": today(),
                       "body": "Kayuagung - Pemerintah Kabupaten OKI meresmikan jembatan baru.\n\nWarga menyambut gembira." });
    let response = app.post(&app.token(org, Role::Officer), "/api/v1/content-items", &body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "the release");
    response.json().await.unwrap()
}

pub async fn attach(app: &TestApp, token: &str, item: &Value, content: Vec<u8>, name: &str) -> reqwest::Response {
    let form = Form::new().part("file", Part::bytes(content).file_name(name.to_owned()));
    let path = format!("/api/v1/content-items/{}/attachments", item["id"].as_str().unwrap());
    app.request(Method::POST, &path).bearer_auth(token).multipart(form).send().await.unwrap()
}

#[tokio::test]
async fn an_order_names_the_release_it_asks_the_press_to_publish() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let item = release(&app, org, "Peresmian Jembatan Kayuagung").await;
    assert_eq!(item["body"].as_str().unwrap().matches('\n').count(), 2, "paragraphs are kept");
    let refused = app
        .post(
            &officer,
            "/api/v1/content-items",
            &json!({ "kind": "memo", "title": "x", "body": "", "released_on": today() }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    // Files travel with it, judged by their content.
    let attached = attach(&app, &officer, &item, pdf(3000), "siaran-pers.pdf").await;
    assert_eq!(attached.status(), StatusCode::CREATED);
    let attached: Value = attached.json().await.unwrap();
    let not_a_pdf = attach(&app, &officer, &item, b"#!/bin/sh\nrm -rf /".to_vec(), "siaran-pers.pdf").await;
    assert_problem(not_a_pdf, StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed").await;
    let listed = get(&app, org, &format!("/api/v1/content-items/{}/attachments", item["id"].as_str().unwrap())).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let file = app
        .get(
            &app.token(org, Role::Auditor),
            &format!("/api/v1/content-attachments/{}/content", attached["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["x-content-type-options"], "nosniff");
    assert_eq!(file.bytes().await.unwrap().len(), 3000);

    // Rewritten under If-Match; searched by title.
    let path = format!("/api/v1/content-items/{}", item["id"].as_str().unwrap());
    let mut changed = json!({ "kind": "press_release", "title": "Peresmian Jembatan Baru Kayuagung", "body": "Isi baru.", "released_on": today() });
    let rewritten = app.patch_like(Method::PUT, &officer, &path, item["version"].as_i64(), &changed).await;
    assert_eq!(rewritten.status(), StatusCode::OK);
    changed["title"] = json!("Stale");
    let stale = app.patch_like(Method::PUT, &officer, &path, item["version"].as_i64(), &changed).await;
    assert_problem(stale, StatusCode::PRECONDITION_FAILED, "precondition_failed").await;
    release(&app, org, "Festival Bidar").await;
    let found = get(&app, org, "/api/v1/content-items?q=jembatan").await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);

    // The order names it; an unknown item is refused by name.
    let agreement = agreement_at(&app, org, Signed::Active, 5).await;
    let mut body = order_body(agreement["lines"][0]["id"].as_str().unwrap(), 1);
    body["content_item_id"] = item["id"].clone();
    let order = issue_with_key(&app, &officer, &body, &Uuid::new_v4().to_string()).await;
    assert_eq!(order.status(), StatusCode::CREATED);
    let order: Value = order.json().await.unwrap();
    assert_eq!(
        (order["content_item_id"].as_str(), order["content_title"].as_str()),
        (item["id"].as_str(), Some("Peresmian Jembatan Baru Kayuagung"))
    );
    body["content_item_id"] = json!(Uuid::now_v7());
    let unknown = issue_with_key(&app, &officer, &body, &Uuid::new_v4().to_string()).await;
    assert_problem(unknown, StatusCode::UNPROCESSABLE_ENTITY, "unknown_content_item").await;
    let beta = get(&app, &app.beta, "/api/v1/content-items").await;
    assert_eq!(beta["items"].as_array().unwrap().len(), 0);
}
