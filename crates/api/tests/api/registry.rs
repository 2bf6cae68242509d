//! The press registry: companies with unique tax numbers and names, outlets, newsrooms whose NIKs
//! never show, Press Council standing, accounts paid only in the company's name, and an outlet's
//! eligibility under the policy in force.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, spawn};

async fn register(app: &TestApp, token: &str, name: &str, npwp: &str) -> Value {
    let body = json!({ "legal_name": name, "legal_form": "pt", "npwp": npwp, "staff_count": 7,
                       "paid_up_capital": { "amount": "50000000", "currency": "IDR" }, "local_office": true,
                       "association": "AMSI" });
    let created = app.post(token, "/api/v1/press-companies", &body).await;
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.text().await.unwrap());
    created.json().await.unwrap()
}

async fn outlet(app: &TestApp, token: &str, company: &Value, media_type: &str, name: &str) -> Value {
    let body = json!({ "company_id": company["id"], "media_type": media_type, "name": name, "scale": "local",
                       "periodicity": "continuous", "first_published": "2021-03-01" });
    let created = app.post(token, "/api/v1/outlets", &body).await;
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.text().await.unwrap());
    created.json().await.unwrap()
}

#[tokio::test]
async fn a_company_is_registered_once_by_tax_number_and_by_name() {
    let app = spawn().await;
    let officer = app.token(&app.alpha, Role::Officer);
    let company = register(&app, &officer, "PT Sriwijaya Media Utama", "01.234.567.8-912.000").await;
    assert_eq!(company["npwp"], "0012345678912000", "kept as its 16 digits");
    assert_eq!(company["npwp_printed"], "01.234.567.8-912.000");
    assert_eq!((company["status"].as_str(), company["press_council_status"].as_str()), (Some("active"), Some("none")));

    let same_npwp = json!({ "legal_name": "PT Lain", "legal_form": "pt", "npwp": "0012345678912000" });
    assert_problem(app.post(&officer, "/api/v1/press-companies", &same_npwp).await, StatusCode::CONFLICT, "npwp_taken")
        .await;
    let same_name = json!({ "legal_name": "PT Sriwijaya Media Utama", "legal_form": "pt", "npwp": "0987654321000000" });
    assert_problem(
        app.post(&officer, "/api/v1/press-companies", &same_name).await,
        StatusCode::CONFLICT,
        "company_name_taken",
    )
    .await;
    let beta = app.token(&app.beta, Role::Officer);
    register(&app, &beta, "PT Sriwijaya Media Utama", "01.234.567.8-912.000").await;

    let bad = json!({ "legal_name": "PT", "legal_form": "cv-ish", "npwp": "12-34" });
    let body = assert_problem(
        app.post(&officer, "/api/v1/press-companies", &bad).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "legal_form", "{body}");
}

#[tokio::test]
async fn a_journalists_nik_is_sealed_and_only_its_last_four_digits_ever_show() {
    let app = spawn().await;
    let officer = app.token(&app.alpha, Role::Officer);
    let company = register(&app, &officer, "PT Kabar Ogan", "0011111111111000").await;
    let nik = "1602044501950002";
    let person = json!({ "company_id": company["id"], "fiscal_year": 2026, "nik": nik, "full_name": "Siti Rahmawati",
                         "role": "journalist", "competence_level": "madya", "competence_certificate": "UKW-12345" });
    let created = app.post(&officer, "/api/v1/people", &person).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let text = created.text().await.unwrap();
    assert!(!text.contains(nik) && text.contains("\"nik_last_four\":\"0002\""), "{text}");

    let other = register(&app, &officer, "PT Warta Komering", "0022222222222000").await;
    let elsewhere = json!({ "company_id": other["id"], "fiscal_year": 2026, "nik": nik, "full_name": "Siti Rahmawati", "role": "journalist" });
    assert_problem(
        app.post(&officer, "/api/v1/people", &elsewhere).await,
        StatusCode::CONFLICT,
        "person_already_recorded",
    )
    .await;
    let next_year = json!({ "company_id": other["id"], "fiscal_year": 2027, "nik": nik, "full_name": "Siti Rahmawati", "role": "journalist" });
    assert_eq!(
        app.post(&officer, "/api/v1/people", &next_year).await.status(),
        StatusCode::CREATED,
        "a new company next year"
    );

    let auditor = app.token(&app.alpha, Role::Auditor);
    let trail = app.get(&auditor, "/api/v1/audit-events?entity_type=newsroom_person").await.text().await.unwrap();
    assert!(trail.contains("Siti Rahmawati") && !trail.contains(nik), "the trail records the person, never the NIK");
    let path = format!("/api/v1/press-companies/{}/people?fiscal_year=2026", company["id"].as_str().unwrap());
    let newsroom: Value = app.get(&auditor, &path).await.json().await.unwrap();
    assert_eq!(newsroom["items"][0]["competence_level"], "madya");

    let beta = app.token(&app.beta, Role::Officer);
    let foreign = json!({ "company_id": company["id"], "fiscal_year": 2026, "nik": "1602041506900003", "full_name": "X Y", "role": "journalist" });
    assert_problem(
        app.post(&beta, "/api/v1/people", &foreign).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_company",
    )
    .await;
}

