//! The yearly call over HTTP: windows, applications and their steps, documents and their
//! review, the site visit, the score, and the readiness report that blocks a decision until
//! nothing is in the way.
//!
//! The fixtures here drive an application to any state through the API, as officers would; the
//! operation walk (`operations.rs`) uses them too.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use mitra_domain::access::Role;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

/// Today in Jakarta, as the server judges windows and fiscal years.
pub fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

pub fn this_year() -> i32 {
    today().year()
}

/// The largest file the test policy takes for a requirement.
pub const LIMIT: u64 = 64 * 1024;

/// The requirements of the test policy: two mandatory documents (one dated) and one optional.
fn requirements() -> Value {
    let label = |text: &str| json!({ "id": text, "en": text });
    let all = json!(["print", "online", "tv", "radio"]);
    json!([
        { "code": "surat_permohonan", "label": label("Surat permohonan"), "media_types": all, "mandatory": true,
          "needs_expiry": false, "file_types": ["pdf"], "max_size_bytes": LIMIT },
        { "code": "sertifikat_dewan_pers", "label": label("Sertifikat Dewan Pers"), "media_types": all,
          "mandatory": true, "needs_expiry": true, "file_types": ["pdf", "jpeg", "png"], "max_size_bytes": LIMIT },
        { "code": "foto_kantor", "label": label("Foto kantor"), "media_types": all, "mandatory": false,
          "needs_expiry": false, "file_types": ["jpeg", "png"], "max_size_bytes": LIMIT },
    ])
}

/// A PDF of `size` bytes.
pub fn pdf(size: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(size - 7, b'x');
    pdf.extend_from_slice(b"\n%%EOF\n");
    pdf
}

pub fn png() -> Vec<u8> {
    [b"\x89PNG\r\n\x1a\n".as_slice(), b"\0\0\0\0IEND\xae\x42\x60\x82"].concat()
}

pub fn id_of(value: &Value) -> Uuid {
    value["id"].as_str().unwrap_or_else(|| panic!("no id in {value}")).parse().unwrap()
}

/// The organisation's call for this year: the OKI policy with the test's small requirements as
/// the year's current version, and a window open from a month ago to a month ahead. Returns the
/// window.
pub async fn open_call(app: &TestApp, org: &TestOrg) -> Value {
    let admin = app.token(org, Role::Admin);
    let version: Value = app
        .post(&admin, "/api/v1/policy-versions", &json!({ "fiscal_year": this_year(), "preset": "oki" }))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/policy-versions/{}", id_of(&version));
    let changed = app.patch(&admin, &path, Some(1), &json!({ "policy": { "requirements": requirements() } })).await;
    assert_eq!(changed.status(), StatusCode::OK, "the test policy");
    let window = json!({ "fiscal_year": this_year(), "opens_on": today() - Duration::days(30),
                         "closes_on": today() + Duration::days(30), "note": "Pengumuman kemitraan media" });
    let window = app.post(&admin, "/api/v1/registration-windows", &window).await;
    assert_eq!(window.status(), StatusCode::CREATED, "the window");
    window.json().await.unwrap()
}

/// Registers an eligible company of `org` with an online outlet, an editor-in-chief at the
/// Utama level for this year and a Press Council check; returns the outlet.
pub async fn applicant(app: &TestApp, org: &TestOrg) -> Value {
    let admin = app.token(org, Role::Admin);
    let n = Uuid::new_v4().as_u128() % 1_000_000_000;
    let company = json!({ "legal_name": format!("PT Pelamar {n}"), "legal_form": "pt", "npwp": format!("0{n:015}"),
                          "staff_count": 8, "local_office": true, "association": "SMSI",
                          "paid_up_capital": { "amount": "100000000", "currency": "IDR" } });
    let company = app.post(&admin, "/api/v1/press-companies", &company).await;
    assert_eq!(company.status(), StatusCode::CREATED, "the applicant's company");
    let company: Value = company.json().await.unwrap();
    let outlet = json!({ "company_id": company["id"], "media_type": "online", "name": format!("Warta {n}"),
                         "scale": "local", "periodicity": "continuous", "first_published": "2019-03-01" });
    let outlet: Value = app.post(&admin, "/api/v1/outlets", &outlet).await.json().await.unwrap();
    // Area code and serial vary; the birth date in the middle must stay a date.
    let nik = format!("16{:04}150690{:04}", n % 10_000, (n / 10_000) % 10_000);
    let editor = json!({ "company_id": company["id"], "fiscal_year": this_year(), "nik": nik,
                         "full_name": "Pemimpin Redaksi", "role": "editor_in_chief", "competence_level": "utama" });
    let editor = app.post(&admin, "/api/v1/people", &editor).await;
    assert_eq!(editor.status(), StatusCode::CREATED, "the editor-in-chief");
    let check = json!({ "status": "factually_verified", "valid_until": today() + Duration::days(900),
                        "evidence": "Data perusahaan pers Dewan Pers" });
    let path = format!("/api/v1/press-companies/{}/press-council-records", company["id"].as_str().unwrap());
    assert_eq!(app.post(&admin, &path, &check).await.status(), StatusCode::CREATED, "the Press Council check");
    outlet
}

