//! Orders over HTTP (business rules 2, 5 and 7): issued under an active agreement line only while
//! the company is eligible that day, within the line's quota, the agreement's ceiling and the
//! budget line's - under a hundred simultaneous requests too - and safe to retry with an
//! `Idempotency-Key`.

use futures_util::future::join_all;
use mitra_domain::access::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::agreements::{
    Signed, TIER_A_ADVERTORIAL, agreement_at, agreement_for, amount, approved, budget_line, get, line, terms, year_end,
};
use crate::applications::{open_call, today};
use crate::helpers::{TestApp, assert_problem, spawn};

/// An order of `quantity` under agreement line `line_id`, due from today to the year's end.
pub fn order_body(line_id: &str, quantity: u32) -> Value {
    json!({ "agreement_line_id": line_id, "quantity": quantity, "subject": "Rilis HUT Kabupaten OKI",
            "instructions": "Tayang di halaman utama selama 24 jam", "due_from": today(), "due_until": year_end() })
}

/// Issues an order with a new idempotency key.
pub async fn issue(app: &TestApp, token: &str, line_id: &str, quantity: u32) -> Response {
    issue_with_key(app, token, &order_body(line_id, quantity), &Uuid::new_v4().to_string()).await
}

pub async fn issue_with_key(app: &TestApp, token: &str, body: &Value, key: &str) -> Response {
    app.request(Method::POST, "/api/v1/orders")
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Takes `step` on `order` at its version.
pub async fn order_step(app: &TestApp, token: &str, order: &Value, step: &str, body: Value) -> Response {
    let path = format!("/api/v1/orders/{}/{step}", order["id"].as_str().unwrap());
    app.patch_like(Method::POST, token, &path, order["version"].as_i64(), &body).await
}

fn line_id(agreement: &Value, index: usize) -> String {
    agreement["lines"][index]["id"].as_str().unwrap().to_owned()
}

/// The agreement's and its budget line's figures now: (agreement committed, agreement remaining,
/// budget committed, budget remaining, line ordered).
async fn figures(app: &TestApp, agreement: &Value) -> (i64, i64, i64, i64, u64) {
    let org = &app.alpha;
    let now = get(app, org, &format!("/api/v1/agreements/{}", agreement["id"].as_str().unwrap())).await;
    let budget = &now["budget_line"];
    (
        amount(&now["committed"]),
        amount(&now["remaining"]),
        amount(&budget["committed"]),
        amount(&budget["remaining"]),
        now["lines"][0]["ordered"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn an_order_commits_its_amount_everywhere_and_a_cancellation_gives_it_back() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let budget_ceiling = amount(&agreement["budget_line"]["ceiling"]);
    let issued = issue(&app, &officer, &line_id(&agreement, 0), 3).await;
    assert_eq!(issued.status(), StatusCode::CREATED);
    let order: Value = issued.json().await.unwrap();
    assert_eq!(order["state"], "issued");
    assert_eq!(amount(&order["unit_price"]), TIER_A_ADVERTORIAL);
    assert_eq!(amount(&order["amount"]), 3 * TIER_A_ADVERTORIAL);
    assert!(order["number"].as_str().unwrap().starts_with("0001/SP/DISKOMINFO/"), "{order}");
    assert_eq!(order["agreement_number"], agreement["number"]);
    assert_eq!(order["next_steps"], json!(["accept", "decline", "cancel"]));
    let worth = 3 * TIER_A_ADVERTORIAL;
    assert_eq!(
        figures(&app, &agreement).await,
        (worth, 10 * TIER_A_ADVERTORIAL - worth, worth, budget_ceiling - worth, 3)
    );

    // The company accepts; then nothing but a cancellation before publication.
    let accepted = order_step(&app, &officer, &order, "accept", json!({})).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let accepted: Value = accepted.json().await.unwrap();
    assert_problem(
        order_step(&app, &officer, &accepted, "accept", json!({})).await,
        StatusCode::CONFLICT,
        "step_not_allowed",
    )
    .await;
    let refused = order_step(&app, &officer, &accepted, "cancel", json!({})).await;
    let problem = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "reason");
    let cancelled = order_step(&app, &officer, &accepted, "cancel", json!({ "reason": "Acara dibatalkan" })).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let cancelled: Value = cancelled.json().await.unwrap();
    assert_eq!(
        (cancelled["state"].as_str(), cancelled["last_reason"].as_str()),
        (Some("cancelled"), Some("Acara dibatalkan"))
    );
    assert_eq!(figures(&app, &agreement).await, (0, 10 * TIER_A_ADVERTORIAL, 0, budget_ceiling, 0));

    // A declined order gives its amount back too.
    let second: Value = issue(&app, &officer, &line_id(&agreement, 0), 2).await.json().await.unwrap();
    assert!(second["number"].as_str().unwrap().starts_with("0002/SP/"), "numbers are not reused: {second}");
    let declined = order_step(&app, &officer, &second, "decline", json!({ "reason": "Redaksi penuh" })).await;
    assert_eq!(declined.status(), StatusCode::OK);
    assert_eq!(figures(&app, &agreement).await.0, 0);

    // Lists filter by state and agreement.
    let agreement_id = agreement["id"].as_str().unwrap();
    let listed = get(&app, org, &format!("/api/v1/orders?agreement_id={agreement_id}&state=declined")).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["id"], second["id"]);
}

#[tokio::test]
async fn an_order_is_refused_unless_the_agreement_is_active_and_the_company_eligible_that_day() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let (officer, admin) = (app.token(org, Role::Officer), app.token(org, Role::Admin));
    let draft = agreement_at(&app, org, Signed::Draft, 5).await;
    assert_problem(issue(&app, &officer, &line_id(&draft, 0), 1).await, StatusCode::CONFLICT, "agreement_not_active")
        .await;
    assert_problem(
        issue(&app, &officer, &Uuid::now_v7().to_string(), 1).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_agreement_line",
    )
    .await;

    let agreement = agreement_at(&app, org, Signed::Active, 5).await;
    let line = line_id(&agreement, 0);
    // Publication comes after the order, inside the agreement's period.
    let mut late = order_body(&line, 1);
    late["due_from"] = json!(today() - chrono::Duration::days(1));
    let problem = assert_problem(
        issue_with_key(&app, &officer, &late, "late-1").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "due_from");
    let mut zero = order_body(&line, 0);
    zero["subject"] = json!("");
    let problem = assert_problem(
        issue_with_key(&app, &officer, &zero, "zero-1").await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2, "{problem}");

    // The Press Council standing is re-checked on the day: expired, no order.
    let company = agreement["company_id"].as_str().unwrap();
    let name = agreement["company_name"].as_str().unwrap();
    app.tamper(&format!(
        "UPDATE press_companies SET press_council_valid_until = '{}' WHERE legal_name = '{name}'",
        today() - chrono::Duration::days(1)
    ))
    .await;
    assert_problem(issue(&app, &officer, &line, 1).await, StatusCode::CONFLICT, "press_council_not_valid").await;
    app.tamper(&format!(
        "UPDATE press_companies SET press_council_valid_until = '{}' WHERE legal_name = '{name}'",
        today() + chrono::Duration::days(300)
    ))
    .await;
    assert_eq!(issue(&app, &officer, &line, 1).await.status(), StatusCode::CREATED);

    // A suspended company gets no order.
    let current = get(&app, org, &format!("/api/v1/press-companies/{company}")).await;
    let suspend = json!({ "status": "suspended", "reason": "Pemeriksaan Inspektorat" });
    let path = format!("/api/v1/press-companies/{company}/status");
    assert_eq!(
        app.patch_like(Method::POST, &admin, &path, current["version"].as_i64(), &suspend).await.status(),
        StatusCode::OK
    );
    assert_problem(issue(&app, &officer, &line, 1).await, StatusCode::CONFLICT, "company_not_active").await;

    // Nothing refused was stored or committed.
    let (committed, ..) = figures(&app, &agreement).await;
    assert_eq!(committed, TIER_A_ADVERTORIAL, "only the one order issued");
}

