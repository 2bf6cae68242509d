//! Agreements over HTTP (business rules 4 and 7): priced from the rate card for the outlet's
//! tier, negotiated, numbered without gap or twin, holding their ceiling on a budget line once
//! active, amended with history, and ended.
//!
//! The fixtures here make budget lines and agreements at any state through the API; the order
//! and operation suites use them too.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use mitra_domain::access::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::applications::{Stage, application_at, open_call, this_year, today};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

/// The OKI rate card's maximum for an advertorial from an online outlet of tier A (the tier the
/// test applicant's answers reach).
pub const TIER_A_ADVERTORIAL: i64 = 2_000_000;

/// `{amount, currency}` of whole rupiah.
pub fn rp(amount: i64) -> Value {
    json!({ "amount": amount.to_string(), "currency": "IDR" })
}

pub fn amount(value: &Value) -> i64 {
    value["amount"].as_str().unwrap_or_else(|| panic!("no amount in {value}")).parse().unwrap()
}

/// The last day of this fiscal year.
pub fn year_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(this_year(), 12, 31).unwrap()
}

/// A budget line of `org`'s unit for this year with `ceiling`, adopted by the treasurer.
pub async fn budget_line(app: &TestApp, org: &TestOrg, ceiling: i64) -> Value {
    let treasurer = app.token(org, Role::Treasurer);
    let code = format!("5.1.02.01.01.{}", Uuid::new_v4().as_u128() % 100_000_000);
    let line = json!({ "unit_id": org.unit_id, "fiscal_year": this_year(), "account_code": code,
                       "name": "Belanja Jasa Iklan/Reklame, Film, dan Pemotretan", "ceiling": rp(ceiling) });
    let response = app.post(&treasurer, "/api/v1/budget-lines", &line).await;
    assert_eq!(response.status(), StatusCode::CREATED, "the budget line");
    response.json().await.unwrap()
}

/// One line of terms: `product` up to `quota` units at `price`, offered and referenced at it.
pub fn line(product: &str, quota: u32, price: i64) -> Value {
    json!({ "product": product, "quota": quota, "offered_price": rp(price), "reference_price": rp(price),
            "agreed_price": rp(price), "negotiation_note": "Harga sesuai standar" })
}

/// Terms on `budget_line` for this year with `ceiling` and `lines`.
pub fn terms(budget_line: &Value, ceiling: i64, lines: Vec<Value>) -> Value {
    json!({ "kind": "partnership", "title": "Publikasi program pemerintah daerah", "budget_line_id": budget_line["id"],
            "starts_on": today(), "ends_on": year_end(), "ceiling": rp(ceiling), "lines": lines })
}

/// Where a fixture agreement stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    Draft,
    Active,
}

/// An approved application of `org`, whose call is open.
pub async fn approved(app: &TestApp, org: &TestOrg) -> Value {
    application_at(app, org, Stage::Approved).await
}

/// An agreement drafted by the officer for `application` on `terms`, activated when asked.
pub async fn agreement_for(app: &TestApp, org: &TestOrg, application: &Value, terms: Value, signed: Signed) -> Value {
    let officer = app.token(org, Role::Officer);
    let body = json!({ "application_id": application["id"], "terms": terms });
    let response = app.post(&officer, "/api/v1/agreements", &body).await;
    let status = response.status();
    let drafted: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "the agreement: {drafted}");
    match signed {
        Signed::Draft => drafted,
        Signed::Active => {
            let response = agreement_step(app, &officer, &drafted, "activate", json!({})).await;
            let status = response.status();
            let active: Value = response.json().await.unwrap();
            assert_eq!(status, StatusCode::OK, "the activation: {active}");
            active
        }
    }
}

/// An agreement of a new approved application on a new budget line with room to spare: one
/// advertorial line of `quota` at the tier's maximum, the ceiling the whole quota.
pub async fn agreement_at(app: &TestApp, org: &TestOrg, signed: Signed, quota: u32) -> Value {
    let line_ceiling = i64::from(quota) * TIER_A_ADVERTORIAL * 2;
    let budget = budget_line(app, org, line_ceiling).await;
    let application = approved(app, org).await;
    let ceiling = i64::from(quota) * TIER_A_ADVERTORIAL;
    agreement_for(
        app,
        org,
        &application,
        terms(&budget, ceiling, vec![line("advertorial", quota, TIER_A_ADVERTORIAL)]),
        signed,
    )
    .await
}

