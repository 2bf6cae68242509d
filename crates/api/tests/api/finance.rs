//! Proofs and money over HTTP (business rules 5, 6, 8 and 9): no verified proof, no invoice; pay =
//! verified quantity x unit price; taxes from the snapshots of the invoice and payment day; a
//! proof backs one order; an invoice number is the company's once; nothing is paid twice, and
//! only into the company's verified account.
//!
//! The fixtures here carry an order to any point of its life; the operation walk uses them too.

use chrono::Datelike;
use mitra_domain::access::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::agreements::{Signed, TIER_A_ADVERTORIAL, agreement_at, amount, get};
use crate::applications::{open_call, pdf, this_year, today};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};
use crate::orders::{issue, order_step};

/// A web page proof of `quantity` units at a new address with a new content hash.
pub fn url_proof(quantity: u32, labelled: bool) -> Value {
    let page = Uuid::new_v4();
    json!({ "kind": "url", "quantity": quantity, "paid_content_labelled": labelled,
            "url": format!("https://sumselnews.id/advertorial/{page}"), "captured_at": chrono::Utc::now(),
            "content_sha256": format!("{:032x}{:032x}", page.as_u128(), Uuid::new_v4().as_u128()) })
}

async fn read(response: Response, what: &str) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or_default();
    assert!(status.is_success(), "{what}: {status} {body}");
    body
}

/// A new order of `quantity` under `agreement`'s first line, accepted by the company.
pub async fn accepted_order(app: &TestApp, org: &TestOrg, agreement: &Value, quantity: u32) -> Value {
    let officer = app.token(org, Role::Officer);
    let line = agreement["lines"][0]["id"].as_str().unwrap();
    let order = read(issue(app, &officer, line, quantity).await, "the order").await;
    read(order_step(app, &officer, &order, "accept", json!({})).await, "the acceptance").await
}

pub async fn submit(app: &TestApp, org: &TestOrg, order: &Value, proof: &Value) -> Response {
    let path = format!("/api/v1/orders/{}/proofs", order["id"].as_str().unwrap());
    app.post(&app.token(org, Role::Officer), &path, proof).await
}

/// Attaches `content` as a file of `proof`, as the holder of `token`.
pub async fn attach_proof_file(app: &TestApp, token: &str, proof: &Value, content: Vec<u8>, name: &str) -> Response {
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(content).file_name(name.to_owned()));
    let path = format!("/api/v1/proofs/{}/files", proof["id"].as_str().unwrap());
    app.request(Method::POST, &path).bearer_auth(token).multipart(form).send().await.unwrap()
}

/// A short MP3 whose ID3 tag carries `title`, so that each title is other content.
fn mp3(title: &str) -> Vec<u8> {
    let mut recording = b"ID3\x04\0\0\0\0\0\x00".to_vec();
    recording.extend_from_slice(title.as_bytes());
    for _ in 0..4 {
        recording.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        recording.extend(std::iter::repeat_n(0u8, 413));
    }
    recording
}

pub async fn review(app: &TestApp, org: &TestOrg, proof: &Value, body: Value) -> Response {
    let path = format!("/api/v1/proofs/{}/review", proof["id"].as_str().unwrap());
    app.patch_like(Method::POST, &app.token(org, Role::Verifier), &path, proof["version"].as_i64(), &body).await
}

/// Decides the order's proof (`verify-proof` or `reject-proof`) at its current version.
pub async fn decide(app: &TestApp, org: &TestOrg, order_id: &str, step: &str, body: Value) -> Response {
    let order = get(app, org, &format!("/api/v1/orders/{order_id}")).await;
    let path = format!("/api/v1/orders/{order_id}/{step}");
    app.patch_like(Method::POST, &app.token(org, Role::Verifier), &path, order["version"].as_i64(), &body).await
}