#[tokio::test]
async fn a_money_moving_request_needs_a_key_and_a_retry_gets_the_first_answer() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let agreement = agreement_at(&app, org, Signed::Active, 10).await;
    let body = order_body(&line_id(&agreement, 0), 1);
    let keyless = app.post(&officer, "/api/v1/orders", &body).await;
    assert_problem(keyless, StatusCode::PRECONDITION_REQUIRED, "idempotency_key_required").await;
    let too_long = "k".repeat(256);
    assert_problem(
        issue_with_key(&app, &officer, &body, &too_long).await,
        StatusCode::BAD_REQUEST,
        "invalid_idempotency_key",
    )
    .await;

    let first = issue_with_key(&app, &officer, &body, "order-2026-0001").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let etag = first.headers().get("etag").cloned();
    let first: Value = first.json().await.unwrap();
    let retry = issue_with_key(&app, &officer, &body, "order-2026-0001").await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
    assert_eq!(retry.headers().get("etag").cloned(), etag);
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry, first, "the first answer, byte for byte");
    // Another body, or another user, with the same key is refused.
    let other = order_body(&line_id(&agreement, 0), 2);
    assert_problem(
        issue_with_key(&app, &officer, &other, "order-2026-0001").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;
    let admin = app.token(org, Role::Admin);
    assert_problem(
        issue_with_key(&app, &admin, &body, "order-2026-0001").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
    )
    .await;
    // A refusal is an answer too: replayed, and it issued nothing.
    let refused = issue_with_key(&app, &officer, &order_body(&line_id(&agreement, 0), 11), "order-2026-0002").await;
    assert_problem(refused, StatusCode::CONFLICT, "line_quota_exceeded").await;
    let replayed = issue_with_key(&app, &officer, &order_body(&line_id(&agreement, 0), 11), "order-2026-0002").await;
    assert_eq!(replayed.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
    assert_problem(replayed, StatusCode::CONFLICT, "line_quota_exceeded").await;
    // Another organisation's key space is its own.
    let beta = app.token(&app.beta, Role::Officer);
    assert_problem(
        issue_with_key(&app, &beta, &body, "order-2026-0001").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_agreement_line",
    )
    .await;

    let orders = get(&app, org, &format!("/api/v1/orders?agreement_id={}", agreement["id"].as_str().unwrap())).await;
    assert_eq!(orders["items"].as_array().unwrap().len(), 1, "one order for one key");
    // Keys work on any signed-in POST: a retried budget line is adopted once.
    let treasurer = app.token(org, Role::Treasurer);
    let line = json!({ "unit_id": org.unit_id, "fiscal_year": crate::applications::this_year(), "account_code": "5.1.02.99",
                       "name": "Belanja Langganan Surat Kabar", "ceiling": crate::agreements::rp(1_000_000) });
    for _ in 0..2 {
        let response = app
            .request(Method::POST, "/api/v1/budget-lines")
            .bearer_auth(&treasurer)
            .header("Idempotency-Key", "line-1")
            .json(&line)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
}

#[tokio::test]
async fn simultaneous_retries_with_one_key_issue_one_order() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let agreement = agreement_at(&app, org, Signed::Active, 100).await;
    let body = order_body(&line_id(&agreement, 0), 1);
    let retries = (0..50).map(|_| issue_with_key(&app, &officer, &body, "one-key-for-all"));
    let mut created = 0;
    for response in join_all(retries).await {
        match response.status() {
            StatusCode::CREATED => created += 1,
            _ => {
                assert_problem(response, StatusCode::CONFLICT, "idempotency_key_in_use").await;
            }
        }
    }
    assert!(created >= 1, "the first request or its replays answered");
    let orders = get(&app, org, &format!("/api/v1/orders?agreement_id={}", agreement["id"].as_str().unwrap())).await;
    assert_eq!(orders["items"].as_array().unwrap().len(), 1, "exactly one order");
    assert_eq!(figures(&app, &agreement).await.0, TIER_A_ADVERTORIAL, "committed once");
}

/// Sends `count` simultaneous orders of one unit under `line`; answers how many were issued,
/// checking that every other answer is the 409 `refusal`.
async fn race(app: &TestApp, token: &str, line: &str, count: usize, refusal: &str) -> usize {
    let requests = (0..count).map(|_| issue(app, token, line, 1));
    let mut issued = 0;
    for response in join_all(requests).await {
        if response.status() == StatusCode::CREATED {
            issued += 1;
        } else {
            assert_problem(response, StatusCode::CONFLICT, refusal).await;
        }
    }
    issued
}

#[tokio::test]
async fn a_hundred_simultaneous_orders_never_pass_the_agreements_ceiling() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let budget = budget_line(&app, org, 1_000_000_000).await;
    let application = approved(&app, org).await;
    // Quota for 200, ceiling for 13.
    let ceiling = 13 * TIER_A_ADVERTORIAL;
    let agreement = agreement_for(
        &app,
        org,
        &application,
        terms(&budget, ceiling, vec![line("advertorial", 200, TIER_A_ADVERTORIAL)]),
        Signed::Active,
    )
    .await;
    let issued = race(&app, &officer, &line_id(&agreement, 0), 100, "agreement_ceiling_exceeded").await;
    assert_eq!(issued, 13);
    let (committed, remaining, budget_committed, _, ordered) = figures(&app, &agreement).await;
    assert_eq!((committed, remaining, budget_committed, ordered), (ceiling, 0, ceiling, 13));
}