/// Takes `step` on `agreement` at the version given.
pub async fn agreement_step(app: &TestApp, token: &str, agreement: &Value, step: &str, body: Value) -> Response {
    let path = format!("/api/v1/agreements/{}/{step}", agreement["id"].as_str().unwrap());
    app.patch_like(Method::POST, token, &path, agreement["version"].as_i64(), &body).await
}

pub async fn get(app: &TestApp, org: &TestOrg, path: &str) -> Value {
    let response = app.get(&app.token(org, Role::Auditor), path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// The month as Indonesian letters number it.
fn roman(month: u32) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month as usize - 1]
}

#[tokio::test]
async fn an_agreement_is_priced_from_the_rate_card_for_the_outlets_tier_and_numbered() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let budget = budget_line(&app, org, 100_000_000).await;
    let application = approved(&app, org).await;
    assert_eq!(application["score"]["tier"], "A", "{application}");
    let draft = |terms: Value| json!({ "application_id": application["id"], "terms": terms });

    // Above the rate card, above the offer, a product the policy lacks, a ceiling the lines
    // cannot reach: each refused where the form has it, nothing stored.
    let mut above = line("advertorial", 10, TIER_A_ADVERTORIAL + 1);
    above["offered_price"] = rp(TIER_A_ADVERTORIAL + 1);
    let refused = app.post(&officer, "/api/v1/agreements", &draft(terms(&budget, 1_000_000, vec![above]))).await;
    let problem = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "terms.lines[0].agreed_price", "{problem}");
    let mut haggled_up = line("advertorial", 10, 1_000_000);
    haggled_up["agreed_price"] = rp(1_200_000);
    let lines = vec![haggled_up, line("tidak_ada", 1, 1_000), line("advertorial", 1, 1_000)];
    let refused = app.post(&officer, "/api/v1/agreements", &draft(terms(&budget, 999_999_999, lines))).await;
    let problem = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    let fields: BTreeSet<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        BTreeSet::from(["terms.lines[0].agreed_price", "terms.lines[2].product", "terms.ceiling"]),
        "{problem}"
    );
    let unpriced = app
        .post(&officer, "/api/v1/agreements", &draft(terms(&budget, 1_000, vec![line("tidak_ada", 1, 1_000)])))
        .await;
    let problem = assert_problem(unpriced, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "terms.lines[0].product", "{problem}");
    let listed = get(&app, org, "/api/v1/agreements").await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 0, "nothing refused was stored");

    // Only an approved application's company gets an agreement.
    let in_review = application_at(&app, org, Stage::InReview).await;
    let body = json!({ "application_id": in_review["id"], "terms": terms(&budget, 1_000_000, vec![line("advertorial", 1, 1_000_000)]) });
    assert_problem(
        app.post(&officer, "/api/v1/agreements", &body).await,
        StatusCode::CONFLICT,
        "application_not_approved",
    )
    .await;
    let body = json!({ "application_id": Uuid::now_v7(), "terms": terms(&budget, 1_000_000, vec![line("advertorial", 1, 1_000_000)]) });
    assert_problem(
        app.post(&officer, "/api/v1/agreements", &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_application",
    )
    .await;

    // The period lies inside the fiscal year.
    let mut next_year = terms(&budget, 1_000_000, vec![line("advertorial", 1, 1_000_000)]);
    next_year["ends_on"] = json!(year_end() + Duration::days(1));
    let problem = assert_problem(
        app.post(&officer, "/api/v1/agreements", &draft(next_year)).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "terms.ends_on", "{problem}");

    let ceiling = 10 * TIER_A_ADVERTORIAL;
    let first = agreement_for(
        &app,
        org,
        &application,
        terms(&budget, ceiling, vec![line("advertorial", 10, TIER_A_ADVERTORIAL)]),
        Signed::Draft,
    )
    .await;
    let month = roman(today().month());
    assert_eq!(first["number"], format!("001/PKS/DISKOMINFO/{month}/{}", this_year()));
    assert_eq!(first["state"], "draft");
    assert_eq!(first["tier"], "A");
    assert_eq!(first["lines"][0]["rate_max"], rp(TIER_A_ADVERTORIAL));
    assert_eq!(first["lines"][0]["tax_inclusive"], true);
    assert!(first["lines"][0]["legal_basis"].as_str().unwrap().contains("Perbup"), "{first}");
    assert_eq!(first["next_steps"], json!(["activate"]));
    assert_eq!(amount(&first["reserved"]), 0, "a draft holds nothing on the budget line");
    let second = agreement_for(
        &app,
        org,
        &application,
        terms(&budget, ceiling, vec![line("advertorial", 10, TIER_A_ADVERTORIAL)]),
        Signed::Draft,
    )
    .await;
    assert_eq!(second["number"], format!("002/PKS/DISKOMINFO/{month}/{}", this_year()));

    // Another organisation's budget line is unknown here.
    let beta_line = budget_line(&app, &app.beta, 1_000_000).await;
    let body = draft(terms(&beta_line, 1_000_000, vec![line("advertorial", 1, 1_000_000)]));
    assert_problem(
        app.post(&officer, "/api/v1/agreements", &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_budget_line",
    )
    .await;
}

#[tokio::test]
async fn an_active_agreement_holds_its_ceiling_on_the_budget_line_until_it_ends() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let budget = budget_line(&app, org, 10_000_000).await;
    let application = approved(&app, org).await;
    let lines = || vec![line("advertorial", 5, TIER_A_ADVERTORIAL)];
    let six = agreement_for(&app, org, &application, terms(&budget, 6_000_000, lines()), Signed::Active).await;
    assert_eq!(six["state"], "active");
    assert_eq!(amount(&six["reserved"]), 6_000_000);
    assert_eq!(six["next_steps"], json!(["complete", "terminate", "expire"]));
    let budget_path = format!("/api/v1/budget-lines/{}", budget["id"].as_str().unwrap());
    let figures = get(&app, org, &budget_path).await;
    assert_eq!((amount(&figures["allocated"]), amount(&figures["unallocated"])), (6_000_000, 4_000_000));

    // A second agreement that does not fit is refused and changes nothing.
    let five = agreement_for(&app, org, &application, terms(&budget, 5_000_000, lines()), Signed::Draft).await;
    let refused = agreement_step(&app, &officer, &five, "activate", json!({})).await;
    assert_problem(refused, StatusCode::CONFLICT, "budget_line_fully_allocated").await;
    assert_eq!(amount(&get(&app, org, &budget_path).await["allocated"]), 6_000_000);

    // A draft is edited; an active agreement is not (it is amended).
    let edited = app
        .patch_like(
            Method::PUT,
            &officer,
            &format!("/api/v1/agreements/{}", five["id"].as_str().unwrap()),
            five["version"].as_i64(),
            &terms(&budget, 4_000_000, lines()),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let five: Value = edited.json().await.unwrap();
    assert_eq!(amount(&five["ceiling"]), 4_000_000);
    let path = format!("/api/v1/agreements/{}", six["id"].as_str().unwrap());
    let refused = app
        .patch_like(Method::PUT, &officer, &path, six["version"].as_i64(), &terms(&budget, 4_000_000, lines()))
        .await;
    assert_problem(refused, StatusCode::CONFLICT, "agreement_not_draft").await;

    // Terminating names a ground and a reason, and gives back what it did not use.
    let refused = agreement_step(&app, &officer, &six, "terminate", json!({ "reason": "Tidak terbit" })).await;
    let problem = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "ground");
    let ended = agreement_step(
        &app,
        &officer,
        &six,
        "terminate",
        json!({ "ground": "breach", "reason": "Tidak terbit sesuai jadwal" }),
    )
    .await;
    assert_eq!(ended.status(), StatusCode::OK);
    let ended: Value = ended.json().await.unwrap();
    assert_eq!((ended["state"].as_str(), ended["ground"].as_str()), (Some("terminated"), Some("breach")));
    assert_eq!(amount(&ended["reserved"]), 0);
    assert_eq!(amount(&get(&app, org, &budget_path).await["allocated"]), 0);
    let again = agreement_step(&app, &officer, &ended, "complete", json!({})).await;
    assert_problem(again, StatusCode::CONFLICT, "step_not_allowed").await;
    let early = agreement_step(&app, &officer, &five, "expire", json!({})).await;
    assert_problem(early, StatusCode::CONFLICT, "step_not_allowed").await;

    // Now the smaller one fits; it cannot expire before its end date.
    let active = agreement_step(&app, &officer, &five, "activate", json!({})).await;
    assert_eq!(active.status(), StatusCode::OK);
    let active: Value = active.json().await.unwrap();
    assert_problem(
        agreement_step(&app, &officer, &active, "expire", json!({})).await,
        StatusCode::CONFLICT,
        "agreement_not_ended",
    )
    .await;

    // The ceiling cannot be revised below what agreements hold.
    let treasurer = app.token(org, Role::Treasurer);
    let revise = |ceiling: i64| json!({ "ceiling": rp(ceiling), "reason": "APBD Perubahan" });
    let budget_now = get(&app, org, &budget_path).await;
    let revisions = format!("{budget_path}/revisions");
    let refused =
        app.patch_like(Method::POST, &treasurer, &revisions, budget_now["version"].as_i64(), &revise(3_999_999)).await;
    assert_problem(refused, StatusCode::CONFLICT, "ceiling_below_commitments").await;
    let revised =
        app.patch_like(Method::POST, &treasurer, &revisions, budget_now["version"].as_i64(), &revise(4_000_000)).await;
    assert_eq!(revised.status(), StatusCode::OK);
    let revised: Value = revised.json().await.unwrap();
    assert_eq!((amount(&revised["ceiling"]), amount(&revised["original_ceiling"])), (4_000_000, 10_000_000));
    assert_eq!(amount(&revised["unallocated"]), 0);
    let history = get(&app, org, &revisions).await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    // The year adds up its lines in the database.
    budget_line(&app, org, 1_000_000).await;
    let year = get(&app, org, &format!("/api/v1/budget-summary?fiscal_year={}", this_year())).await;
    assert_eq!(year["lines"], 2);
    assert_eq!((amount(&year["original_ceiling"]), amount(&year["ceiling"])), (11_000_000, 5_000_000));
    assert_eq!(
        (amount(&year["allocated"]), amount(&year["unallocated"]), amount(&year["remaining"])),
        (4_000_000, 1_000_000, 5_000_000)
    );
    let problem = assert_problem(
        app.get(&app.token(org, Role::Auditor), "/api/v1/budget-summary").await,
        StatusCode::BAD_REQUEST,
        "invalid_query_parameter",
    )
    .await;
    assert!(problem["detail"].is_string());
    assert_eq!((amount(&history[0]["from_ceiling"]), amount(&history[0]["to_ceiling"])), (10_000_000, 4_000_000));
    assert_eq!(history[0]["reason"], "APBD Perubahan");
}