/// An accepted order of `quantity` with one handed-in proof (of `shown` units), reviewed as
/// `review` (`pending` leaves it waiting); returns the order and the proof.
pub async fn published_order(app: &TestApp, org: &TestOrg, agreement: &Value, review_as: &str) -> (Value, Value) {
    let order = accepted_order(app, org, agreement, 1).await;
    let proof = read(submit(app, org, &order, &url_proof(1, true)).await, "the proof").await;
    let proof = match review_as {
        "pending" => proof,
        "verified" => read(review(app, org, &proof, json!({ "status": "verified" })).await, "the review").await,
        _ => {
            read(
                review(app, org, &proof, json!({ "status": "rejected", "note": "Tautan tidak memuat advertorial" }))
                    .await,
                "the review",
            )
            .await
        }
    };
    (get(app, org, &format!("/api/v1/orders/{}", order["id"].as_str().unwrap())).await, proof)
}

/// An order of one unit carried to a verified proof.
pub async fn verified_order(app: &TestApp, org: &TestOrg, agreement: &Value) -> Value {
    let (order, _) = published_order(app, org, agreement, "verified").await;
    read(decide(app, org, order["id"].as_str().unwrap(), "verify-proof", json!({})).await, "the verification").await
}

/// The body of an invoice numbered `number` for `orders` of `company_id`, dated today.
pub fn invoice_body(company_id: &Value, number: &str, orders: &[&Value]) -> Value {
    json!({ "company_id": company_id, "number": number, "invoice_date": today(),
            "order_ids": orders.iter().map(|order| order["id"].clone()).collect::<Vec<_>>() })
}

/// Posts as the treasurer with a new idempotency key.
pub async fn treasurer_post(app: &TestApp, org: &TestOrg, path: &str, body: &Value) -> Response {
    app.request(Method::POST, path)
        .bearer_auth(app.token(org, Role::Treasurer))
        .header("Idempotency-Key", Uuid::new_v4().to_string())
        .json(body)
        .send()
        .await
        .unwrap()
}

/// An invoice for `orders`, accepted (BAST) when asked.
pub async fn invoice(app: &TestApp, org: &TestOrg, company_id: &Value, orders: &[&Value], accept: bool) -> Value {
    let number = format!("INV/{}", Uuid::new_v4().simple());
    let invoice = read(
        treasurer_post(app, org, "/api/v1/invoices", &invoice_body(company_id, &number, orders)).await,
        "the invoice",
    )
    .await;
    if !accept {
        return invoice;
    }
    let path = format!("/api/v1/invoices/{}/accept", invoice["id"].as_str().unwrap());
    let officer = app.token(org, Role::Officer);
    read(app.patch_like(Method::POST, &officer, &path, invoice["version"].as_i64(), &json!({})).await, "the acceptance")
        .await
}

/// A bank account of the company in its legal name, verified by the treasurer when asked.
pub async fn account(app: &TestApp, org: &TestOrg, company_id: &str, holder: &str, verified: bool) -> Value {
    let admin = app.token(org, Role::Admin);
    let number = format!("7{}", Uuid::new_v4().as_u128() % 1_000_000_000_000);
    let body = json!({ "bank_name": "Bank Sumsel Babel", "account_number": number, "holder_name": holder });
    let path = format!("/api/v1/press-companies/{company_id}/bank-accounts");
    let created = read(app.post(&admin, &path, &body).await, "the account").await;
    if !verified {
        return created;
    }
    let path = format!("/api/v1/bank-accounts/{}/verification", created["id"].as_str().unwrap());
    let treasurer = app.token(org, Role::Treasurer);
    read(app.request(Method::POST, &path).bearer_auth(treasurer).send().await.unwrap(), "the verification").await
}

pub fn payment_body(account: &Value) -> Value {
    json!({ "sp2d_number": format!("SP2D/{}", Uuid::new_v4().simple()), "sp2d_date": today(),
            "bank_account_id": account["id"], "withholding_slip_number": "BP23-000123" })
}