/// Hands in `content` as `name` for `requirement`, with an expiry date when given.
pub async fn upload(
    app: &TestApp,
    token: &str,
    application: Uuid,
    requirement: &str,
    name: &str,
    content: Vec<u8>,
    expires_on: Option<NaiveDate>,
) -> Response {
    let mut form = Form::new().part("file", Part::bytes(content).file_name(name.to_owned()));
    if let Some(date) = expires_on {
        form = form.text("expires_on", date.to_string());
    }
    let path = format!("/api/v1/applications/{application}/documents/{requirement}");
    app.request(Method::POST, &path).bearer_auth(token).multipart(form).send().await.unwrap()
}

/// Takes `step` on the application, at its current version.
pub async fn step(app: &TestApp, token: &str, application: Uuid, step: &str, reason: Option<&str>) -> Response {
    let current: Value = app.get(token, &format!("/api/v1/applications/{application}")).await.json().await.unwrap();
    let body = match reason {
        Some(reason) => json!({ "reason": reason }),
        None => json!({}),
    };
    let path = format!("/api/v1/applications/{application}/{step}");
    app.patch_like(Method::POST, token, &path, current["version"].as_i64(), &body).await
}

/// An online applicant's answers to the OKI rubric: 30 + 30 + 20 points, tier A.
pub fn answers() -> Value {
    json!({ "answers": [
        { "criterion": "kunjungan", "option": "10rb_sampai_100rb" },
        { "criterion": "frekuensi", "option": "harian" },
        { "criterion": "usia_media", "option": "di_atas_5_tahun" },
    ] })
}

pub fn visit(conclusion: &str) -> Value {
    json!({ "visited_on": today(), "team": ["Verifikator Media", "Staf Humas"],
            "checklist": [{ "item": "Kantor redaksi ada di alamat", "ok": true },
                          { "item": "Papan nama perusahaan", "ok": true, "note": "terpasang" }],
            "conclusion": conclusion })
}

/// The states a fixture can reach, in the order the happy path passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Draft,
    /// A draft with every mandatory document handed in.
    Complete,
    Submitted,
    InReview,
    /// In review with every document accepted, scored and visited.
    Ready,
    Verified,
    Approved,
}

/// A new application of `org` (whose call is open) driven to `stage` through the API.
pub async fn application_at(app: &TestApp, org: &TestOrg, stage: Stage) -> Value {
    let (officer, verifier, admin) =
        (app.token(org, Role::Officer), app.token(org, Role::Verifier), app.token(org, Role::Admin));
    let outlet = applicant(app, org).await;
    let created = app
        .post(&officer, "/api/v1/applications", &json!({ "outlet_id": outlet["id"], "fiscal_year": this_year() }))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED, "the application");
    let application: Value = created.json().await.unwrap();
    let id = id_of(&application);
    let expect = |response: Response, what: &'static str| async move {
        let status = response.status();
        assert!(status.is_success(), "{what}: {status} {}", response.text().await.unwrap_or_default());
    };
    if stage >= Stage::Complete {
        expect(upload(app, &officer, id, "surat_permohonan", "surat.pdf", pdf(2000), None).await, "letter").await;
        let until = Some(today() + Duration::days(400));
        expect(upload(app, &officer, id, "sertifikat_dewan_pers", "dp.pdf", pdf(3000), until).await, "certificate")
            .await;
    }
    if stage >= Stage::Submitted {
        expect(step(app, &officer, id, "submit", None).await, "submit").await;
    }
    if stage >= Stage::InReview {
        expect(step(app, &verifier, id, "start-review", None).await, "start review").await;
    }
    if stage >= Stage::Ready {
        let documents: Value =
            app.get(&verifier, &format!("/api/v1/applications/{id}/documents")).await.json().await.unwrap();
        for document in documents.as_array().unwrap() {
            let path = format!("/api/v1/application-documents/{}/review", document["id"].as_str().unwrap());
            let accept = json!({ "review": "accepted" });
            expect(
                app.patch_like(Method::POST, &verifier, &path, document["version"].as_i64(), &accept).await,
                "review",
            )
            .await;
        }
        let current: Value = app.get(&verifier, &format!("/api/v1/applications/{id}")).await.json().await.unwrap();
        let path = format!("/api/v1/applications/{id}/score");
        expect(app.patch_like(Method::PUT, &verifier, &path, current["version"].as_i64(), &answers()).await, "score")
            .await;
        expect(
            app.post(&verifier, &format!("/api/v1/applications/{id}/site-visit"), &visit("confirmed")).await,
            "visit",
        )
        .await;
    }
    if stage >= Stage::Verified {
        expect(step(app, &verifier, id, "verify", None).await, "verify").await;
    }
    if stage >= Stage::Approved {
        expect(step(app, &admin, id, "approve", None).await, "approve").await;
    }
    app.get(&officer, &format!("/api/v1/applications/{id}")).await.json().await.unwrap()
}

