//! Every operation of the published spec, walked by role, by organisation and by audit trail, so
//! that a new endpoint cannot escape any of the three: an operation without a sample here fails
//! the first test, and the expected grants are written here, not read from the code under test.

use std::collections::BTreeMap;

use mitra_domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::agreements::{Signed, TIER_A_ADVERTORIAL, line};
use crate::applications::{Stage, answers, application_at, id_of, open_call, pdf, png, this_year, today, visit};
use crate::helpers::{PASSWORD, TestApp, TestOrg, spawn};

/// One operation of the spec.
#[derive(Debug, Clone)]
struct Operation {
    id: String,
    method: Method,
    path: String,
    public: bool,
    not_audited: bool,
    /// Takes `If-Match` with the version of the record it changes.
    conditional: bool,
}

fn operations() -> Vec<Operation> {
    let spec: Value = serde_json::from_str(&mitra_api::openapi_json().unwrap()).unwrap();
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let security = operation["security"].as_array().unwrap();
            found.push(Operation {
                id: operation["operationId"].as_str().unwrap().to_owned(),
                method: method.to_uppercase().parse().unwrap(),
                path: path.clone(),
                public: security.iter().all(|requirement| requirement.as_object().is_some_and(|o| o.is_empty())),
                not_audited: operation.get("x-not-audited").is_some(),
                conditional: operation["parameters"]
                    .as_array()
                    .is_some_and(|params| params.iter().any(|p| p["name"] == "If-Match" && p["in"] == "header")),
            });
        }
    }
    found
}

use Role::*;