#[tokio::test]
async fn a_hundred_simultaneous_orders_never_pass_the_lines_quota() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let budget = budget_line(&app, org, 1_000_000_000).await;
    let application = approved(&app, org).await;
    // The advertorial line allows 9; the ceiling has room for far more through the other line.
    let lines = vec![line("advertorial", 9, TIER_A_ADVERTORIAL), line("rilis_berita", 200, 500_000)];
    let ceiling = 9 * TIER_A_ADVERTORIAL + 200 * 500_000;
    let agreement = agreement_for(&app, org, &application, terms(&budget, ceiling, lines), Signed::Active).await;
    let issued = race(&app, &officer, &line_id(&agreement, 0), 100, "line_quota_exceeded").await;
    assert_eq!(issued, 9);
    let (committed, _, budget_committed, _, ordered) = figures(&app, &agreement).await;
    assert_eq!((committed, budget_committed, ordered), (9 * TIER_A_ADVERTORIAL, 9 * TIER_A_ADVERTORIAL, 9));
}

#[tokio::test]
async fn a_budget_lines_committed_amount_is_the_sum_of_its_open_orders_across_agreements() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let budget = budget_line(&app, org, 20 * TIER_A_ADVERTORIAL).await;
    let (first, second) = (approved(&app, org).await, approved(&app, org).await);
    // Quotas for 50 each; the ceilings, ten each, bind.
    let ten = || terms(&budget, 10 * TIER_A_ADVERTORIAL, vec![line("advertorial", 50, TIER_A_ADVERTORIAL)]);
    let a = agreement_for(&app, org, &first, ten(), Signed::Active).await;
    let b = agreement_for(&app, org, &second, ten(), Signed::Active).await;
    // Both agreements race for their share of the line at once: a hundred requests, room for 20.
    // (The line itself never runs out first: activating an agreement reserves its whole ceiling
    // on the line, which the hundred simultaneous activations in agreements.rs race for.)
    let (line_a, line_b) = (line_id(&a, 0), line_id(&b, 0));
    let requests = (0..100).map(|n| issue(&app, &officer, if n % 2 == 0 { &line_a } else { &line_b }, 1));
    let mut issued = 0;
    for response in join_all(requests).await {
        if response.status() == StatusCode::CREATED {
            issued += 1;
        } else {
            assert_problem(response, StatusCode::CONFLICT, "agreement_ceiling_exceeded").await;
        }
    }
    assert_eq!(issued, 20);
    let figures = get(&app, org, &format!("/api/v1/budget-lines/{}", budget["id"].as_str().unwrap())).await;
    assert_eq!((amount(&figures["committed"]), amount(&figures["remaining"])), (20 * TIER_A_ADVERTORIAL, 0));
    // Derived, never typed: the sum of the open orders on the line.
    let orders =
        get(&app, org, &format!("/api/v1/orders?budget_line_id={}&limit=100", budget["id"].as_str().unwrap())).await;
    let sum: i64 = orders["items"].as_array().unwrap().iter().map(|order| amount(&order["amount"])).sum();
    assert_eq!(sum, amount(&figures["committed"]));
}