#[tokio::test]
async fn the_newest_press_council_check_is_the_standing_the_list_filters_by() {
    let app = spawn().await;
    let verifier = app.token(&app.alpha, Role::Verifier);
    let verified = register(&app, &verifier, "PT Palembang Pos", "0033333333333000").await;
    let unverified = register(&app, &verifier, "PT Kayuagung Ekspres", "0044444444444000").await;
    outlet(&app, &verifier, &verified, "print", "Palembang Pos").await;
    outlet(&app, &verifier, &unverified, "online", "kayuagungekspres.id").await;
    let path = format!("/api/v1/press-companies/{}/press-council-records", verified["id"].as_str().unwrap());
    let check = json!({ "status": "factually_verified", "certificate_number": "456/DP-F/2023", "certificate_date": "2023-05-02",
                        "valid_until": "2028-05-02", "evidence": "Sertifikat Dewan Pers nomor 456/DP-F/2023" });
    let recorded: Value = app.post(&verifier, &path, &check).await.json().await.unwrap();
    assert_eq!(recorded["checked_by"], app.alpha.user_id(Role::Verifier).to_string());
    let company: Value = app
        .get(&verifier, &format!("/api/v1/press-companies/{}", verified["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (company["press_council_status"].as_str(), company["press_council_valid_until"].as_str()),
        (Some("factually_verified"), Some("2028-05-02"))
    );

    let names = |page: &Value| -> Vec<String> {
        page["items"].as_array().unwrap().iter().map(|c| c["legal_name"].as_str().unwrap().to_owned()).collect()
    };
    let by_standing: Value = app
        .get(&verifier, "/api/v1/press-companies?press_council_status=factually_verified")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&by_standing), ["PT Palembang Pos"]);
    let by_media: Value = app.get(&verifier, "/api/v1/press-companies?media_type=online").await.json().await.unwrap();
    assert_eq!(names(&by_media), ["PT Kayuagung Ekspres"]);
    let by_name: Value = app.get(&verifier, "/api/v1/press-companies?q=POS").await.json().await.unwrap();
    assert_eq!(names(&by_name), ["PT Palembang Pos"]);
    let future = json!({ "status": "registered", "checked_on": "2999-01-01", "evidence": "x" });
    assert_problem(app.post(&verifier, &path, &future).await, StatusCode::BAD_REQUEST, "validation_failed").await;
}