#[tokio::test]
async fn an_order_is_paid_for_what_its_verified_proofs_show_with_taxes_from_the_day_snapshots() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let company_id = agreement["company_id"].clone();
    let company_name = agreement["company_name"].as_str().unwrap().to_owned();
    // VAT-registered since long before the invoice.
    app.tamper(&format!(
        "UPDATE press_companies SET vat_registered_since = '2020-01-01' WHERE legal_name = '{company_name}'"
    ))
    .await;

    // Three ordered, two shown: one page proves two postings, another one more but unlabelled.
    let order = accepted_order(&app, org, &agreement, 3).await;
    let order_id = order["id"].as_str().unwrap().to_owned();
    let shown = read(submit(&app, org, &order, &url_proof(2, true)).await, "the proof").await;
    let unlabelled = read(submit(&app, org, &order, &url_proof(1, false)).await, "the second proof").await;
    let published = get(&app, org, &format!("/api/v1/orders/{order_id}")).await;
    assert_eq!(
        (published["state"].as_str(), published["published_on"].as_str()),
        (Some("published"), Some(today().to_string().as_str()))
    );
    assert_problem(
        decide(&app, org, &order_id, "verify-proof", json!({})).await,
        StatusCode::CONFLICT,
        "proofs_pending",
    )
    .await;
    assert_problem(
        review(&app, org, &unlabelled, json!({ "status": "verified" })).await,
        StatusCode::CONFLICT,
        "paid_content_not_labelled",
    )
    .await;
    let refused = review(&app, org, &unlabelled, json!({ "status": "rejected" })).await;
    assert_eq!(
        assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await["errors"][0]["field"],
        "note"
    );
    read(
        review(&app, org, &unlabelled, json!({ "status": "rejected", "note": "Tidak berlabel iklan" })).await,
        "rejection",
    )
    .await;
    let treasurer_review = app
        .patch_like(
            Method::POST,
            &app.token(org, Role::Treasurer),
            &format!("/api/v1/proofs/{}/review", shown["id"].as_str().unwrap()),
            shown["version"].as_i64(),
            &json!({ "status": "verified" }),
        )
        .await;
    assert_eq!(treasurer_review.status(), StatusCode::FORBIDDEN, "who pays does not judge proofs");
    read(review(&app, org, &shown, json!({ "status": "verified" })).await, "verification").await;

    // No verified proof, no invoice.
    let early =
        treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/001", &[&published])).await;
    assert_eq!(
        assert_problem(early, StatusCode::BAD_REQUEST, "validation_failed").await["errors"][0]["field"],
        "order_ids[0]"
    );

    let verified = read(decide(&app, org, &order_id, "verify-proof", json!({})).await, "the order's proof").await;
    assert_eq!((verified["state"].as_str(), verified["verified_quantity"].as_u64()), (Some("proof_verified"), Some(2)));
    // The unshown unit is no longer committed.
    let now = get(&app, org, &format!("/api/v1/agreements/{}", agreement["id"].as_str().unwrap())).await;
    assert_eq!(amount(&now["committed"]), 2 * TIER_A_ADVERTORIAL);
    assert_eq!(now["lines"][0]["ordered"], 2);
    let owed = get(&app, org, "/api/v1/finance/owed").await;
    assert_eq!(owed.as_array().unwrap().len(), 1);
    assert_eq!((amount(&owed[0]["amount"]), owed[0]["age_days"].as_i64()), (2 * TIER_A_ADVERTORIAL, Some(0)));

    // Pay = verified quantity x unit price; the agreed price included VAT: 11 % inside it.
    let invoice_value = read(
        treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/001", &[&verified])).await,
        "invoice",
    )
    .await;
    assert_eq!(invoice_value["vat_registered"], true);
    assert_eq!(amount(&invoice_value["amount"]), 4_000_000);
    assert_eq!(
        (amount(&invoice_value["vat"]), amount(&invoice_value["base"]), amount(&invoice_value["gross"])),
        (396_396, 3_603_604, 4_000_000)
    );
    assert_eq!(invoice_value["stamp_duty"], false, "Rp 4.000.000 is under the threshold");
    assert_eq!(invoice_value["lines"][0]["quantity"], 2);
    let next = verified_order(&app, org, &agreement).await;
    let again = treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/001", &[&next])).await;
    assert_problem(again, StatusCode::CONFLICT, "invoice_number_taken").await;
    let billed =
        treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/002", &[&verified])).await;
    assert_eq!(
        assert_problem(billed, StatusCode::BAD_REQUEST, "validation_failed").await["errors"][0]["field"],
        "order_ids[0]",
        "billed once"
    );
    let invoice_path = format!("/api/v1/invoices/{}", invoice_value["id"].as_str().unwrap());

    // No acceptance, no payment; only a verified account of the company.
    let unverified = account(&app, org, company_id.as_str().unwrap(), &company_name, false).await;
    let verified_account = account(&app, org, company_id.as_str().unwrap(), &company_name, true).await;
    let pay_path = format!("{invoice_path}/payments");
    assert_problem(
        treasurer_post(&app, org, &pay_path, &payment_body(&verified_account)).await,
        StatusCode::CONFLICT,
        "invoice_not_accepted",
    )
    .await;
    let accepted = read(
        app.patch_like(
            Method::POST,
            &app.token(org, Role::Officer),
            &format!("{invoice_path}/accept"),
            invoice_value["version"].as_i64(),
            &json!({}),
        )
        .await,
        "acceptance",
    )
    .await;
    let month = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][today().month0() as usize];
    assert_eq!(accepted["acceptance_number"], format!("0001/BAST/DISKOMINFO/{month}/{}", this_year()));
    assert_problem(
        treasurer_post(&app, org, &pay_path, &payment_body(&unverified)).await,
        StatusCode::CONFLICT,
        "account_not_verified",
    )
    .await;
    let officer_pays = app
        .request(Method::POST, &pay_path)
        .bearer_auth(app.token(org, Role::Officer))
        .header("Idempotency-Key", "officer-1")
        .json(&payment_body(&verified_account))
        .send()
        .await
        .unwrap();
    assert_eq!(officer_pays.status(), StatusCode::FORBIDDEN, "who orders does not pay");
    let keyless = app.post(&app.token(org, Role::Treasurer), &pay_path, &payment_body(&verified_account)).await;
    assert_problem(keyless, StatusCode::PRECONDITION_REQUIRED, "idempotency_key_required").await;

    let paid = read(treasurer_post(&app, org, &pay_path, &payment_body(&verified_account)).await, "payment").await;
    assert_eq!(paid["state"], "paid");
    let payment = &paid["payment"];
    // PPh 23: 2 % of the amount before VAT, rounded down: 72.072,08.
    assert_eq!(
        (amount(&payment["gross"]), amount(&payment["pph23"]), amount(&payment["net"])),
        (4_000_000, 72_072, 3_927_928)
    );
    assert_eq!(payment["pph23_bp"], 200);
    assert_eq!(payment["holder_name"], company_name.as_str(), "the account as it was, kept with the payment");
    assert_problem(
        treasurer_post(&app, org, &pay_path, &payment_body(&verified_account)).await,
        StatusCode::CONFLICT,
        "invoice_already_paid",
    )
    .await;

    let order_now = get(&app, org, &format!("/api/v1/orders/{order_id}")).await;
    assert_eq!(order_now["state"], "paid");
    let agreement_now = get(&app, org, &format!("/api/v1/agreements/{}", agreement["id"].as_str().unwrap())).await;
    // What stays committed is the next order, verified and not yet billed.
    assert_eq!(
        (amount(&agreement_now["committed"]), amount(&agreement_now["realised"])),
        (TIER_A_ADVERTORIAL, 4_000_000)
    );
    let budget_now = &agreement_now["budget_line"];
    assert_eq!((amount(&budget_now["committed"]), amount(&budget_now["realised"])), (TIER_A_ADVERTORIAL, 4_000_000));
    let owed = get(&app, org, "/api/v1/finance/owed").await;
    assert!(
        owed.as_array().unwrap().iter().all(|item| item["order_id"].as_str() != Some(order_id.as_str())),
        "nothing owed once paid"
    );
}