/// On PostgreSQL an order references its agreement together with the budget line, company and
/// outlet it was issued for, and its line together with that agreement: not even a write behind
/// the server's back can hang an order on another agreement's line, company or budget line.
/// SQLite cannot change a table's references in place and keeps single ones
/// (`m20261128_000005_order_basis`); there only the orders area keeps them together.
#[tokio::test]
async fn the_database_keeps_an_order_with_its_agreements_line_company_and_budget_line() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let (first, second) =
        (agreement_at(&app, org, Signed::Active, 10).await, agreement_at(&app, org, Signed::Active, 10).await);
    let issued = issue(&app, &officer, &line_id(&first, 0), 1).await;
    assert_eq!(issued.status(), StatusCode::CREATED);
    let order: Value = issued.json().await.unwrap();
    let other = format!("(SELECT {{}} FROM agreements WHERE number = '{}')", second["number"].as_str().unwrap());
    let order_number = order["number"].as_str().unwrap();
    let moves = [
        (
            "agreement_line_id",
            format!("(SELECT id FROM agreement_lines WHERE agreement_id = {})", other.replace("{}", "id")),
        ),
        ("company_id", other.replace("{}", "company_id")),
        ("budget_line_id", other.replace("{}", "budget_line_id")),
        ("outlet_id", other.replace("{}", "outlet_id")),
    ];
    let postgres = mitra_persistence::testing::on_postgres(&app.store);
    for (column, value) in moves {
        let sql = format!("UPDATE orders SET {column} = {value} WHERE number = '{order_number}'");
        let moved = mitra_persistence::testing::execute(&app.store, &sql).await;
        if postgres {
            let refused = moved.expect_err(column).to_string();
            assert!(refused.contains("fk_orders_agreement"), "{column}: {refused}");
        } else {
            assert_eq!(moved.unwrap(), 1, "{column}: SQLite keeps single references");
        }
    }
}

