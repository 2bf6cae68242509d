//! Letters as PDF: read back with a PDF parser, the agreement's and the order's letters carry
//! their numbers, parties and amounts in figures and in words under the letterhead; and the
//! letterhead itself is set like every record, audited and checked.

use mitra_domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::agreements::{Signed, agreement_for, approved, budget_line, line, terms};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

/// A price under the test tier's maximum that reads well in words.
const PRICE: i64 = 1_250_000;

fn letterhead() -> Value {
    json!({
        "government": "PEMERINTAH KABUPATEN OGAN KOMERING ILIR",
        "office": "DINAS KOMUNIKASI DAN INFORMATIKA",
        "address": "Jalan Letnan Mukhtar Saleh, Kayuagung 30611",
        "phone": "(0712) 321001",
        "email": "Diskominfo@OKIkab.go.id",
        "website": "diskominfo.okikab.go.id",
        "city": "Kayuagung",
        "signatory_name": "Ahmad Rizal",
        "signatory_title": "Kepala Dinas Komunikasi dan Informatika",
        "signatory_nip": "19780512 200501 1 003",
    })
}

async fn set_letterhead(app: &TestApp, org: &TestOrg, version: i64, body: &Value) -> reqwest::Response {
    app.patch_like(Method::PUT, &app.token(org, Role::Admin), "/api/v1/letterhead", Some(version), body).await
}

/// An agreement of three advertorials at [`PRICE`], its ceiling their sum (opens the year's call).
async fn agreement(app: &TestApp, org: &TestOrg, signed: Signed) -> Value {
    crate::applications::open_call(app, org).await;
    let budget = budget_line(app, org, 100_000_000).await;
    let application = approved(app, org).await;
    let terms = terms(&budget, 3 * PRICE, vec![line("advertorial", 3, PRICE)]);
    agreement_for(app, org, &application, terms, signed).await
}