#[tokio::test]
async fn a_proof_backs_one_order_and_a_rejected_proof_is_handed_in_again() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let first = accepted_order(&app, org, &agreement, 1).await;
    let second = accepted_order(&app, org, &agreement, 1).await;
    let proof = url_proof(1, true);
    let kept = read(submit(&app, org, &first, &proof).await, "the first order's proof").await;
    // The same page, however its address is written, cannot back the second order.
    let mut same_page = proof.clone();
    same_page["url"] =
        json!(proof["url"].as_str().unwrap().replace("https://sumselnews", "http://www.SumselNews") + "/");
    same_page["content_sha256"] = json!("f".repeat(64));
    let problem =
        assert_problem(submit(&app, org, &second, &same_page).await, StatusCode::CONFLICT, "proof_reused").await;
    assert!(
        problem["detail"].as_str().unwrap().contains(first["number"].as_str().unwrap()),
        "names the other order: {problem}"
    );
    let mut same_content = url_proof(1, true);
    same_content["content_sha256"] = proof["content_sha256"].clone();
    assert_problem(submit(&app, org, &second, &same_content).await, StatusCode::CONFLICT, "proof_reused").await;
    assert_problem(
        submit(&app, org, &second, &json!({ "kind": "clipping", "quantity": 1 })).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;

    // Rejected, the page is freed and the order's proof can be rejected and handed in again.
    read(
        review(&app, org, &kept, json!({ "status": "rejected", "note": "Bukan advertorial pesanan ini" })).await,
        "rejection",
    )
    .await;
    let first_id = first["id"].as_str().unwrap();
    assert_problem(
        decide(&app, org, first_id, "reject-proof", json!({})).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    let rejected = read(
        decide(&app, org, first_id, "reject-proof", json!({ "reason": "Tayangkan ulang sesuai pesanan" })).await,
        "the decision",
    )
    .await;
    assert_eq!(rejected["state"], "proof_rejected");
    assert_eq!(read(submit(&app, org, &second, &proof).await, "the freed page").await["order_id"], second["id"]);
    let again = read(submit(&app, org, &rejected, &url_proof(1, true)).await, "a new proof").await;
    assert_eq!(again["status"], "pending");
    assert_eq!(get(&app, org, &format!("/api/v1/orders/{first_id}")).await["state"], "published");
    let proofs = get(&app, org, &format!("/api/v1/orders/{first_id}/proofs")).await;
    assert_eq!(proofs.as_array().unwrap().len(), 2);
    // A cancelled order takes no proof.
    let issued = read(
        issue(&app, &app.token(org, Role::Officer), agreement["lines"][0]["id"].as_str().unwrap(), 1).await,
        "order",
    )
    .await;
    assert_problem(submit(&app, org, &issued, &url_proof(1, true)).await, StatusCode::CONFLICT, "proofs_closed").await;
}

#[tokio::test]
async fn a_rejected_proof_frees_its_address_only_when_no_other_proof_of_the_order_shows_it() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let order = accepted_order(&app, org, &agreement, 2).await;
    let page = url_proof(1, true);
    let first = read(submit(&app, org, &order, &page).await, "the first proof").await;
    let mut same_page = url_proof(1, true);
    same_page["url"] = page["url"].clone();
    read(submit(&app, org, &order, &same_page).await, "a second proof of the same page").await;
    let note = json!({ "status": "rejected", "note": "Tangkapan layar terpotong" });
    read(review(&app, org, &first, note).await, "the rejection").await;

    // The second proof still shows the page, so it still backs this order and no other.
    let other = accepted_order(&app, org, &agreement, 1).await;
    let mut reused = url_proof(1, true);
    reused["url"] = page["url"].clone();
    let problem = assert_problem(submit(&app, org, &other, &reused).await, StatusCode::CONFLICT, "proof_reused").await;
    assert!(problem["detail"].as_str().unwrap().contains(order["number"].as_str().unwrap()), "{problem}");
}