/// Under load the server issues an organisation's waiting orders in one write
/// (`orders::issue_group`): each request is still decided alone, in the order they came, against
/// what the ones before it left; a refusal takes nothing; the accepted ones are numbered without
/// a gap in that order, and each order's event names its own caller and request. Each request's
/// idempotency key is claimed and its answer kept in the same commit.
#[tokio::test]
async fn orders_issued_together_are_decided_one_by_one_in_the_order_they_came() {
    use chrono::Utc;
    use mitra_domain::orders::NewOrder;
    use mitra_persistence::idempotency::{Answer, Claim, KeyUse, StoredResponse};
    use mitra_persistence::orders::{self, IssueRequest};
    use mitra_persistence::{AuditContext, OrgScope, Reference, Refusal, StoreError};

    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let budget = budget_line(&app, org, 1_000_000_000).await;
    let application = approved(&app, org).await;
    let agreement = agreement_for(
        &app,
        org,
        &application,
        terms(&budget, 2 * TIER_A_ADVERTORIAL, vec![line("advertorial", 2, TIER_A_ADVERTORIAL)]),
        Signed::Active,
    )
    .await;
    let advertorial: Uuid = line_id(&agreement, 0).parse().unwrap();
    let (officer, admin) = (org.user_id(Role::Officer), org.user_id(Role::Admin));
    #[allow(clippy::disallowed_methods, reason = "the test acts for its organisation as the server would")]
    let scope = OrgScope::console(org.id);
    let request = |line: Uuid, actor: Uuid, request_id: &str| IssueRequest {
        ctx: AuditContext { scope, actor_id: Some(actor), request_id: Some(request_id.into()) },
        new: NewOrder {
            agreement_line_id: line,
            quantity: 1,
            subject: format!("Rilis {request_id}"),
            instructions: None,
            content_item_id: None,
            due_from: today(),
            due_until: year_end(),
        },
    };
    let key = |name: &str, body: &str| KeyUse { user_id: None, key: name.into(), fingerprint: body.into() };
    let group = vec![
        (key("k1", "first"), request(advertorial, officer, "first")),
        (key("k2", "no-such-line"), request(Uuid::now_v7(), officer, "no-such-line")),
        (key("k3", "second"), request(advertorial, admin, "second")),
        (key("k4", "third"), request(advertorial, officer, "third")),
        (key("k1", "first"), request(advertorial, officer, "first again")),
    ];
    // The answer as the server renders it, reduced to what this test checks.
    let answer = |issued: Result<orders::OrderView, StoreError>| match issued {
        Ok(view) => StoredResponse {
            status: 201,
            body: format!("{} by {}", view.order.number, view.order.created_by.unwrap_or_default()),
            location: None,
            etag: None,
        },
        Err(refused) => StoredResponse { status: 409, body: format!("{refused:?}"), location: None, etag: None },
    };
    let answers: Vec<Answer> = orders::issue_group(&app.store, group, today(), Utc::now(), answer)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    let body = |answer: &Answer| match answer {
        Answer::Fresh(stored) => stored.body.clone(),
        Answer::Held(claim) => format!("{claim:?}"),
    };
    let bodies: Vec<String> = answers.iter().map(body).collect();
    assert!(bodies[0].starts_with("0001/SP/") && bodies[0].ends_with(&officer.to_string()), "{bodies:?}");
    assert_eq!(bodies[1], format!("{:?}", StoreError::UnknownReference(Reference::AgreementLine)));
    assert!(
        bodies[2].starts_with("0002/SP/") && bodies[2].ends_with(&admin.to_string()),
        "the second is issued, numbered in the order they came: the refusal before it took nothing: {bodies:?}"
    );
    assert_eq!(bodies[3], format!("{:?}", StoreError::Refused(Refusal::LineQuotaExceeded)));
    assert_eq!(answers[4], Answer::Held(Claim::InProgress), "a key twice in a group runs once");

    // The first order is cancelled, which gives its unit back to the line.
    let first = &get(&app, org, "/api/v1/orders?limit=1").await["items"][0];
    let officer_token = app.token(org, Role::Officer);
    let cancelled = order_step(&app, &officer_token, first, "cancel", json!({ "reason": "Acara dibatalkan" })).await;
    assert_eq!(cancelled.status(), StatusCode::OK);

    // Each answer was kept with its key in the group's commit: a retry gets it, and issues nothing,
    // even where it now would; a fresh request among the retries is issued, with the next number.
    let retries = vec![
        (key("k1", "first"), request(advertorial, officer, "retry")),
        (key("k4", "third"), request(advertorial, officer, "retry")),
        (key("k3", "another body"), request(advertorial, admin, "reused")),
        (key("k5", "fresh"), request(advertorial, officer, "fresh")),
    ];
    let replays: Vec<Answer> = orders::issue_group(&app.store, retries, today(), Utc::now(), answer)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let kept = |answer: &Answer| match answer {
        Answer::Fresh(stored) => stored.clone(),
        Answer::Held(claim) => panic!("a fresh answer, not {claim:?}"),
    };
    assert_eq!(replays[0], Answer::Held(Claim::Replay(kept(&answers[0]))));
    assert_eq!(replays[1], Answer::Held(Claim::Replay(kept(&answers[3]))), "a refusal is an answer too");
    assert_eq!(replays[2], Answer::Held(Claim::Mismatch));
    let fresh = body(&replays[3]);
    assert!(fresh.starts_with("0003/SP/") && fresh.ends_with(&officer.to_string()), "{fresh}");

    let (committed, _, budget_committed, _, ordered) = figures(&app, &agreement).await;
    assert_eq!((committed, budget_committed, ordered), (2 * TIER_A_ADVERTORIAL, 2 * TIER_A_ADVERTORIAL, 2));
    let events = get(&app, org, "/api/v1/audit-events?action=order.issued").await;
    let mut named: Vec<(String, String)> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| (event["request_id"].as_str().unwrap().to_owned(), event["actor_id"].as_str().unwrap().to_owned()))
        .collect();
    named.sort();
    assert_eq!(
        named,
        vec![
            ("first".to_owned(), officer.to_string()),
            ("fresh".to_owned(), officer.to_string()),
            ("second".to_owned(), admin.to_string())
        ]
    );
    let verification = get(&app, org, "/api/v1/audit-events/verification").await;
    assert_eq!(verification["valid"], true, "{verification}");
}