/// The PDF at `path` as `role` of `org`, checked to be an attachment, and its text.
async fn letter_text(app: &TestApp, org: &TestOrg, path: &str, prefix: &str) -> String {
    let response = app.get(&app.token(org, Role::Auditor), path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with(&format!("attachment; filename=\"{prefix}-")), "{disposition}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).unwrap();
    // Lines of a wrapped paragraph come out one per line: read as running text.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_agreement_letter_carries_its_number_parties_and_value_in_figures_and_in_words() {
    let app = spawn().await;
    assert_eq!(set_letterhead(&app, &app.alpha, 0, &letterhead()).await.status(), StatusCode::OK);
    let agreement = agreement(&app, &app.alpha, Signed::Active).await;
    let path = format!("/api/v1/agreements/{}/letter.pdf", agreement["id"].as_str().unwrap());
    let text = letter_text(&app, &app.alpha, &path, "PKS").await;
    let number = agreement["number"].as_str().unwrap();
    for expected in [
        "PEMERINTAH KABUPATEN OGAN KOMERING ILIR",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "PERJANJIAN KERJA SAMA",
        &format!("Nomor: {number}"),
        agreement["company_name"].as_str().unwrap(),
        "PIHAK PERTAMA",
        "PIHAK KEDUA",
        "Rp 1.250.000",
        "Nilai perjanjian: Rp 3.750.000",
        "Terbilang: tiga juta tujuh ratus lima puluh ribu rupiah",
        "Kayuagung,",
        "Ahmad Rizal",
        "NIP. 197805122005011003",
    ] {
        assert!(text.contains(expected), "`{expected}` in the letter:\n{text}");
    }
    assert!(!text.contains("DRAFT"), "an active agreement is not a draft");
}

#[tokio::test]
async fn the_order_letter_carries_its_number_the_agreement_and_the_amount_in_figures_and_in_words() {
    let app = spawn().await;
    assert_eq!(set_letterhead(&app, &app.alpha, 0, &letterhead()).await.status(), StatusCode::OK);
    let agreement = agreement(&app, &app.alpha, Signed::Active).await;
    let officer = app.token(&app.alpha, Role::Officer);
    let response = crate::orders::issue(&app, &officer, agreement["lines"][0]["id"].as_str().unwrap(), 1).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let order: Value = response.json().await.unwrap();
    let path = format!("/api/v1/orders/{}/letter.pdf", order["id"].as_str().unwrap());
    let text = letter_text(&app, &app.alpha, &path, "SP").await;
    for expected in [
        "SURAT PESANAN",
        &format!("Nomor: {}", order["number"].as_str().unwrap()),
        &format!("Perjanjian Kerja Sama Nomor {}", agreement["number"].as_str().unwrap()),
        &format!("Pimpinan {}", agreement["company_name"].as_str().unwrap()),
        "Rilis HUT Kabupaten OKI",
        "Jumlah pesanan: Rp 1.250.000",
        "Terbilang: satu juta dua ratus lima puluh ribu rupiah",
        "Kepala Dinas Komunikasi dan Informatika",
    ] {
        assert!(text.contains(expected), "`{expected}` in the letter:\n{text}");
    }
}

#[tokio::test]
async fn a_draft_agreement_letter_is_marked_draft_and_without_a_letterhead_carries_the_organisations_name() {
    let app = spawn().await;
    let agreement = agreement(&app, &app.alpha, Signed::Draft).await;
    let path = format!("/api/v1/agreements/{}/letter.pdf", agreement["id"].as_str().unwrap());
    let text = letter_text(&app, &app.alpha, &path, "PKS").await;
    assert!(text.contains("DRAFT"), "{text}");
    let organisation: Value =
        app.get(&app.token(&app.alpha, Role::Auditor), "/api/v1/organisation").await.json().await.unwrap();
    assert!(text.contains(&organisation["name"].as_str().unwrap().to_uppercase()), "{text}");
    assert!(text.contains("Terbilang: tiga juta tujuh ratus lima puluh ribu rupiah"), "{text}");
}

#[tokio::test]
async fn another_organisations_letters_are_not_found() {
    let app = spawn().await;
    let agreement = agreement(&app, &app.alpha, Signed::Active).await;
    let officer = app.token(&app.alpha, Role::Officer);
    let order: Value = crate::orders::issue(&app, &officer, agreement["lines"][0]["id"].as_str().unwrap(), 1)
        .await
        .json()
        .await
        .unwrap();
    let beta = app.token(&app.beta, Role::Admin);
    for path in [
        format!("/api/v1/agreements/{}/letter.pdf", agreement["id"].as_str().unwrap()),
        format!("/api/v1/orders/{}/letter.pdf", order["id"].as_str().unwrap()),
        format!("/api/v1/orders/{}/letter.pdf", uuid::Uuid::now_v7()),
    ] {
        assert_problem(app.get(&beta, &path).await, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[tokio::test]
async fn the_letterhead_is_set_with_its_version_audited_and_checked() {
    let app = spawn().await;
    let (admin, officer) = (app.token(&app.alpha, Role::Admin), app.token(&app.alpha, Role::Officer));

    // Never set: version 0 and the organisation's name.
    let unset = app.get(&officer, "/api/v1/letterhead").await;
    assert_eq!(unset.headers()["etag"], "\"0\"");
    let unset: Value = unset.json().await.unwrap();
    assert_eq!(unset["version"], 0);
    assert!(unset["updated_at"].is_null());

    // Refused shapes change nothing, and every refused field is named.
    let head = app.audit_head(&app.alpha).await;
    let mut bad = letterhead();
    bad["government"] = json!(" ");
    bad["email"] = json!("not an address");
    bad["signatory_nip"] = json!("1978");
    bad["city"] = json!("x".repeat(201));
    let body =
        assert_problem(set_letterhead(&app, &app.alpha, 0, &bad).await, StatusCode::BAD_REQUEST, "validation_failed")
            .await;
    let mut fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["city", "email", "government", "signatory_nip"], "{body}");
    let unknown = json!({ "government": "PEMERINTAH", "logo": "x" });
    assert_problem(set_letterhead(&app, &app.alpha, 0, &unknown).await, StatusCode::BAD_REQUEST, "validation_failed")
        .await;
    let without_version = app.request(Method::PUT, "/api/v1/letterhead").bearer_auth(&admin).json(&letterhead());
    assert_problem(without_version.send().await.unwrap(), StatusCode::PRECONDITION_REQUIRED, "precondition_required")
        .await;
    let by_officer = app.patch_like(Method::PUT, &officer, "/api/v1/letterhead", Some(0), &letterhead()).await;
    assert_eq!(by_officer.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_head(&app.alpha).await, head, "nothing changed");
    let still: Value = app.get(&officer, "/api/v1/letterhead").await.json().await.unwrap();
    assert_eq!(still["version"], 0);

    // Set, then changed at the version read; a stale version is refused.
    let set = set_letterhead(&app, &app.alpha, 0, &letterhead()).await;
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(set.headers()["etag"], "\"1\"");
    let set: Value = set.json().await.unwrap();
    assert_eq!(set["email"], "diskominfo@okikab.go.id");
    assert_eq!(set["signatory_nip"], "197805122005011003");
    assert_eq!(app.audit_head(&app.alpha).await, head + 1);
    assert_problem(
        set_letterhead(&app, &app.alpha, 0, &letterhead()).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    let mut moved = letterhead();
    moved["address"] = json!("Jalan Lintas Timur Km 32, Kayuagung");
    moved["phone"] = json!("");
    let changed: Value = set_letterhead(&app, &app.alpha, 1, &moved).await.json().await.unwrap();
    assert_eq!(changed["version"], 2);
    assert!(changed["phone"].is_null(), "blank is none");

    let auditor = app.token(&app.alpha, Role::Auditor);
    let events: Value = app.get(&auditor, "/api/v1/audit-events?entity_type=letterhead").await.json().await.unwrap();
    let actions: Vec<&str> =
        events["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"letterhead.created") && actions.contains(&"letterhead.updated"), "{events}");
    let updated: Value =
        app.get(&auditor, "/api/v1/audit-events?action=letterhead.updated").await.json().await.unwrap();
    let event = &updated["items"][0];
    assert_eq!(event["entity_id"], app.alpha.id.to_string());
    assert_eq!(event["before"]["address"], "Jalan Letnan Mukhtar Saleh, Kayuagung 30611");
    assert_eq!(event["after"]["address"], "Jalan Lintas Timur Km 32, Kayuagung");

    // Beta's letterhead is its own.
    let beta: Value = app.get(&app.token(&app.beta, Role::Auditor), "/api/v1/letterhead").await.json().await.unwrap();
    assert_eq!(beta["version"], 0);
}