#[tokio::test]
async fn a_clipping_is_verified_with_its_scan_and_a_broadcast_with_its_recording_and_one_file_backs_one_order() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let officer = app.token(org, Role::Officer);
    let clipping = |page: &str| {
        json!({ "kind": "clipping", "quantity": 1, "paid_content_labelled": true, "edition": "Edisi 1204",
                "published_on": today(), "page": page })
    };
    let first = accepted_order(&app, org, &agreement, 1).await;
    let proof = read(submit(&app, org, &first, &clipping("7")).await, "the clipping").await;
    assert_eq!(proof["evidence_required"], true);
    assert_eq!(proof["evidence_types"], json!(["pdf", "jpeg", "png"]));
    assert_eq!(proof["files"], json!([]));

    // Without its scan the clipping is only a claim: not verified, and nothing changes.
    assert_problem(
        review(&app, org, &proof, json!({ "status": "verified" })).await,
        StatusCode::CONFLICT,
        "proof_evidence_missing",
    )
    .await;
    let path = format!("/api/v1/proofs/{}", proof["id"].as_str().unwrap());
    let unchanged = get(&app, org, &path).await;
    assert_eq!(
        (unchanged["status"].clone(), unchanged["version"].clone()),
        (json!("pending"), proof["version"].clone())
    );

    // A recording is not a scan; the treasurer and the auditor hand in nothing.
    let refused = attach_proof_file(&app, &officer, &proof, mp3("kliping"), "kliping.mp3").await;
    assert_problem(refused, StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed").await;
    for role in [Role::Treasurer, Role::Auditor] {
        let response = attach_proof_file(&app, &app.token(org, role), &proof, pdf(2400), "kliping.pdf").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let scan = pdf(2400);
    let attached =
        read(attach_proof_file(&app, &officer, &proof, scan.clone(), "kliping-halaman-7.pdf").await, "scan").await;
    assert_eq!(attached["file_type"], "pdf");
    // Sent again (a second click, a retry), it is answered as it is and not kept twice.
    let again = attach_proof_file(&app, &officer, &proof, scan.clone(), "kliping-lagi.pdf").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(read(again, "the same scan").await["id"], attached["id"]);
    let shown = get(&app, org, &path).await;
    assert_eq!(shown["files"][0]["id"], attached["id"]);
    assert_eq!(shown["files"][0]["file_name"], "kliping-halaman-7.pdf");
    let download = format!("/api/v1/proof-files/{}/content", attached["id"].as_str().unwrap());
    let file = app.get(&app.token(org, Role::Auditor), &download).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.bytes().await.unwrap().to_vec(), scan);
    assert_eq!(app.get(&app.token(&app.beta, Role::Auditor), &download).await.status(), StatusCode::NOT_FOUND);

    // The same scan cannot back a second order: the answer names the first.
    let second = accepted_order(&app, org, &agreement, 1).await;
    let other = read(submit(&app, org, &second, &clipping("9")).await, "the second clipping").await;
    let problem = assert_problem(
        attach_proof_file(&app, &officer, &other, scan.clone(), "kliping.pdf").await,
        StatusCode::CONFLICT,
        "proof_reused",
    )
    .await;
    assert!(problem["detail"].as_str().unwrap().contains(first["number"].as_str().unwrap()), "{problem}");
    let listed = get(&app, org, &format!("/api/v1/orders/{}/proofs", second["id"].as_str().unwrap())).await;
    assert_eq!(listed[0]["files"], json!([]), "nothing was attached");

    // With its scan it is verified; a decided proof's files no longer change.
    let verified = read(review(&app, org, &shown, json!({ "status": "verified" })).await, "the review").await;
    assert_eq!(verified["status"], "verified");
    assert_eq!(verified["files"].as_array().unwrap().len(), 1);
    assert_problem(
        attach_proof_file(&app, &officer, &verified, pdf(2500), "tambahan.pdf").await,
        StatusCode::CONFLICT,
        "proof_already_reviewed",
    )
    .await;

    // A broadcast log is verified with its recording, not a scan.
    let third = accepted_order(&app, org, &agreement, 1).await;
    let log = json!({ "kind": "broadcast_log", "quantity": 1, "paid_content_labelled": true, "published_on": today(),
                      "aired_at": "07:30:00", "duration_seconds": 60 });
    let log = read(submit(&app, org, &third, &log).await, "the broadcast log").await;
    assert_eq!(log["evidence_types"], json!(["mp3", "mp4"]));
    let scan_refused = attach_proof_file(&app, &officer, &log, pdf(2600), "log.pdf").await;
    assert_problem(scan_refused, StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_not_allowed").await;
    let recording = read(attach_proof_file(&app, &officer, &log, mp3("ILM 07.30"), "ilm-0730.mp3").await, "rec").await;
    assert_eq!(recording["file_type"], "mp3");
    let log = get(&app, org, &format!("/api/v1/proofs/{}", log["id"].as_str().unwrap())).await;
    assert_eq!(
        read(review(&app, org, &log, json!({ "status": "verified" })).await, "review").await["status"],
        "verified"
    );

    // Each file is in the audit trail.
    let events = get(&app, org, "/api/v1/audit-events?action=proof_file.added").await;
    assert_eq!(events["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_invoice_bills_only_its_companys_verified_orders_and_pays_without_vat_for_the_unregistered() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let other = agreement_at(&app, org, Signed::Active, 10).await;
    let mine = verified_order(&app, org, &agreement).await;
    let theirs = verified_order(&app, org, &other).await;
    let company_id = agreement["company_id"].clone();
    let mixed =
        treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/9", &[&mine, &theirs])).await;
    let problem = assert_problem(mixed, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "order_ids[1]");
    let twice =
        treasurer_post(&app, org, "/api/v1/invoices", &invoice_body(&company_id, "INV/9", &[&mine, &mine])).await;
    assert_problem(twice, StatusCode::BAD_REQUEST, "validation_failed").await;
    let plain = invoice(&app, org, &company_id, &[&mine], true).await;
    assert_eq!(
        (plain["vat_registered"].as_bool(), amount(&plain["vat"]), amount(&plain["gross"])),
        (Some(false), 0, TIER_A_ADVERTORIAL)
    );
    // Another company's account is not where this invoice is paid.
    let elsewhere =
        account(&app, org, other["company_id"].as_str().unwrap(), other["company_name"].as_str().unwrap(), true).await;
    let path = format!("/api/v1/invoices/{}/payments", plain["id"].as_str().unwrap());
    assert_problem(
        treasurer_post(&app, org, &path, &payment_body(&elsewhere)).await,
        StatusCode::CONFLICT,
        "account_not_companys",
    )
    .await;
    let own = account(&app, org, company_id.as_str().unwrap(), agreement["company_name"].as_str().unwrap(), true).await;
    let paid = read(treasurer_post(&app, org, &path, &payment_body(&own)).await, "payment").await;
    assert_eq!((amount(&paid["payment"]["pph23"]), amount(&paid["payment"]["net"])), (40_000, 1_960_000));
    let listed =
        get(&app, org, &format!("/api/v1/invoices?state=paid&company_id={}", company_id.as_str().unwrap())).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let beta = get(&app, &app.beta, "/api/v1/invoices").await;
    assert_eq!(beta["items"].as_array().unwrap().len(), 0);
}