/// The kinds and codes of a not-ready answer's blockers.
fn blockers(problem: &Value) -> Vec<(String, Option<String>)> {
    problem["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["kind"].as_str().unwrap().to_owned(), b["code"].as_str().map(str::to_owned)))
        .collect()
}

fn blocker(kind: &str, code: Option<&str>) -> (String, Option<String>) {
    (kind.to_owned(), code.map(str::to_owned))
}

#[tokio::test]
async fn an_application_is_taken_only_while_a_window_of_its_year_is_open_and_once_per_outlet() {
    let app = spawn().await;
    let (admin, officer) = (app.token(&app.alpha, Role::Admin), app.token(&app.alpha, Role::Officer));
    let outlet = applicant(&app, &app.alpha).await;
    let apply = json!({ "outlet_id": outlet["id"], "fiscal_year": this_year() });
    let head = app.audit_head(&app.alpha).await;
    assert_problem(app.post(&officer, "/api/v1/applications", &apply).await, StatusCode::CONFLICT, "no_open_window")
        .await;

    let closed = json!({ "fiscal_year": this_year(), "opens_on": today() - Duration::days(20),
                         "closes_on": today() - Duration::days(1) });
    let closed: Value = app.post(&admin, "/api/v1/registration-windows", &closed).await.json().await.unwrap();
    assert_eq!(closed["open"], false);
    assert_problem(app.post(&officer, "/api/v1/applications", &apply).await, StatusCode::CONFLICT, "no_open_window")
        .await;
    let backwards =
        json!({ "fiscal_year": this_year(), "opens_on": today(), "closes_on": today() - Duration::days(1) });
    let refused = app.post(&admin, "/api/v1/registration-windows", &backwards).await;
    let body = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "closes_on");

    // The window is reopened by moving it; with no policy for the year, nothing can be judged.
    let path = format!("/api/v1/registration-windows/{}", id_of(&closed));
    let reopened = json!({ "fiscal_year": this_year(), "opens_on": today() - Duration::days(20),
                           "closes_on": today() + Duration::days(10) });
    let moved: Value = app.patch(&admin, &path, Some(1), &reopened).await.json().await.unwrap();
    assert_eq!((moved["open"].as_bool(), moved["version"].as_i64()), (Some(true), Some(2)));
    assert_problem(
        app.post(&officer, "/api/v1/applications", &apply).await,
        StatusCode::CONFLICT,
        "no_policy_for_year",
    )
    .await;

    open_call(&app, &app.alpha).await;
    let head_before_success = app.audit_head(&app.alpha).await;
    assert!(head_before_success > head, "windows and the policy are audited");
    let created = app.post(&officer, "/api/v1/applications", &apply).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!((created["state"].as_str(), created["outlet_name"].as_str()), (Some("draft"), outlet["name"].as_str()));
    assert_eq!(created["next_steps"], json!(["submit", "withdraw"]));
    assert_problem(
        app.post(&officer, "/api/v1/applications", &apply).await,
        StatusCode::CONFLICT,
        "application_exists",
    )
    .await;

    let nowhere = json!({ "outlet_id": Uuid::now_v7(), "fiscal_year": this_year() });
    let body = assert_problem(
        app.post(&officer, "/api/v1/applications", &nowhere).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_outlet",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "outlet_id");
    let past = json!({ "outlet_id": outlet["id"], "fiscal_year": this_year() - 1 });
    assert_problem(app.post(&officer, "/api/v1/applications", &past).await, StatusCode::CONFLICT, "fiscal_year_over")
        .await;

    // A suspended company cannot apply.
    let other = applicant(&app, &app.alpha).await;
    let company = format!("/api/v1/press-companies/{}", other["company_id"].as_str().unwrap());
    let version = app.get(&admin, &company).await.json::<Value>().await.unwrap()["version"].as_i64();
    let suspend = json!({ "status": "suspended", "reason": "Pemeriksaan pengaduan masyarakat" });
    let suspended = app.patch_like(Method::POST, &admin, &format!("{company}/status"), version, &suspend).await;
    assert_eq!(suspended.status(), StatusCode::OK);
    let apply_other = json!({ "outlet_id": other["id"], "fiscal_year": this_year() });
    assert_problem(
        app.post(&officer, "/api/v1/applications", &apply_other).await,
        StatusCode::CONFLICT,
        "company_not_active",
    )
    .await;

    let listed: Value = app
        .get(&officer, &format!("/api/v1/applications?fiscal_year={}&state=draft", this_year()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let verifier = app.token(&app.alpha, Role::Verifier);
    let forbidden = app.post(&verifier, "/api/v1/applications", &apply_other).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN, "who reviews does not prepare");
}

#[tokio::test]
async fn the_readiness_report_blocks_verification_until_the_last_document_is_accepted_and_approval_freezes_the_policy()
{
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let (officer, verifier, admin) = (
        app.token(&app.alpha, Role::Officer),
        app.token(&app.alpha, Role::Verifier),
        app.token(&app.alpha, Role::Admin),
    );
    let application = application_at(&app, &app.alpha, Stage::InReview).await;
    let id = id_of(&application);

    let refused = step(&app, &verifier, id, "verify", None).await;
    let problem = assert_problem(refused, StatusCode::CONFLICT, "application_not_ready").await;
    assert_eq!(
        blockers(&problem),
        [
            blocker("document_not_reviewed", Some("surat_permohonan")),
            blocker("document_not_reviewed", Some("sertifikat_dewan_pers")),
            blocker("not_scored", None),
            blocker("no_site_visit", None),
        ]
    );

    let readiness: Value =
        app.get(&officer, &format!("/api/v1/applications/{id}/readiness")).await.json().await.unwrap();
    assert_eq!((readiness["eligible"].as_bool(), readiness["ready"].as_bool()), (Some(true), Some(false)));
    assert!(readiness["rules"].as_array().unwrap().iter().all(|rule| rule["verdict"] == "pass"), "{readiness}");
    let codes: Vec<&str> = readiness["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["requirement"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["surat_permohonan", "sertifikat_dewan_pers", "foto_kantor"]);
    assert!(readiness["requirements"][2]["document"].is_null(), "the optional photo is not handed in");

    // Review: a rejection needs its note.
    let documents: Value =
        app.get(&verifier, &format!("/api/v1/applications/{id}/documents")).await.json().await.unwrap();
    let letter = documents.as_array().unwrap().iter().find(|d| d["requirement"] == "surat_permohonan").unwrap().clone();
    let certificate =
        documents.as_array().unwrap().iter().find(|d| d["requirement"] == "sertifikat_dewan_pers").unwrap().clone();
    let review_path =
        |document: &Value| format!("/api/v1/application-documents/{}/review", document["id"].as_str().unwrap());
    let unexplained =
        app.patch_like(Method::POST, &verifier, &review_path(&letter), Some(1), &json!({ "review": "rejected" })).await;
    let body = assert_problem(unexplained, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "note");
    let officer_review =
        app.patch_like(Method::POST, &officer, &review_path(&letter), Some(1), &json!({ "review": "accepted" })).await;
    assert_eq!(officer_review.status(), StatusCode::FORBIDDEN, "who prepares does not review");
    let accepted =
        app.patch_like(Method::POST, &verifier, &review_path(&letter), Some(1), &json!({ "review": "accepted" })).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let rejected = app
        .patch_like(
            Method::POST,
            &verifier,
            &review_path(&certificate),
            Some(1),
            &json!({ "review": "rejected", "note": "Sertifikat tidak terbaca" }),
        )
        .await;
    assert_eq!(rejected.json::<Value>().await.unwrap()["review"], "rejected");

    let current: Value = app.get(&verifier, &format!("/api/v1/applications/{id}")).await.json().await.unwrap();
    let scored = app
        .patch_like(
            Method::PUT,
            &verifier,
            &format!("/api/v1/applications/{id}/score"),
            current["version"].as_i64(),
            &answers(),
        )
        .await;
    let scored: Value = scored.json().await.unwrap();
    assert_eq!((scored["score"]["points"].as_u64(), scored["score"]["tier"].as_str()), (Some(80), Some("A")));
    let visited = app.post(&verifier, &format!("/api/v1/applications/{id}/site-visit"), &visit("confirmed")).await;
    assert_eq!(visited.status(), StatusCode::CREATED);

    let problem =
        assert_problem(step(&app, &verifier, id, "verify", None).await, StatusCode::CONFLICT, "application_not_ready")
            .await;
    assert_eq!(
        blockers(&problem),
        [blocker("document_rejected", Some("sertifikat_dewan_pers"))],
        "only the rejected one is left"
    );

    // Sent back, the applicant replaces the certificate; the old one is kept but no longer current.
    let sent_back =
        step(&app, &verifier, id, "request-revision", Some("Unggah ulang sertifikat Dewan Pers yang terbaca")).await;
    let sent_back: Value = sent_back.json().await.unwrap();
    assert_eq!(
        (sent_back["state"].as_str(), sent_back["last_reason"].as_str()),
        (Some("revision_requested"), Some("Unggah ulang sertifikat Dewan Pers yang terbaca"))
    );
    let replaced =
        upload(&app, &officer, id, "sertifikat_dewan_pers", "dp-baru.png", png(), Some(today() + Duration::days(300)))
            .await;
    assert_eq!(replaced.status(), StatusCode::CREATED);
    let new_certificate: Value = replaced.json().await.unwrap();
    assert_eq!(step(&app, &officer, id, "submit", None).await.status(), StatusCode::OK);
    assert_eq!(step(&app, &verifier, id, "start-review", None).await.status(), StatusCode::OK);
    let stale = app
        .patch_like(Method::POST, &verifier, &review_path(&certificate), Some(2), &json!({ "review": "accepted" }))
        .await;
    assert_problem(stale, StatusCode::CONFLICT, "document_replaced").await;
    let all: Value = app.get(&verifier, &format!("/api/v1/applications/{id}/documents")).await.json().await.unwrap();
    assert_eq!(all.as_array().unwrap().len(), 3, "the replaced certificate is kept");

    let accepted = app
        .patch_like(Method::POST, &verifier, &review_path(&new_certificate), Some(1), &json!({ "review": "accepted" }))
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let verified = step(&app, &verifier, id, "verify", None).await;
    assert_eq!(verified.status(), StatusCode::OK);
    assert_eq!(verified.json::<Value>().await.unwrap()["next_steps"], json!(["approve", "reject"]));
    let approve_by_verifier = step(&app, &verifier, id, "approve", None).await;
    assert_eq!(approve_by_verifier.status(), StatusCode::FORBIDDEN, "a verifier only verifies, rejects or sends back");
    let approved: Value = step(&app, &admin, id, "approve", None).await.json().await.unwrap();
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["decided_by"], app.alpha.user_id(Role::Admin).to_string());

    let steps: Value = app.get(&officer, &format!("/api/v1/applications/{id}/steps")).await.json().await.unwrap();
    let names: Vec<&str> = steps.as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(names, ["submit", "start_review", "request_revision", "submit", "start_review", "verify", "approve"]);
    let approval = &steps[6];
    assert_eq!(approval["policy_version_id"], approved["policy_version_id"]);
    assert_eq!(approval["evidence"]["blockers"], json!([]));
    assert_eq!(approval["evidence"]["score"]["tier"], "A");

    // The version a decision used is frozen.
    let version_path = format!("/api/v1/policy-versions/{}", approved["policy_version_id"].as_str().unwrap());
    let version: Value = app.get(&admin, &version_path).await.json().await.unwrap();
    assert!(version["used_at"].is_string(), "{version}");
    let edit = app
        .patch(&admin, &version_path, version["version"].as_i64(), &json!({ "policy": { "requirements": [] } }))
        .await;
    assert_problem(edit, StatusCode::CONFLICT, "policy_version_in_use").await;
}

#[tokio::test]
async fn every_step_its_state_does_not_allow_is_refused_and_changes_nothing() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let (officer, verifier, admin) = (
        app.token(&app.alpha, Role::Officer),
        app.token(&app.alpha, Role::Verifier),
        app.token(&app.alpha, Role::Admin),
    );
    let draft = id_of(&application_at(&app, &app.alpha, Stage::Draft).await);
    let head = app.audit_head(&app.alpha).await;
    for (token, name) in
        [(&verifier, "start-review"), (&verifier, "verify"), (&admin, "approve"), (&verifier, "request-revision")]
    {
        let reason = (name == "request-revision").then_some("Lengkapi berkas");
        assert_problem(step(&app, token, draft, name, reason).await, StatusCode::CONFLICT, "step_not_allowed").await;
    }
    assert_problem(
        step(&app, &verifier, draft, "reject", Some("Tidak memenuhi syarat")).await,
        StatusCode::CONFLICT,
        "step_not_allowed",
    )
    .await;
    assert_problem(step(&app, &admin, draft, "reject", None).await, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(app.audit_head(&app.alpha).await, head, "refused steps change nothing");

    // Submitting needs the version read: a stale one is refused.
    let stale = app
        .patch_like(Method::POST, &officer, &format!("/api/v1/applications/{draft}/submit"), Some(7), &json!({}))
        .await;
    assert_problem(stale, StatusCode::PRECONDITION_FAILED, "precondition_failed").await;
    let unconditional = app.post(&officer, &format!("/api/v1/applications/{draft}/submit"), &json!({})).await;
    assert_problem(unconditional, StatusCode::PRECONDITION_REQUIRED, "precondition_required").await;

    // Withdrawn is final.
    let withdrawn: Value = step(&app, &officer, draft, "withdraw", None).await.json().await.unwrap();
    assert_eq!((withdrawn["state"].as_str(), withdrawn["next_steps"].clone()), (Some("withdrawn"), json!([])));
    assert_problem(step(&app, &officer, draft, "submit", None).await, StatusCode::CONFLICT, "step_not_allowed").await;

    // Rejected is final too, and an approved application cannot be withdrawn.
    let reviewed = id_of(&application_at(&app, &app.alpha, Stage::InReview).await);
    let rejected: Value =
        step(&app, &verifier, reviewed, "reject", Some("Alamat redaksi fiktif")).await.json().await.unwrap();
    assert_eq!(
        (rejected["state"].as_str(), rejected["last_reason"].as_str()),
        (Some("rejected"), Some("Alamat redaksi fiktif"))
    );
    let approved = id_of(&application_at(&app, &app.alpha, Stage::Approved).await);
    assert_problem(step(&app, &officer, approved, "withdraw", None).await, StatusCode::CONFLICT, "step_not_allowed")
        .await;

    // Nothing lapses before its fiscal year is over.
    assert_problem(step(&app, &admin, approved, "lapse", None).await, StatusCode::NOT_FOUND, "not_found").await;
    let lapse = app.post(&admin, "/api/v1/applications/lapse", &json!({ "fiscal_year": this_year() })).await;
    assert_problem(lapse, StatusCode::CONFLICT, "fiscal_year_not_over").await;
}

#[tokio::test]
async fn when_its_fiscal_year_ends_an_application_can_only_lapse_and_approvals_lapse_with_it() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let (officer, admin) = (app.token(&app.alpha, Role::Officer), app.token(&app.alpha, Role::Admin));
    let draft = id_of(&application_at(&app, &app.alpha, Stage::Complete).await);
    let approved = id_of(&application_at(&app, &app.alpha, Stage::Approved).await);
    let withdrawn = id_of(&application_at(&app, &app.alpha, Stage::Draft).await);
    step(&app, &officer, withdrawn, "withdraw", None).await;
    // A year passes: the applications are moved back a year behind the API's back.
    app.tamper(&format!("UPDATE applications SET fiscal_year = {}", this_year() - 1)).await;

    assert_problem(step(&app, &officer, draft, "submit", None).await, StatusCode::CONFLICT, "fiscal_year_over").await;
    let lapsed: Value = app
        .post(&admin, "/api/v1/applications/lapse", &json!({ "fiscal_year": this_year() - 1 }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lapsed["lapsed"], 2, "the draft and the approval; the withdrawn one was closed already");
    for (id, state) in [(draft, "lapsed"), (approved, "lapsed"), (withdrawn, "withdrawn")] {
        let found: Value = app.get(&officer, &format!("/api/v1/applications/{id}")).await.json().await.unwrap();
        assert_eq!(found["state"], state);
    }
    let again: Value = app
        .post(&admin, "/api/v1/applications/lapse", &json!({ "fiscal_year": this_year() - 1 }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["lapsed"], 0);
}

/// How many files the server's file store holds.
fn stored_files(app: &TestApp) -> usize {
    let root = app.db.dir().join("data").join("files").join("sha256");
    let mut count = 0;
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            if entry.path().is_dir() { folders.push(entry.path()) } else { count += 1 }
        }
    }
    count
}

#[tokio::test]
async fn a_document_is_judged_by_its_content_against_its_requirement_and_a_refused_upload_stores_nothing() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let officer = app.token(&app.alpha, Role::Officer);
    let id = id_of(&application_at(&app, &app.alpha, Stage::Draft).await);
    let limit = usize::try_from(LIMIT).unwrap();
    let head = app.audit_head(&app.alpha).await;

    let refusals = [
        ("surat_permohonan", "surat.pdf", png(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed"),
        (
            "surat_permohonan",
            "surat.pdf",
            b"MZ\x90\0 not a pdf".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        ("surat_permohonan", "surat.pdf", pdf(limit + 1), StatusCode::PAYLOAD_TOO_LARGE, "file_too_large"),
        ("surat_permohonan", "surat.pdf", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY, "file_empty"),
        (
            "surat_permohonan",
            "surat.pdf",
            pdf(2000)[..1500].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_truncated",
        ),
        ("surat_permohonan", "../../etc/surat.pdf", pdf(2000), StatusCode::BAD_REQUEST, "validation_failed"),
        ("surat_permohonan", "arsip/surat.pdf", pdf(2000), StatusCode::BAD_REQUEST, "validation_failed"),
        ("akta_pendirian", "akta.pdf", pdf(2000), StatusCode::BAD_REQUEST, "validation_failed"),
        // The certificate needs its expiry date.
        ("sertifikat_dewan_pers", "dp.pdf", pdf(2000), StatusCode::BAD_REQUEST, "validation_failed"),
    ];
    for (requirement, name, content, status, code) in refusals {
        let response = upload(&app, &officer, id, requirement, name, content, None).await;
        let body = assert_problem(response, status, code).await;
        if code == "validation_failed" {
            let field = body["errors"][0]["field"].as_str().unwrap();
            assert!(["file", "requirement", "expires_on"].contains(&field), "{body}");
        }
    }
    let bad_date =
        Form::new().part("file", Part::bytes(pdf(2000)).file_name("dp.pdf")).text("expires_on", "31-12-2027");
    let response = app
        .request(Method::POST, &format!("/api/v1/applications/{id}/documents/sertifikat_dewan_pers"))
        .bearer_auth(&officer)
        .multipart(bad_date)
        .send()
        .await
        .unwrap();
    let body = assert_problem(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "expires_on");
    assert_eq!(stored_files(&app), 0, "nothing refused is stored");
    assert_eq!(app.audit_head(&app.alpha).await, head, "nor recorded");

    let at_limit =
        upload(&app, &officer, id, "surat_permohonan", "Surat Permohonan – PT Pelamar.pdf", pdf(limit), None).await;
    assert_eq!(at_limit.status(), StatusCode::CREATED);
    let document: Value = at_limit.json().await.unwrap();
    assert_eq!((document["file_type"].as_str(), document["file_size"].as_u64()), (Some("pdf"), Some(LIMIT)));
    assert_eq!(stored_files(&app), 1);

    let download =
        app.get(&officer, &format!("/api/v1/application-documents/{}/content", document["id"].as_str().unwrap())).await;
    assert_eq!(download.status(), StatusCode::OK);
    let header = |name: &str| download.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment;"), "{}", header("content-disposition"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("content-security-policy"), "default-src 'none'; sandbox");
    assert_eq!(download.bytes().await.unwrap().len(), limit);

    // Another organisation neither reads nor writes it.
    let beta = app.token(&app.beta, Role::Admin);
    let theirs =
        app.get(&beta, &format!("/api/v1/application-documents/{}/content", document["id"].as_str().unwrap())).await;
    assert_problem(theirs, StatusCode::NOT_FOUND, "not_found").await;
    let into_alpha = upload(&app, &beta, id, "surat_permohonan", "surat.pdf", pdf(2000), None).await;
    assert_problem(into_alpha, StatusCode::NOT_FOUND, "not_found").await;

    // Once submitted, the application takes no documents.
    let until = Some(today() + Duration::days(100));
    assert_eq!(
        upload(&app, &officer, id, "sertifikat_dewan_pers", "dp.pdf", pdf(2000), until).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(step(&app, &officer, id, "submit", None).await.status(), StatusCode::OK);
    let late = upload(&app, &officer, id, "foto_kantor", "kantor.png", png(), None).await;
    assert_problem(late, StatusCode::CONFLICT, "documents_closed").await;
}

#[tokio::test]
async fn documents_expiring_soon_are_listed_the_expired_first() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let officer = app.token(&app.alpha, Role::Officer);
    let (soon, later, expired) = (
        id_of(&application_at(&app, &app.alpha, Stage::Draft).await),
        id_of(&application_at(&app, &app.alpha, Stage::Draft).await),
        id_of(&application_at(&app, &app.alpha, Stage::Draft).await),
    );
    for (id, days) in [(soon, 10), (later, 200), (expired, -5)] {
        let until = Some(today() + Duration::days(days));
        let response = upload(
            &app,
            &officer,
            id,
            "sertifikat_dewan_pers",
            "dp.pdf",
            pdf(1000 + usize::try_from(days + 10).unwrap()),
            until,
        )
        .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let listed: Value =
        app.get(&officer, "/api/v1/application-documents/expiring?within_days=30").await.json().await.unwrap();
    let items = listed["items"].as_array().unwrap();
    let found: Vec<(String, i64)> = items
        .iter()
        .map(|item| {
            (item["document"]["application_id"].as_str().unwrap().to_owned(), item["days_left"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(found, [(expired.to_string(), -5), (soon.to_string(), 10)]);
    assert!(items[0]["company_name"].as_str().unwrap().starts_with("PT Pelamar"));

    let first: Value =
        app.get(&officer, "/api/v1/application-documents/expiring?within_days=365&limit=2").await.json().await.unwrap();
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let second: Value = app
        .get(&officer, &format!("/api/v1/application-documents/expiring?within_days=365&limit=2&cursor={cursor}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["items"][0]["document"]["application_id"], later.to_string());
    let bad = app.get(&officer, "/api/v1/application-documents/expiring?within_days=-1").await;
    assert_problem(bad, StatusCode::BAD_REQUEST, "invalid_query_parameter").await;

    // A withdrawn application's documents no longer need watching.
    step(&app, &officer, soon, "withdraw", None).await;
    let listed: Value =
        app.get(&officer, "/api/v1/application-documents/expiring?within_days=30").await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_site_visit_is_recorded_once_in_review_by_a_team_and_its_photos_are_pictures() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let verifier = app.token(&app.alpha, Role::Verifier);
    let draft = id_of(&application_at(&app, &app.alpha, Stage::Draft).await);
    let path = |id: Uuid| format!("/api/v1/applications/{id}/site-visit");
    assert_problem(
        app.post(&verifier, &path(draft), &visit("confirmed")).await,
        StatusCode::CONFLICT,
        "not_under_review",
    )
    .await;

    let id = id_of(&application_at(&app, &app.alpha, Stage::InReview).await);
    assert_problem(app.get(&verifier, &path(id)).await, StatusCode::NOT_FOUND, "not_found").await;
    let mut future = visit("confirmed");
    future["visited_on"] = json!(today() + Duration::days(1));
    future["team"] = json!([]);
    let body =
        assert_problem(app.post(&verifier, &path(id), &future).await, StatusCode::BAD_REQUEST, "validation_failed")
            .await;
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"team"), "{body}");
    let mut blank_line = visit("confirmed");
    blank_line["checklist"][1]["item"] = json!("");
    let body =
        assert_problem(app.post(&verifier, &path(id), &blank_line).await, StatusCode::BAD_REQUEST, "validation_failed")
            .await;
    assert_eq!(body["errors"][0]["field"], "checklist[1].item");

    let recorded = app.post(&verifier, &path(id), &visit("not_confirmed")).await;
    assert_eq!(recorded.status(), StatusCode::CREATED);
    let recorded: Value = recorded.json().await.unwrap();
    assert_problem(
        app.post(&verifier, &path(id), &visit("confirmed")).await,
        StatusCode::CONFLICT,
        "site_visit_recorded",
    )
    .await;
    let readiness: Value =
        app.get(&verifier, &format!("/api/v1/applications/{id}/readiness")).await.json().await.unwrap();
    assert!(
        readiness["blockers"].as_array().unwrap().iter().any(|b| b["kind"] == "visit_not_confirmed"),
        "{readiness}"
    );
    let replaced = app
        .patch_like(
            Method::PUT,
            &verifier,
            &format!("/api/v1/site-visits/{}", id_of(&recorded)),
            Some(1),
            &visit("confirmed"),
        )
        .await;
    assert_eq!(replaced.json::<Value>().await.unwrap()["conclusion"], "confirmed");

    let photo =
        |name: &str, content: Vec<u8>| Form::new().part("file", Part::bytes(content).file_name(name.to_owned()));
    let photos = format!("{}/photos", path(id));
    let send = |form: Form| app.request(Method::POST, &photos).bearer_auth(&verifier).multipart(form).send();
    assert_eq!(send(photo("kantor.png", png())).await.unwrap().status(), StatusCode::CREATED);
    let pdf_photo = send(photo("kantor.pdf", pdf(2000))).await.unwrap();
    assert_problem(pdf_photo, StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed").await;
    let listed: Value = app.get(&verifier, &photos).await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let content =
        app.get(&verifier, &format!("/api/v1/site-visit-photos/{}/content", listed[0]["id"].as_str().unwrap())).await;
    assert_eq!(content.headers()["content-type"], "image/png");
}

#[tokio::test]
async fn two_officers_deciding_at_once_make_one_decision() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let admin = app.token(&app.alpha, Role::Admin);
    let verified = application_at(&app, &app.alpha, Stage::Verified).await;
    let (id, version) = (id_of(&verified), verified["version"].as_i64());
    let (approve_path, reject_path) =
        (format!("/api/v1/applications/{id}/approve"), format!("/api/v1/applications/{id}/reject"));
    let (no_reason, reason) = (json!({}), json!({ "reason": "Ditolak bersamaan" }));
    let approve = app.patch_like(Method::POST, &admin, &approve_path, version, &no_reason);
    let reject = app.patch_like(Method::POST, &admin, &reject_path, version, &reason);
    let (approved, rejected) = tokio::join!(approve, reject);
    let statuses = [approved.status(), rejected.status()];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "exactly one decision wins: {statuses:?}");
    let loser = statuses.into_iter().find(|s| *s != StatusCode::OK).unwrap();
    // Refused as stale, or as a step the decided application no longer allows.
    assert!([StatusCode::PRECONDITION_FAILED, StatusCode::CONFLICT].contains(&loser), "{loser}");
    let steps: Value = app.get(&admin, &format!("/api/v1/applications/{id}/steps")).await.json().await.unwrap();
    let decisions =
        steps.as_array().unwrap().iter().filter(|s| s["step"] == "approve" || s["step"] == "reject").count();
    assert_eq!(decisions, 1, "and one journal entry");
}

#[tokio::test]
async fn a_verification_never_passes_a_document_rejected_at_the_same_moment() {
    let app = spawn().await;
    open_call(&app, &app.alpha).await;
    let verifier = app.token(&app.alpha, Role::Verifier);
    for _ in 0..6 {
        let ready = application_at(&app, &app.alpha, Stage::Ready).await;
        let id = id_of(&ready);
        let documents: Value =
            app.get(&verifier, &format!("/api/v1/applications/{id}/documents")).await.json().await.unwrap();
        let letter = &documents[0];
        let review_path = format!("/api/v1/application-documents/{}/review", letter["id"].as_str().unwrap());
        let verify_path = format!("/api/v1/applications/{id}/verify");
        let (rejection, nothing) = (json!({ "review": "rejected", "note": "Tanda tangan tidak sah" }), json!({}));
        let (reviewed, verified) = tokio::join!(
            app.patch_like(Method::POST, &verifier, &review_path, letter["version"].as_i64(), &rejection),
            app.patch_like(Method::POST, &verifier, &verify_path, ready["version"].as_i64(), &nothing),
        );
        let (reviewed, verified) = (reviewed.status(), verified.status());
        let state: Value = app.get(&verifier, &format!("/api/v1/applications/{id}")).await.json().await.unwrap();
        let letter: Value = app
            .get(&verifier, &format!("/api/v1/application-documents/{}", letter["id"].as_str().unwrap()))
            .await
            .json()
            .await
            .unwrap();
        assert!(
            !(state["state"] == "verified" && letter["review"] == "rejected"),
            "verified over a rejected document (review {reviewed}, verify {verified})"
        );
        assert_eq!(reviewed.is_success(), letter["review"] == "rejected");
        assert_eq!(verified.is_success(), state["state"] == "verified");
    }
}
