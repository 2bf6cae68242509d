//! Policy as data: a region adopts a preset for a fiscal year, edits it, copies it on, and a
//! version a decision has used is frozen.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, spawn};

async fn adopt_oki(app: &TestApp, token: &str, year: i32) -> Value {
    let created = app.post(token, "/api/v1/policy-versions", &json!({ "fiscal_year": year, "preset": "oki" })).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    created.json().await.unwrap()
}

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_region_adopts_the_oki_standard_and_its_regulation_is_recorded_once() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let presets: Value = app.get(&admin, "/api/v1/policy/presets").await.json().await.unwrap();
    assert_eq!(presets[0]["code"], "oki");
    assert_eq!(presets[0]["regulation"]["number"], "54");

    let first = adopt_oki(&app, &admin, 2026).await;
    assert_eq!((first["fiscal_year"].as_i64(), first["revision"].as_i64()), (Some(2026), Some(1)));
    assert_eq!(first["source"], "preset:oki");
    assert_eq!(first["policy"]["tax"]["pph23_bp"], 200);
    let second = adopt_oki(&app, &admin, 2026).await;
    assert_eq!(second["revision"], 2);
    assert_eq!(second["regulation_id"], first["regulation_id"], "the regulation is recorded once");
    let regulations: Value = app.get(&admin, "/api/v1/regulations").await.json().await.unwrap();
    assert_eq!(regulations["items"].as_array().unwrap().len(), 1);
    assert_eq!(regulations["items"][0]["kind"], "perbup");

    let current: Value =
        app.get(&admin, "/api/v1/policy-versions/current?fiscal_year=2026").await.json().await.unwrap();
    assert_eq!(current["id"], second["id"], "the latest revision is in force");
    let officer = app.token(&app.alpha, Role::Officer);
    assert_eq!(app.get(&officer, "/api/v1/policy-versions/current?fiscal_year=2026").await.status(), StatusCode::OK);
    assert_problem(
        app.get(&admin, "/api/v1/policy-versions/current?fiscal_year=2030").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn next_year_starts_from_this_years_version() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let this_year = adopt_oki(&app, &admin, 2026).await;
    let copied =
        app.post(&admin, "/api/v1/policy-versions", &json!({ "fiscal_year": 2027, "copy_of": this_year["id"] })).await;
    assert_eq!(copied.status(), StatusCode::CREATED);
    let next_year: Value = copied.json().await.unwrap();
    assert_eq!((next_year["fiscal_year"].as_i64(), next_year["revision"].as_i64()), (Some(2027), Some(1)));
    assert_eq!(next_year["source"], format!("version:{}", this_year["id"].as_str().unwrap()));
    assert_eq!(next_year["policy"], this_year["policy"]);

    let list: Value = app.get(&admin, "/api/v1/policy-versions?limit=1").await.json().await.unwrap();
    assert_eq!(list["items"][0]["fiscal_year"], 2027, "newest year first");
    assert!(list["items"][0].get("policy").is_none(), "lists leave the documents out");
    let cursor = list["next_cursor"].as_str().unwrap();
    let rest: Value =
        app.get(&admin, &format!("/api/v1/policy-versions?limit=1&cursor={cursor}")).await.json().await.unwrap();
    assert_eq!(rest["items"][0]["fiscal_year"], 2026);
    let only_2026: Value = app.get(&admin, "/api/v1/policy-versions?fiscal_year=2026").await.json().await.unwrap();
    assert_eq!(only_2026["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_new_version_names_exactly_one_known_source() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    for body in [
        json!({ "fiscal_year": 2026, "preset": "atlantis" }),
        json!({ "fiscal_year": 2026 }),
        json!({ "fiscal_year": 2026, "preset": "oki", "copy_of": uuid::Uuid::now_v7() }),
        json!({ "fiscal_year": 1990, "preset": "oki" }),
    ] {
        assert_problem(
            app.post(&admin, "/api/v1/policy-versions", &body).await,
            StatusCode::BAD_REQUEST,
            "validation_failed",
        )
        .await;
    }
    let beta_admin = app.token(&app.beta, Role::Admin);
    let betas = adopt_oki(&app, &beta_admin, 2026).await;
    let body = assert_problem(
        app.post(&admin, "/api/v1/policy-versions", &json!({ "fiscal_year": 2027, "copy_of": betas["id"] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_policy_version",
    )
    .await;
    assert_eq!(fields(&body), [("copy_of".to_owned(), "unknown_reference".to_owned())]);
}

#[tokio::test]
async fn an_edit_replaces_sections_and_is_judged_whole() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let version = adopt_oki(&app, &admin, 2026).await;
    let path = format!("/api/v1/policy-versions/{}", version["id"].as_str().unwrap());

    let mut rates = version["policy"]["rate_card"].as_array().unwrap().clone();
    rates[0]["max_unit_price"] = json!({ "amount": "1750000", "currency": "IDR" });
    let edited = app.patch(&admin, &path, Some(1), &json!({ "policy": { "rate_card": rates } })).await;
    assert_eq!(edited.status(), StatusCode::OK);
    assert_eq!(edited.headers()["etag"], "\"2\"");
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["policy"]["rate_card"][0]["max_unit_price"]["amount"], "1750000");
    assert_eq!(edited["policy"]["requirements"], version["policy"]["requirements"], "other sections are kept");

    rates[2]["product"] = json!("billboard");
    let body = assert_problem(
        app.patch(&admin, &path, Some(2), &json!({ "policy": { "rate_card": rates } })).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&body), [("policy.rate_card[2].product".to_owned(), "unknown_reference".to_owned())]);
    assert_problem(
        app.patch(&admin, &path, Some(2), &json!({ "policy": { "tiers": [] } })).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.patch(&admin, &path, Some(1), &json!({ "policy": { "bogus": true } })).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    let price = json!({ "policy": { "tax": { "pph23_bp": 300, "pph23_without_npwp_bp": 600, "vat_bp": 1200, "vat_base_numerator": 11,
        "vat_base_denominator": 12, "stamp_duty_threshold": { "amount": "5000000", "currency": "IDR" },
        "stamp_duty": { "amount": "10000", "currency": "IDR" } } } });
    assert_problem(
        app.patch(&admin, &path, Some(1), &price).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;

    let beta_regulation: Value = app
        .post(
            &app.token(&app.beta, Role::Admin),
            "/api/v1/regulations",
            &json!({ "kind": "sk", "number": "7", "year": 2025, "title": "Standar harga beta" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let foreign = app.patch(&admin, &path, Some(2), &json!({ "regulation_id": beta_regulation["id"] })).await;
    assert_problem(foreign, StatusCode::UNPROCESSABLE_ENTITY, "unknown_regulation").await;
}

#[tokio::test]
async fn a_version_a_decision_has_used_is_frozen() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let version = adopt_oki(&app, &admin, 2026).await;
    app.tamper("UPDATE policy_versions SET used_at = created_at").await;
    let path = format!("/api/v1/policy-versions/{}", version["id"].as_str().unwrap());
    let frozen = app.patch(&admin, &path, Some(1), &json!({ "policy": { "accepted_legal_forms": ["pt"] } })).await;
    assert_problem(frozen, StatusCode::CONFLICT, "policy_version_in_use").await;
    let copy =
        app.post(&admin, "/api/v1/policy-versions", &json!({ "fiscal_year": 2026, "copy_of": version["id"] })).await;
    assert_eq!(copy.status(), StatusCode::CREATED, "copying it is the way to change it");
}

#[tokio::test]
async fn regulations_are_recorded_once_and_edited_with_their_version() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let body = json!({ "kind": "permen", "number": "141/PMK.03/2015", "year": 2015,
                       "title": "Jenis jasa lain sebagaimana dimaksud dalam Pasal 23 UU PPh", "effective_from": "2015-08-24" });
    let created = app.post(&admin, "/api/v1/regulations", &body).await;
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.text().await.unwrap());
    let regulation: Value = created.json().await.unwrap();
    assert_problem(app.post(&admin, "/api/v1/regulations", &body).await, StatusCode::CONFLICT, "regulation_exists")
        .await;
    let mut ended = body.clone();
    ended["effective_until"] = json!("2015-01-01");
    let refused = assert_problem(
        app.post(&admin, "/api/v1/regulations", &ended).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&refused), [("effective_until".to_owned(), "invalid_value".to_owned())]);
    let path = format!("/api/v1/regulations/{}", regulation["id"].as_str().unwrap());
    let mut retitled = body.clone();
    retitled["title"] = json!("Jenis jasa lain (PPh Pasal 23)");
    let updated: Value = app.patch(&admin, &path, Some(1), &retitled).await.json().await.unwrap();
    assert_eq!(updated["title"], "Jenis jasa lain (PPh Pasal 23)");
    assert_eq!(updated["version"], 2);
}