#[tokio::test]
async fn only_an_account_in_the_companys_legal_name_can_be_verified() {
    let app = spawn().await;
    let officer = app.token(&app.alpha, Role::Officer);
    let treasurer = app.token(&app.alpha, Role::Treasurer);
    let company = register(&app, &officer, "PT. Media Sriwijaya", "0055555555555000").await;
    let accounts = format!("/api/v1/press-companies/{}/bank-accounts", company["id"].as_str().unwrap());
    let own: Value = app
        .post(&officer, &accounts, &json!({ "bank_name": "Bank Sumsel Babel", "account_number": "150-00-12345", "holder_name": "PT MEDIA SRIWIJAYA" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["account_number"], "1500012345");
    let borrowed: Value = app
        .post(
            &officer,
            &accounts,
            &json!({ "bank_name": "Bank Sumsel Babel", "account_number": "9988776655", "holder_name": "Budi Santoso" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let verify = |account: &Value| format!("/api/v1/bank-accounts/{}/verification", account["id"].as_str().unwrap());
    assert_problem(
        app.post(&treasurer, &verify(&borrowed), &json!({})).await,
        StatusCode::CONFLICT,
        "holder_is_not_the_company",
    )
    .await;
    let verified: Value = app.post(&treasurer, &verify(&own), &json!({})).await.json().await.unwrap();
    assert_eq!(verified["verified_by"], app.alpha.user_id(Role::Treasurer).to_string());
    assert_problem(app.post(&officer, &verify(&own), &json!({})).await, StatusCode::FORBIDDEN, "forbidden").await;
    let again = json!({ "bank_name": "Bank Sumsel Babel", "account_number": "1500012345", "holder_name": "PT MEDIA SRIWIJAYA" });
    assert_problem(app.post(&officer, &accounts, &again).await, StatusCode::CONFLICT, "bank_account_exists").await;
}

#[tokio::test]
async fn suspending_a_company_needs_a_reason_and_a_verifier() {
    let app = spawn().await;
    let officer = app.token(&app.alpha, Role::Officer);
    let verifier = app.token(&app.alpha, Role::Verifier);
    let company = register(&app, &officer, "PT Berita Palsu", "0066666666666000").await;
    let path = format!("/api/v1/press-companies/{}/status", company["id"].as_str().unwrap());
    let suspend = |reason: Value| json!({ "status": "blacklisted", "reason": reason });
    let send = |token: &str, body: Value| {
        let request =
            app.request(reqwest::Method::POST, &path).bearer_auth(token).header("If-Match", "\"1\"").json(&body);
        async move { request.send().await.unwrap() }
    };
    assert_problem(send(&officer, suspend(json!("Nama pinjaman"))).await, StatusCode::FORBIDDEN, "forbidden").await;
    let body =
        assert_problem(send(&verifier, suspend(Value::Null)).await, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "reason");
    let barred: Value = send(&verifier, suspend(json!("Media fiktif: alamat redaksi tidak ditemukan saat kunjungan")))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((barred["status"].as_str(), barred["version"].as_i64()), (Some("blacklisted"), Some(2)));
    let listed: Value = app.get(&officer, "/api/v1/press-companies?status=blacklisted").await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_outlet_is_judged_rule_by_rule_against_the_policy_in_force() {
    let app = spawn().await;
    let admin = app.token(&app.alpha, Role::Admin);
    let officer = app.token(&app.alpha, Role::Officer);
    let company = register(&app, &officer, "PT Ogan Online", "0077777777777000").await;
    let site = outlet(&app, &officer, &company, "online", "oganonline.id").await;
    let path = format!("/api/v1/outlets/{}/eligibility?fiscal_year=2026", site["id"].as_str().unwrap());
    assert_problem(app.get(&officer, &path).await, StatusCode::NOT_FOUND, "not_found").await;

    app.post(&admin, "/api/v1/policy-versions", &json!({ "fiscal_year": 2026, "preset": "oki" })).await;
    let evaluation: Value = app.get(&officer, &path).await.json().await.unwrap();
    assert_eq!(evaluation["eligible"], false);
    let verdict = |rule: &str| {
        evaluation["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == rule)
            .map(|r| r["verdict"].as_str().unwrap().to_owned())
    };
    assert_eq!(verdict("badan_hukum").as_deref(), Some("pass"));
    assert_eq!(verdict("karyawan_minimal_5").as_deref(), Some("pass"));
    assert_eq!(verdict("modal_disetor").as_deref(), Some("pass"));
    assert_eq!(verdict("dewan_pers").as_deref(), Some("missing"), "no Press Council check yet");
    assert_eq!(verdict("pemimpin_redaksi_ukw_utama").as_deref(), Some("missing"), "no editor-in-chief recorded");
    assert_eq!(verdict("izin_siaran"), None, "broadcast rules do not apply online");

    let editor = json!({ "company_id": company["id"], "fiscal_year": 2026, "nik": "1602041506900003",
                         "full_name": "Pemimpin Redaksi", "role": "editor_in_chief", "competence_level": "utama" });
    assert_eq!(app.post(&officer, "/api/v1/people", &editor).await.status(), StatusCode::CREATED);
    let checks = format!("/api/v1/press-companies/{}/press-council-records", company["id"].as_str().unwrap());
    let check =
        json!({ "status": "administratively_verified", "valid_until": "2099-01-01", "evidence": "Data Dewan Pers" });
    assert_eq!(app.post(&officer, &checks, &check).await.status(), StatusCode::CREATED);
    let evaluation: Value = app.get(&officer, &path).await.json().await.unwrap();
    assert_eq!(evaluation["eligible"], true, "{evaluation}");
}