/// Who may call each operation that needs a signed-in user, as the business wants it.
const GRANTS: &[(&str, &[Role])] = &[
    ("me", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_organisation", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_units", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_unit", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_unit", &[Admin]),
    ("update_unit", &[Admin]),
    ("list_users", &[Admin, Auditor]),
    ("get_user", &[Admin, Auditor]),
    ("create_user", &[Admin]),
    ("update_user", &[Admin]),
    ("disable_user", &[Admin]),
    ("enable_user", &[Admin]),
    ("reset_password", &[Admin]),
    ("list_audit_events", &[Admin, Auditor]),
    ("verify_chain", &[Admin, Auditor]),
    ("list_audit_checkpoints", &[Admin, Auditor]),
    ("sign_audit_checkpoint", &[Admin]),
    ("realisation_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("agreements_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("orders_by_state_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("owed_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("fairness_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("disclosure_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_open_data_settings", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("put_open_data_settings", &[Admin]),
    ("open_data_release_package", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("open_data_record_package", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("exceptions_report", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("import_history", &[Admin]),
    ("list_history_imports", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_history_record", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_checkpoint_key", &[Admin, Auditor]),
    ("list_presets", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_preset", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_regulations", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_regulation", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_regulation", &[Admin]),
    ("update_regulation", &[Admin]),
    ("list_policy_versions", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_current_policy_version", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_policy_version", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_policy_version", &[Admin]),
    ("update_policy_version", &[Admin]),
    ("list_press_companies", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_press_company", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_press_company", &[Admin, Verifier, Officer]),
    ("update_press_company", &[Admin, Verifier, Officer]),
    ("decide_press_company_status", &[Admin, Verifier]),
    ("list_press_council_records", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("record_press_council_check", &[Admin, Verifier, Officer]),
    ("list_bank_accounts", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_bank_account", &[Admin, Verifier, Officer]),
    ("verify_bank_account", &[Admin, Treasurer]),
    ("list_newsroom_people", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_outlets", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_outlet", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_outlet", &[Admin, Verifier, Officer]),
    ("update_outlet", &[Admin, Verifier, Officer]),
    ("judge_outlet_eligibility", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_newsroom_person", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_newsroom_person", &[Admin, Verifier, Officer]),
    ("update_newsroom_person", &[Admin, Verifier, Officer]),
    ("list_registration_windows", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_registration_window", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_registration_window", &[Admin]),
    ("update_registration_window", &[Admin]),
    ("list_applications", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_application", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_application_steps", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_application_readiness", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_application", &[Admin, Officer]),
    ("submit_application", &[Admin, Officer]),
    ("withdraw_application", &[Admin, Officer]),
    ("start_application_review", &[Admin, Verifier]),
    ("request_application_revision", &[Admin, Verifier]),
    ("verify_application", &[Admin, Verifier]),
    ("reject_application", &[Admin, Verifier]),
    ("approve_application", &[Admin]),
    ("lapse_applications", &[Admin]),
    ("score_application", &[Admin, Verifier]),
    ("list_application_documents", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("upload_application_document", &[Admin, Officer]),
    ("list_expiring_documents", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_application_document", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("download_application_document", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("review_application_document", &[Admin, Verifier]),
    ("get_site_visit", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_site_visit_by_id", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("record_site_visit", &[Admin, Verifier]),
    ("replace_site_visit", &[Admin, Verifier]),
    ("list_site_visit_photos", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("add_site_visit_photo", &[Admin, Verifier]),
    ("download_site_visit_photo", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_budget_lines", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_budget_line", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_budget_line_revisions", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_budget_summary", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_budget_line", &[Admin, Treasurer]),
    ("update_budget_line", &[Admin, Treasurer]),
    ("revise_budget_line", &[Admin, Treasurer]),
    ("list_agreements", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_agreement", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_agreement_amendments", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_agreement", &[Admin, Officer]),
    ("update_agreement", &[Admin, Officer]),
    ("amend_agreement", &[Admin, Officer]),
    ("activate_agreement", &[Admin, Officer]),
    ("complete_agreement", &[Admin, Officer]),
    ("terminate_agreement", &[Admin, Officer]),
    ("expire_agreement", &[Admin, Officer]),
    ("list_orders", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_order", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("issue_order", &[Admin, Officer]),
    ("accept_order", &[Admin, Officer]),
    ("decline_order", &[Admin, Officer]),
    ("cancel_order", &[Admin, Officer]),
    ("list_order_proofs", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_proof", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("submit_proof", &[Admin, Officer]),
    ("add_proof_file", &[Admin, Officer]),
    ("download_proof_file", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("review_proof", &[Admin, Verifier, Officer]),
    ("verify_order_proof", &[Admin, Verifier, Officer]),
    ("reject_order_proof", &[Admin, Verifier, Officer]),
    ("list_invoices", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_invoice", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_owed", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("record_invoice", &[Admin, Treasurer]),
    ("accept_invoice", &[Admin, Officer]),
    ("pay_invoice", &[Admin, Treasurer]),
    ("list_content_items", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("get_content_item", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("list_content_attachments", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("download_content_attachment", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("create_content_item", &[Admin, Officer]),
    ("update_content_item", &[Admin, Officer]),
    ("add_content_attachment", &[Admin, Officer]),
    ("get_letterhead", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("update_letterhead", &[Admin]),
    ("agreement_letter", &[Admin, Verifier, Officer, Treasurer, Auditor]),
    ("order_letter", &[Admin, Verifier, Officer, Treasurer, Auditor]),
];

/// Operations anyone may call, without a token.
const PUBLIC: &[&str] = &[
    "login",
    "refresh",
    "logout",
    "healthz",
    "readyz",
    "list_public_organisations",
    "get_public_organisation",
    "get_public_year",
];

/// A request that exercises an operation on `target`'s records: its path and body. `tag` keeps
/// the names it creates apart between callers. Operations that name a record of `target` in
/// their path or body say so with `names_record` and `references`.
struct Sample {
    path: String,
    body: Option<Value>,
    /// A form's file instead of a JSON body: its name and content.
    file: Option<(&'static str, Vec<u8>)>,
    /// A CSV file as the body.
    csv: Option<String>,
    names_record: bool,
    references: bool,
}

/// The records of `target` that operations act on: its unit, a user who is none of the callers
/// (disabling a caller would end their part in the walk), its policy version for this year (from
/// the OKI preset) and the regulation that brought, a press company with an online outlet, an
/// editor-in-chief and a bank account in its name, this year's call (a later revision of the
/// policy, and an open window), a draft application, and an application in review with a
/// document, a site visit and a photo. Steps that use an application up get a new one each.
struct Target<'a> {
    org: &'a TestOrg,
    subject: Uuid,
    policy_version: Uuid,
    regulation: Uuid,
    company: Uuid,
    outlet: Uuid,
    person: Uuid,
    bank_account: Uuid,
    window: Uuid,
    draft: Uuid,
    reviewed: Uuid,
    document: Uuid,
    visit: Uuid,
    photo: Uuid,
    /// A budget line with room, an agreement in draft and one active on it, and an order.
    budget_line: Value,
    approved: Value,
    draft_agreement: Uuid,
    agreement: Value,
    order: Uuid,
    /// A proof waiting for review, an invoice received, and a verified account of the company.
    proof: Uuid,
    /// A screenshot attached to that proof.
    proof_file: Uuid,
    invoice: Uuid,
    paid_into: Value,
    /// A press release with a file.
    content_item: Uuid,
    attachment: Uuid,
    /// A company of an earlier year, imported.
    history_company: Uuid,
}

/// A companies file of one earlier-year company whose NPWP `tag` makes unique.
fn history_companies(npwp: &str, tag: &str) -> String {
    format!("npwp,legal_name,eligible_from,eligible_until,verified_account\n{npwp},PT Arsip {tag},2021-01-01,,\n")
}

/// A company profile; `tag` makes its name and NPWP unique.
fn company_body(tag: u32) -> Value {
    json!({ "legal_name": format!("PT Media Uji {tag}"), "legal_form": "pt", "npwp": format!("01234567{tag:07}"),
            "staff_count": 6, "local_office": true })
}

async fn target<'a>(app: &TestApp, org: &'a TestOrg) -> Target<'a> {
    let admin = app.token(org, Admin);
    let id = |value: &Value| value["id"].as_str().unwrap().parse::<Uuid>().unwrap();
    let subject = json!({ "username": format!("{}.subject", org.slug), "full_name": "Subjek Uji", "role": "officer",
                           "password": "kopi-pagi-di-kayuagung" });
    let subject: Value = app.post(&admin, "/api/v1/users", &subject).await.json().await.unwrap();
    let version = json!({ "fiscal_year": this_year(), "preset": "oki" });
    let version: Value = app.post(&admin, "/api/v1/policy-versions", &version).await.json().await.unwrap();
    let company: Value = app.post(&admin, "/api/v1/press-companies", &company_body(1)).await.json().await.unwrap();
    let outlet = json!({ "company_id": company["id"], "media_type": "online", "name": format!("Berita {}", org.slug),
                         "scale": "local", "periodicity": "continuous", "first_published": "2020-01-15" });
    let outlet: Value = app.post(&admin, "/api/v1/outlets", &outlet).await.json().await.unwrap();
    let person = json!({ "company_id": company["id"], "fiscal_year": this_year(), "nik": "1602041506900003",
                         "full_name": "Pemimpin Redaksi", "role": "editor_in_chief", "competence_level": "utama" });
    let person: Value = app.post(&admin, "/api/v1/people", &person).await.json().await.unwrap();
    let account =
        json!({ "bank_name": "Bank Sumsel Babel", "account_number": "1234567890", "holder_name": "PT Media Uji 1" });
    let account_path = format!("/api/v1/press-companies/{}/bank-accounts", company["id"].as_str().unwrap());
    let account: Value = app.post(&admin, &account_path, &account).await.json().await.unwrap();
    let window = open_call(app, org).await;
    let draft = application_at(app, org, Stage::Draft).await;
    let reviewed = id_of(&application_at(app, org, Stage::InReview).await);
    let documents: Value =
        app.get(&admin, &format!("/api/v1/applications/{reviewed}/documents")).await.json().await.unwrap();
    let visit: Value = app
        .post(&admin, &format!("/api/v1/applications/{reviewed}/site-visit"), &visit("confirmed"))
        .await
        .json()
        .await
        .unwrap();
    let photo =
        reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(png()).file_name("kantor.png"));
    let photo: Value = app
        .request(Method::POST, &format!("/api/v1/applications/{reviewed}/site-visit/photos"))
        .bearer_auth(&admin)
        .multipart(photo)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let budget_line = crate::agreements::budget_line(app, org, 1_000_000_000).await;
    let approved = crate::agreements::approved(app, org).await;
    let draft_agreement = new_agreement(app, org, &budget_line, &approved, Signed::Draft, 10).await;
    // Room for every order the walk issues under it.
    let agreement = new_agreement(app, org, &budget_line, &approved, Signed::Active, 200).await;
    let order = new_order(app, org, &agreement).await;
    let (_, proof) = crate::finance::published_order(app, org, &agreement, "pending").await;
    let proof_file = crate::finance::attach_proof_file(app, &admin, &proof, png(), "tangkapan-layar.png").await;
    let proof_file: Value = proof_file.json().await.unwrap();
    let billed = crate::finance::verified_order(app, org, &agreement).await;
    let invoice = crate::finance::invoice(app, org, &agreement["company_id"], &[&billed], false).await;
    let holder = agreement["company_name"].as_str().unwrap();
    let paid_into = crate::finance::account(app, org, agreement["company_id"].as_str().unwrap(), holder, true).await;
    let item = crate::content::release(app, org, "Siaran pers uji").await;
    let admin_token = app.token(org, Admin);
    let settings =
        app.patch_like(Method::PUT, &admin_token, "/api/v1/open-data/settings", None, &open_data_settings(org)).await;
    assert_eq!(settings.status(), StatusCode::OK, "the open data settings");
    let attachment: Value =
        crate::content::attach(app, &admin_token, &item, pdf(2000), "rilis.pdf").await.json().await.unwrap();
    let imported =
        crate::history::import(app, org, "companies", &history_companies("1987654300000001", "target")).await;
    let batches: Value = app.get(&admin_token, "/api/v1/history/imports?limit=1").await.json().await.unwrap();
    assert_eq!(batches["items"][0]["id"], imported["id"]);
    let history_company = history_company_id(app, org).await;
    Target {
        history_company,
        content_item: id_of(&item),
        attachment: id_of(&attachment),
        proof: id_of(&proof),
        proof_file: id_of(&proof_file),
        invoice: id_of(&invoice),
        paid_into,
        budget_line,
        approved,
        draft_agreement: id(&draft_agreement),
        agreement,
        order,
        org,
        subject: id(&subject),
        policy_version: id(&version),
        regulation: version["regulation_id"].as_str().unwrap().parse().unwrap(),
        company: id(&company),
        outlet: id(&outlet),
        person: id(&person),
        bank_account: id(&account),
        window: id(&window),
        draft: id(&draft),
        reviewed,
        document: id(&documents[0]),
        visit: id(&visit),
        photo: id(&photo),
    }
}

/// Open data settings for `org`, with a prefix of its own.
fn open_data_settings(org: &TestOrg) -> Value {
    let prefix =
        format!("ocds-{:0>6}", org.slug.chars().filter(char::is_ascii_alphanumeric).take(6).collect::<String>());
    json!({ "ocid_prefix": prefix, "publisher_name": format!("Diskominfo {}", org.slug) })
}

/// The imported company's id, found in the database by its NPWP.
async fn history_company_id(app: &TestApp, org: &TestOrg) -> Uuid {
    mitra_persistence::testing::history_company_id(&app.store, org.id, "1987654300000001").await.unwrap()
}

/// An agreement for `approved` on `budget_line`: `quota` advertorials at the tier's maximum.
async fn new_agreement(
    app: &TestApp,
    org: &TestOrg,
    budget_line: &Value,
    approved: &Value,
    signed: Signed,
    quota: u32,
) -> Value {
    let ceiling = i64::from(quota) * TIER_A_ADVERTORIAL;
    let terms = crate::agreements::terms(budget_line, ceiling, vec![line("advertorial", quota, TIER_A_ADVERTORIAL)]);
    crate::agreements::agreement_for(app, org, approved, terms, signed).await
}

/// An order of one unit under `agreement`'s line.
async fn new_order(app: &TestApp, org: &TestOrg, agreement: &Value) -> Uuid {
    let officer = app.token(org, Officer);
    let line = agreement["lines"][0]["id"].as_str().unwrap();
    let response = crate::orders::issue(app, &officer, line, 1).await;
    assert_eq!(response.status(), StatusCode::CREATED, "the order");
    id_of(&response.json().await.unwrap())
}

/// The agreement or order a step uses up: a new one in the state the step leaves from.
async fn fresh_money_record(app: &TestApp, target: &Target<'_>, op: &str) -> Option<Uuid> {
    let org = target.org;
    match op {
        "activate_agreement" => {
            Some(id_of(&new_agreement(app, org, &target.budget_line, &target.approved, Signed::Draft, 10).await))
        }
        "complete_agreement" | "terminate_agreement" | "expire_agreement" | "amend_agreement" => {
            let agreement = new_agreement(app, org, &target.budget_line, &target.approved, Signed::Active, 10).await;
            if op == "expire_agreement" {
                // Its end date passed: set behind the server's back, found by its unique number.
                let yesterday = today() - chrono::Duration::days(1);
                app.tamper(&format!(
                    "UPDATE agreements SET starts_on = '{yesterday}', ends_on = '{yesterday}' WHERE number = '{}'",
                    agreement["number"].as_str().unwrap()
                ))
                .await;
            }
            Some(id_of(&agreement))
        }
        "accept_order" | "decline_order" | "cancel_order" => Some(new_order(app, org, &target.agreement).await),
        "submit_proof" => Some(id_of(&crate::finance::accepted_order(app, org, &target.agreement, 1).await)),
        "review_proof" => Some(id_of(&crate::finance::published_order(app, org, &target.agreement, "pending").await.1)),
        "verify_order_proof" => {
            Some(id_of(&crate::finance::published_order(app, org, &target.agreement, "verified").await.0))
        }
        "reject_order_proof" => {
            Some(id_of(&crate::finance::published_order(app, org, &target.agreement, "rejected").await.0))
        }
        "accept_invoice" | "pay_invoice" => {
            let billed = crate::finance::verified_order(app, org, &target.agreement).await;
            let accept = op == "pay_invoice";
            Some(id_of(&crate::finance::invoice(app, org, &target.agreement["company_id"], &[&billed], accept).await))
        }
        _ => None,
    }
}

/// The application a step uses up: a new one at the stage the step leaves from.
async fn fresh_application(app: &TestApp, target: &Target<'_>, op: &str) -> Option<Uuid> {
    let stage = match op {
        "submit_application" | "withdraw_application" => Stage::Draft,
        "start_application_review" => Stage::Submitted,
        "request_application_revision" | "reject_application" | "record_site_visit" => Stage::InReview,
        "verify_application" => Stage::Ready,
        "approve_application" => Stage::Verified,
        _ => return None,
    };
    Some(id_of(&application_at(app, target.org, stage).await))
}

/// A number for `tag`, to keep NPWPs, NIKs and account numbers apart between callers.
fn tag_number(tag: &str) -> u32 {
    tag.bytes().fold(7u32, |n, b| (n * 31 + u32::from(b)) % 90_000) + 10
}

async fn sample(app: &TestApp, op: &Operation, target: &Target<'_>, tag: &str) -> Sample {
    let org = target.org;
    let fresh = fresh_application(app, target, &op.id).await;
    let money = fresh_money_record(app, target, &op.id).await;
    let agreement = if op.id == "update_agreement" { target.draft_agreement } else { id_of(&target.agreement) };
    let record = [
        ("/api/v1/budget-lines/", id_of(&target.budget_line)),
        ("/api/v1/agreements/", money.unwrap_or(agreement)),
        ("/api/v1/orders/", money.unwrap_or(target.order)),
        ("/api/v1/proofs/", money.unwrap_or(target.proof)),
        ("/api/v1/invoices/", money.unwrap_or(target.invoice)),
        ("/api/v1/content-items/", target.content_item),
        ("/api/v1/content-attachments/", target.attachment),
        ("/api/v1/proof-files/", target.proof_file),
        ("/api/v1/applications/", fresh.unwrap_or(target.reviewed)),
        ("/api/v1/application-documents/", target.document),
        ("/api/v1/registration-windows/", target.window),
        ("/api/v1/site-visits/", target.visit),
        ("/api/v1/site-visit-photos/", target.photo),
        ("/api/v1/units/", org.unit_id),
        ("/api/v1/users/", target.subject),
        ("/api/v1/regulations/", target.regulation),
        ("/api/v1/policy-versions/", target.policy_version),
        ("/api/v1/press-companies/", target.company),
        ("/api/v1/outlets/", target.outlet),
        ("/api/v1/people/", target.person),
        ("/api/v1/bank-accounts/", target.bank_account),
        ("/api/v1/history/", target.history_company),
    ]
    .into_iter()
    .find(|(prefix, _)| op.path.starts_with(prefix));
    let path = match record {
        // Documents are handed in to the draft.
        Some(_) if op.id == "upload_application_document" => {
            op.path.replace("{id}", &target.draft.to_string()).replace("{requirement}", "surat_permohonan")
        }
        Some((_, id)) => op.path.replace("{id}", &id.to_string()),
        None => op.path.replace("{code}", "oki").replace("{fiscal_year}", &this_year().to_string()),
    };
    let path = path.replace("{kind}", "companies");
    let path = if [
        "get_current_policy_version",
        "get_budget_summary",
        "agreements_report",
        "orders_by_state_report",
        "owed_report",
        "disclosure_report",
        "exceptions_report",
    ]
    .contains(&op.id.as_str())
    {
        format!("{path}?fiscal_year={}", this_year())
    } else if ["realisation_report", "fairness_report"].contains(&op.id.as_str()) {
        format!("{path}?fiscal_year={}&by=outlet", this_year())
    } else {
        path
    };
    let names_record = record.is_some() && op.path.contains("{id}");
    let (body, references) = match op.id.as_str() {
        "login" => (
            Some(json!({ "username": org.username(Officer), "password": PASSWORD, "refresh_token_delivery": "body" })),
            false,
        ),
        "refresh" | "logout" => {
            let pair = app.login(&org.username(Treasurer)).await;
            (Some(json!({ "refresh_token": pair["refresh_token"] })), false)
        }
        "create_unit" => (Some(json!({ "code": format!("U-{tag}"), "name": "Bagian Protokol" })), false),
        "update_unit" => (Some(json!({ "name": format!("Dinas Kominfo {tag}") })), false),
        "create_user" => (
            Some(json!({ "username": format!("made.by.{tag}"), "full_name": "Rina Marlina", "role": "officer",
                         "unit_id": org.unit_id, "password": "kopi-pagi-di-kayuagung" })),
            true,
        ),
        "update_user" => (Some(json!({ "full_name": format!("Edited by {tag}") })), false),
        "reset_password" => (Some(json!({ "new_password": "pempek-kapal-selam-2026" })), false),
        "create_regulation" | "update_regulation" => (
            Some(json!({ "kind": "sk", "number": format!("{}/KPTS/{tag}", op.method), "year": 2025,
                         "title": "Standar harga satuan belanja publikasi" })),
            false,
        ),
        "create_policy_version" => {
            (Some(json!({ "fiscal_year": this_year() + 1, "copy_of": target.policy_version })), true)
        }
        "update_policy_version" => (
            Some(json!({ "policy": { "accepted_legal_forms": ["pt", "pt_perorangan", "yayasan", "koperasi"] } })),
            false,
        ),
        "create_press_company" => (Some(company_body(tag_number(tag))), false),
        "update_press_company" => (Some(company_body(1)), false),
        "decide_press_company_status" => {
            (Some(json!({ "status": "suspended", "reason": "Pemeriksaan Inspektorat" })), false)
        }
        "record_press_council_check" => (
            Some(json!({ "status": "administratively_verified", "certificate_number": "123/DP-Terverifikasi/2024",
                         "valid_until": "2029-05-01", "evidence": "https://dewanpers.or.id/data/perusahaanpers" })),
            false,
        ),
        "create_bank_account" => (
            Some(json!({ "bank_name": "Bank Sumsel Babel", "account_number": format!("55500{}", tag_number(tag)),
                         "holder_name": "PT Media Uji 1" })),
            false,
        ),
        "create_outlet" | "update_outlet" => (
            Some(
                json!({ "company_id": target.company, "media_type": "print", "name": format!("Koran {} {tag}", op.method),
                         "scale": "provincial", "periodicity": "daily" }),
            ),
            true,
        ),
        "create_newsroom_person" => (
            Some(json!({ "company_id": target.company, "fiscal_year": this_year(),
                         "nik": format!("16020415069{:05}", tag_number(tag)), "full_name": "Wartawan Uji", "role": "journalist" })),
            true,
        ),
        "update_newsroom_person" => (
            Some(json!({ "full_name": "Pemimpin Redaksi", "role": "editor_in_chief", "competence_level": "utama" })),
            false,
        ),
        "create_registration_window" | "update_registration_window" => (
            Some(
                json!({ "fiscal_year": this_year(), "opens_on": today(), "closes_on": today() + chrono::Duration::days(14) }),
            ),
            false,
        ),
        "create_application" => {
            let outlet = crate::applications::applicant(app, org).await;
            (Some(json!({ "outlet_id": outlet["id"], "fiscal_year": this_year() })), true)
        }
        "request_application_revision" | "reject_application" => {
            (Some(json!({ "reason": "Berkas tidak lengkap" })), false)
        }
        "lapse_applications" => {
            // An application of a year gone by, for the lapse to close.
            let past = application_at(app, org, Stage::Draft).await;
            let outlet = past["outlet_name"].as_str().unwrap();
            // Ids are text on PostgreSQL and bytes on SQLite: the row is found by its outlet's name.
            app.tamper(&format!(
                "UPDATE applications SET fiscal_year = {} WHERE outlet_id = (SELECT id FROM outlets WHERE name = '{outlet}')",
                this_year() - 1
            ))
            .await;
            (Some(json!({ "fiscal_year": this_year() - 1 })), false)
        }
        "score_application" => (Some(answers()), false),
        "review_application_document" => (Some(json!({ "review": "accepted" })), false),
        "record_site_visit" | "replace_site_visit" => (Some(visit("confirmed")), false),
        "create_budget_line" => (
            Some(
                json!({ "unit_id": org.unit_id, "fiscal_year": this_year(), "account_code": format!("5.1.02.{}", tag_number(tag)),
                         "name": "Belanja Jasa Iklan", "ceiling": crate::agreements::rp(50_000_000) }),
            ),
            true,
        ),
        "update_budget_line" => (Some(json!({ "name": format!("Belanja Jasa Iklan {tag}") })), false),
        "revise_budget_line" => {
            (Some(json!({ "ceiling": crate::agreements::rp(1_000_000_000), "reason": "APBD Perubahan" })), false)
        }
        "create_agreement" => {
            let terms = crate::agreements::terms(
                &target.budget_line,
                TIER_A_ADVERTORIAL,
                vec![line("advertorial", 1, TIER_A_ADVERTORIAL)],
            );
            (Some(json!({ "application_id": target.agreement["application_id"], "terms": terms })), true)
        }
        "update_agreement" => (
            Some(crate::agreements::terms(
                &target.budget_line,
                10 * TIER_A_ADVERTORIAL,
                vec![line("advertorial", 10, TIER_A_ADVERTORIAL)],
            )),
            false,
        ),
        "amend_agreement" => {
            let terms = crate::agreements::terms(
                &target.budget_line,
                10 * TIER_A_ADVERTORIAL,
                vec![line("advertorial", 11, TIER_A_ADVERTORIAL)],
            );
            (Some(json!({ "reason": "Adendum kuota", "terms": terms })), false)
        }
        "terminate_agreement" => (Some(json!({ "ground": "mutual_consent", "reason": "Kesepakatan bersama" })), false),
        "issue_order" => {
            let line = target.agreement["lines"][0]["id"].as_str().unwrap();
            (Some(crate::orders::order_body(line, 1)), true)
        }
        "decline_order" | "cancel_order" => (Some(json!({ "reason": "Jadwal berubah" })), false),
        "submit_proof" => (Some(crate::finance::url_proof(1, true)), false),
        "review_proof" => (Some(json!({ "status": "verified" })), false),
        "reject_order_proof" => (Some(json!({ "reason": "Tayangkan ulang" })), false),
        "record_invoice" => {
            let billed = crate::finance::verified_order(app, org, &target.agreement).await;
            let number = format!("INV/{tag}/{}", Uuid::new_v4().simple());
            (Some(crate::finance::invoice_body(&target.agreement["company_id"], &number, &[&billed])), true)
        }
        "pay_invoice" => (Some(crate::finance::payment_body(&target.paid_into)), false),
        "put_open_data_settings" => (Some(open_data_settings(org)), false),
        "create_content_item" | "update_content_item" => (
            Some(
                json!({ "kind": "material", "title": format!("Materi ILM {tag}"), "body": "Naskah iklan layanan masyarakat.",
                         "released_on": today() }),
            ),
            false,
        ),
        "update_letterhead" => (
            Some(json!({ "government": "PEMERINTAH KABUPATEN OGAN KOMERING ILIR", "office": format!("DINAS {tag}"),
                         "address": "Jalan Letnan Mukhtar Saleh, Kayuagung", "city": "Kayuagung",
                         "signatory_name": "Kepala Dinas", "signatory_title": "Kepala Dinas Kominfo" })),
            false,
        ),
        _ if op.method == Method::POST || op.method == Method::PATCH => (Some(json!({})), false),
        _ => (None, false),
    };
    let file = match op.id.as_str() {
        "upload_application_document" => Some(("surat.pdf", pdf(2000))),
        "add_site_visit_photo" => Some(("kantor.png", png())),
        "add_content_attachment" => Some(("materi.pdf", pdf(1500))),
        "add_proof_file" => Some(("tangkapan-layar.pdf", pdf(1700))),
        _ => None,
    };
    let csv = (op.id == "import_history").then(|| history_companies(&format!("09876543{:07}", tag_number(tag)), tag));
    let body = if file.is_some() || csv.is_some() { None } else { body };
    Sample { path, body, file, csv, names_record, references }
}

/// Sends the sample as the holder of `token`, reading the current version first for an update,
/// as a client would.
async fn send(app: &TestApp, op: &Operation, sample: &Sample, token: Option<&str>) -> reqwest::Response {
    let mut request = app.request(op.method.clone(), &sample.path);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if op.conditional {
        // The record changed is the path up to its id: `/press-companies/{id}/status` changes
        // `/press-companies/{id}`.
        let id_end = sample.path.match_indices('/').nth(4).map_or(sample.path.len(), |(at, _)| at);
        let reader = app.token(&app.alpha, Admin);
        let record = &sample.path[..id_end];
        let current: Value = app.get(token.unwrap_or(&reader), record).await.json().await.unwrap_or_default();
        request = request.header("If-Match", format!("\"{}\"", current["version"].as_i64().unwrap_or(1)));
    }
    if op.method == Method::POST {
        // Every POST accepts a key, and money-moving ones need it: the walk sends a new one each.
        request = request.header("Idempotency-Key", Uuid::new_v4().to_string());
    }
    if let Some(body) = &sample.body {
        request = request.json(body);
    }
    if let Some(csv) = &sample.csv {
        request = request.header("Content-Type", "text/csv").body(csv.clone());
    }
    if let Some((name, content)) = &sample.file {
        let part = reqwest::multipart::Part::bytes(content.clone()).file_name(*name);
        request = request.multipart(reqwest::multipart::Form::new().part("file", part));
    }
    request.send().await.unwrap()
}

#[test]
fn every_operation_of_the_spec_has_its_expected_access_written_here() {
    let mut missing = Vec::new();
    for op in operations() {
        let written = GRANTS.iter().any(|(id, _)| *id == op.id) || PUBLIC.contains(&op.id.as_str());
        if !written {
            missing.push(format!("{} {} ({})", op.method, op.path, op.id));
        }
        assert_eq!(op.public, PUBLIC.contains(&op.id.as_str()), "{} must be public exactly when listed so", op.id);
    }
    assert!(missing.is_empty(), "add these operations to GRANTS or PUBLIC: {missing:?}");
}

#[tokio::test]
async fn every_role_may_call_exactly_the_operations_granted_to_it() {
    let app = spawn().await;
    let alpha = target(&app, &app.alpha).await;
    let grants: BTreeMap<&str, &[Role]> = GRANTS.iter().copied().collect();
    for op in operations().into_iter().filter(|op| !op.public) {
        for role in Role::ALL {
            let token = app.token(&app.alpha, role);
            let sample = sample(&app, &op, &alpha, role.as_str()).await;
            let status = send(&app, &op, &sample, Some(&token)).await.status();
            if grants[op.id.as_str()].contains(&role) {
                assert!(status.is_success(), "{role} may {} ({} {}), got {status}", op.id, op.method, sample.path);
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role} may not {}", op.id);
            }
        }
        let anonymous = send(&app, &op, &sample(&app, &op, &alpha, "anonymous").await, None).await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{} without a token", op.id);
    }
}

#[tokio::test]
async fn another_organisation_reaches_none_of_alphas_records() {
    let app = spawn().await;
    let alpha = target(&app, &app.alpha).await;
    // Beta publishes open data too: its packages are its own, empty, not a refusal.
    let beta_admin = app.token(&app.beta, Admin);
    assert_eq!(
        app.patch_like(Method::PUT, &beta_admin, "/api/v1/open-data/settings", None, &open_data_settings(&app.beta))
            .await
            .status(),
        StatusCode::OK
    );
    let alpha_ids: Vec<String> = app
        .alpha
        .users
        .iter()
        .map(|(_, id)| *id)
        .chain([alpha.subject, app.alpha.unit_id])
        .map(|id| id.to_string())
        .collect();
    for op in operations().into_iter().filter(|op| !op.public) {
        let role = GRANTS.iter().find(|(id, _)| *id == op.id).map(|(_, roles)| roles[0]).unwrap();
        let token = app.token(&app.beta, role);
        let sample = sample(&app, &op, &alpha, "beta").await;
        // Samples may make records of alpha's to act on; what beta does must change none.
        let alpha_head = app.audit_head(&app.alpha).await;
        let response = send(&app, &op, &sample, Some(&token)).await;
        assert_eq!(app.audit_head(&app.alpha).await, alpha_head, "{} by beta changed nothing of alpha's", op.id);
        let status = response.status();
        let text = response.text().await.unwrap();
        if sample.names_record {
            assert_eq!(status, StatusCode::NOT_FOUND, "{} of alpha's record by beta: {text}", op.id);
        } else if sample.references {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{} naming alpha's record by beta: {text}", op.id);
        } else {
            // Beta's own answer: its records, or none (it has no policy of its own here).
            assert!(status.is_success() || status == StatusCode::NOT_FOUND, "{} by beta: {status} {text}", op.id);
            for id in &alpha_ids {
                assert!(!text.contains(id.as_str()), "{} shows beta alpha's {id}", op.id);
            }
            assert!(!text.contains("alpha."), "{} shows beta alpha's users", op.id);
        }
    }
    assert_eq!(app.login_response("alpha.officer", PASSWORD).await.status(), StatusCode::OK, "nor alpha's officer");
}

#[tokio::test]
async fn every_successful_change_moves_the_audit_head_unless_declared_not_audited() {
    let app = spawn().await;
    let alpha = target(&app, &app.alpha).await;
    let changes = operations().into_iter().filter(|op| op.method != Method::GET);
    for op in changes {
        let token = app.token(&app.alpha, Admin);
        let sample = sample(&app, &op, &alpha, "audit").await;
        let before = app.audit_head(&app.alpha).await;
        let response = send(&app, &op, &sample, Some(&token)).await;
        assert!(response.status().is_success(), "{} answered {}", op.id, response.status());
        let after = app.audit_head(&app.alpha).await;
        if op.not_audited {
            assert_eq!(after, before, "{} is declared not audited", op.id);
        } else {
            assert!(after > before, "{} changed data without an audit event", op.id);
        }
    }
}