#[tokio::test]
async fn an_amendment_keeps_the_terms_before_and_after_and_never_undoes_what_was_ordered() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let agreement = agreement_at(&app, org, Signed::Active, 4).await;
    let budget =
        get(&app, org, &format!("/api/v1/budget-lines/{}", agreement["budget_line"]["id"].as_str().unwrap())).await;
    let line_id = agreement["lines"][0]["id"].as_str().unwrap().to_owned();
    let issued = crate::orders::issue(&app, &officer, &line_id, 3).await;
    assert_eq!(issued.status(), StatusCode::CREATED);
    let agreement = get(&app, org, &format!("/api/v1/agreements/{}", agreement["id"].as_str().unwrap())).await;
    let path = format!("/api/v1/agreements/{}/amendments", agreement["id"].as_str().unwrap());

    let amend = |ceiling: i64, lines: Vec<Value>| json!({ "reason": "Adendum pertama", "terms": terms(&budget, ceiling, lines) });
    let refused = app
        .patch_like(
            Method::POST,
            &officer,
            &path,
            agreement["version"].as_i64(),
            &amend(2 * TIER_A_ADVERTORIAL, vec![line("advertorial", 2, TIER_A_ADVERTORIAL)]),
        )
        .await;
    let problem = assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;
    let fields: BTreeSet<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, BTreeSet::from(["terms.ceiling", "terms.lines[0].quota"]), "{problem}");
    let refused = app
        .patch_like(
            Method::POST,
            &officer,
            &path,
            agreement["version"].as_i64(),
            &amend(TIER_A_ADVERTORIAL, vec![line("rilis_berita", 1, TIER_A_ADVERTORIAL / 4)]),
        )
        .await;
    assert_problem(refused, StatusCode::BAD_REQUEST, "validation_failed").await;

    let lines = vec![line("advertorial", 6, TIER_A_ADVERTORIAL), line("rilis_berita", 4, 500_000)];
    let amended = app
        .patch_like(Method::POST, &officer, &path, agreement["version"].as_i64(), &amend(6 * TIER_A_ADVERTORIAL, lines))
        .await;
    assert_eq!(amended.status(), StatusCode::OK);
    let amended: Value = amended.json().await.unwrap();
    assert_eq!(amended["amendments"], 1);
    assert_eq!(amended["last_reason"], "Adendum pertama");
    assert_eq!(amended["lines"][0]["id"], line_id.as_str(), "the ordered line keeps its identity");
    assert_eq!(
        (amended["lines"][0]["ordered"].as_u64(), amended["lines"][0]["available"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(amount(&amended["reserved"]), 6 * TIER_A_ADVERTORIAL);
    let history = get(&app, org, &path).await;
    assert_eq!(history[0]["number"], 1);
    // The history keeps the rows as stored: whole rupiah.
    assert_eq!(history[0]["before"]["ceiling"].as_i64(), Some(4 * TIER_A_ADVERTORIAL));
    assert_eq!(history[0]["after"]["lines"].as_array().unwrap().len(), 2);
    let stale = app
        .patch_like(
            Method::POST,
            &officer,
            &path,
            agreement["version"].as_i64(),
            &amend(6 * TIER_A_ADVERTORIAL, vec![line("advertorial", 6, TIER_A_ADVERTORIAL)]),
        )
        .await;
    assert_problem(stale, StatusCode::PRECONDITION_FAILED, "precondition_failed").await;
}

#[tokio::test]
async fn agreements_drafted_at_the_same_moment_get_unique_gapless_numbers() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let budget = budget_line(&app, org, 1_000_000_000).await;
    let application = approved(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let body = json!({ "application_id": application["id"], "terms": terms(&budget, 1_000_000, vec![line("advertorial", 1, 1_000_000)]) });
    let drafts = (0..40).map(|_| app.post(&officer, "/api/v1/agreements", &body));
    let mut numbers = Vec::new();
    for response in futures_util::future::join_all(drafts).await {
        assert_eq!(response.status(), StatusCode::CREATED);
        let drafted: Value = response.json().await.unwrap();
        numbers.push(drafted["number"].as_str().unwrap().split('/').next().unwrap().parse::<u32>().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>(), "one number each, none skipped");
}

#[tokio::test]
async fn a_budget_line_holds_under_a_hundred_simultaneous_activations() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    // Room for exactly 7 agreements of Rp 1.000.000.
    let budget = budget_line(&app, org, 7_000_000).await;
    let application = approved(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let mut drafts = Vec::new();
    for _ in 0..100 {
        drafts.push(
            agreement_for(
                &app,
                org,
                &application,
                terms(&budget, 1_000_000, vec![line("advertorial", 1, 1_000_000)]),
                Signed::Draft,
            )
            .await,
        );
    }
    let activations = drafts.iter().map(|draft| agreement_step(&app, &officer, draft, "activate", json!({})));
    let mut active = 0;
    for response in futures_util::future::join_all(activations).await {
        match response.status() {
            StatusCode::OK => active += 1,
            _ => {
                assert_problem(response, StatusCode::CONFLICT, "budget_line_fully_allocated").await;
            }
        }
    }
    assert_eq!(active, 7);
    let figures = get(&app, org, &format!("/api/v1/budget-lines/{}", budget["id"].as_str().unwrap())).await;
    assert_eq!(amount(&figures["allocated"]), 7_000_000);
    let listed = get(
        &app,
        org,
        &format!("/api/v1/agreements?state=active&budget_line_id={}&limit=100", budget["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn a_budget_line_is_adopted_once_per_unit_account_and_year_in_whole_rupiah() {
    let app = spawn().await;
    let org = &app.alpha;
    let treasurer = app.token(org, Role::Treasurer);
    let line = budget_line(&app, org, 250_000_000).await;
    assert_eq!((amount(&line["remaining"]), amount(&line["unallocated"])), (250_000_000, 250_000_000));
    assert_eq!(line["unit_code"], "DISKOMINFO");
    let again = json!({ "unit_id": org.unit_id, "fiscal_year": this_year(), "account_code": line["account_code"],
                        "name": "Belanja lagi", "ceiling": rp(1) });
    assert_problem(
        app.post(&treasurer, "/api/v1/budget-lines", &again).await,
        StatusCode::CONFLICT,
        "budget_line_exists",
    )
    .await;
    let bad = json!({ "unit_id": org.unit_id, "fiscal_year": 1999, "account_code": "5..1", "name": "x",
                      "ceiling": { "amount": "12.5", "currency": "IDR" } });
    let refused = app.post(&treasurer, "/api/v1/budget-lines", &bad).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let bad =
        json!({ "unit_id": org.unit_id, "fiscal_year": 1999, "account_code": "5..1", "name": "x", "ceiling": rp(1) });
    let problem = assert_problem(
        app.post(&treasurer, "/api/v1/budget-lines", &bad).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    let fields: BTreeSet<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains("fiscal_year") && fields.contains("name"), "{problem}");
    let unknown_unit = json!({ "unit_id": app.beta.unit_id, "fiscal_year": this_year(), "account_code": "5.1",
                               "name": "Belanja", "ceiling": rp(1) });
    assert_problem(
        app.post(&treasurer, "/api/v1/budget-lines", &unknown_unit).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_unit",
    )
    .await;
    let path = format!("/api/v1/budget-lines/{}", line["id"].as_str().unwrap());
    let renamed =
        app.patch(&treasurer, &path, line["version"].as_i64(), &json!({ "name": "Belanja Jasa Iklan" })).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(
        (renamed["name"].as_str(), renamed["account_code"].as_str()),
        (Some("Belanja Jasa Iklan"), line["account_code"].as_str())
    );
    let listed =
        get(&app, org, &format!("/api/v1/budget-lines?fiscal_year={}&unit_id={}", this_year(), org.unit_id)).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let beta = get(&app, &app.beta, "/api/v1/budget-lines").await;
    assert_eq!(beta["items"].as_array().unwrap().len(), 0, "another organisation sees none");
}

#[tokio::test]
async fn an_agreement_whose_period_ended_is_expired_by_the_sweep_and_gives_back_what_it_did_not_use() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let officer = app.token(org, Role::Officer);
    let ended = agreement_at(&app, org, Signed::Active, 10).await;
    let running = agreement_at(&app, org, Signed::Active, 10).await;
    let order = crate::orders::issue(&app, &officer, ended["lines"][0]["id"].as_str().unwrap(), 2).await;
    assert_eq!(order.status(), StatusCode::CREATED);
    let order: Value = order.json().await.unwrap();
    let budget_path = format!("/api/v1/budget-lines/{}", ended["budget_line"]["id"].as_str().unwrap());
    assert_eq!(amount(&get(&app, org, &budget_path).await["allocated"]), 10 * TIER_A_ADVERTORIAL);

    // Its period ended yesterday, set behind the server's back.
    let yesterday = today() - Duration::days(1);
    app.tamper(&format!(
        "UPDATE agreements SET starts_on = '{yesterday}', ends_on = '{yesterday}' WHERE number = '{}'",
        ended["number"].as_str().unwrap()
    ))
    .await;
    let expired = mitra_persistence::agreements::expire_ended(&app.store, today()).await.unwrap();
    assert_eq!(expired, 1, "only the agreement whose period ended");

    let path = format!("/api/v1/agreements/{}", ended["id"].as_str().unwrap());
    let closed = get(&app, org, &path).await;
    assert_eq!(closed["state"], "expired");
    assert_eq!(closed["last_reason"], mitra_persistence::agreements::EXPIRY_REASON);
    assert_eq!(amount(&closed["reserved"]), 2 * TIER_A_ADVERTORIAL, "it keeps what its order uses");
    assert_eq!(amount(&get(&app, org, &budget_path).await["allocated"]), 2 * TIER_A_ADVERTORIAL, "the rest is back");
    let path = format!("/api/v1/agreements/{}", running["id"].as_str().unwrap());
    assert_eq!(get(&app, org, &path).await["state"], "active");

    // Done by the system, in the audit trail; its order goes on to be published and paid.
    let events = get(&app, org, "/api/v1/audit-events?action=agreement.expired").await;
    let events = events["items"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["actor_id"], Value::Null);
    assert_eq!(events[0]["request_id"], format!("expiry-{}", today()));
    let accepted = crate::orders::order_step(&app, &officer, &order, "accept", json!({})).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    assert_eq!(mitra_persistence::agreements::expire_ended(&app.store, today()).await.unwrap(), 0, "once");
}
