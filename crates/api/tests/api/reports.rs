//! Reports as an auditor pulls them: the sums equal the ledger, JSON and CSV carry the same
//! numbers, and another organisation's money never shows.

use chrono::Datelike;
use mitra_domain::access::Role;
use mitra_persistence::calendar::jakarta_today;
use reqwest::StatusCode;
use serde_json::Value;

use crate::agreements::{Signed, agreement_at, amount, get};
use crate::applications::{open_call, this_year};
use crate::finance::{account, invoice, payment_body, treasurer_post, verified_order};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

const ALPHA: &str = "organisation_id = (SELECT id FROM organisations WHERE slug = 'alpha')";

/// Carries one order under a new agreement (a new company, outlet and budget line) to its
/// payment; returns the agreement.
pub(crate) async fn paid_agreement(app: &TestApp, org: &TestOrg) -> Value {
    let agreement = agreement_at(app, org, Signed::Active, 4).await;
    let order = verified_order(app, org, &agreement).await;
    let billed = invoice(app, org, &agreement["company_id"], &[&order], true).await;
    let company_id = agreement["company_id"].as_str().unwrap();
    let paid_into = account(app, org, company_id, agreement["company_name"].as_str().unwrap(), true).await;
    let path = format!("/api/v1/invoices/{}/payments", billed["id"].as_str().unwrap());
    let paid = treasurer_post(app, org, &path, &payment_body(&paid_into)).await;
    assert_eq!(paid.status(), StatusCode::CREATED, "{:?}", paid.text().await);
    agreement
}

async fn report(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(token, &format!("/api/v1/reports/realisation?{query}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// What the budget lines say was realised: the ledger the report must add up to.
async fn ledger(app: &TestApp, org: &TestOrg, agreements: &[&Value]) -> i64 {
    let mut realised = 0;
    for agreement in agreements {
        let line =
            get(app, org, &format!("/api/v1/budget-lines/{}", agreement["budget_line"]["id"].as_str().unwrap())).await;
        realised += amount(&line["realised"]);
    }
    realised
}

#[tokio::test]
async fn realisation_adds_up_to_the_ledger_by_every_dimension_in_json_and_csv() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let (first, second) = (paid_agreement(&app, org).await, paid_agreement(&app, org).await);
    // Ordered and verified but not paid: not realised.
    let unpaid = agreement_at(&app, org, Signed::Active, 2).await;
    verified_order(&app, org, &unpaid).await;
    let ledger = ledger(&app, org, &[&first, &second, &unpaid]).await;
    assert!(ledger > 0);

    let auditor = app.token(org, Role::Auditor);
    let year = this_year();
    for by in ["outlet", "company", "month", "budget_line", "unit"] {
        let body = report(&app, &auditor, &format!("fiscal_year={year}&by={by}")).await;
        assert_eq!((body["fiscal_year"].as_i64(), body["by"].as_str()), (Some(i64::from(year)), Some(by)));
        let rows = body["rows"].as_array().unwrap();
        let sum: i64 = rows.iter().map(|row| amount(&row["realised"])).sum();
        assert_eq!(sum, ledger, "{by}: the rows add up to the budget lines' realised");
        assert_eq!(amount(&body["total"]["realised"]), ledger, "{by}: the total too");
        assert_eq!(body["total"]["orders"], 2, "{by}: two orders were paid");
        let expected_rows = match by {
            "month" | "unit" => 1,
            _ => 2,
        };
        assert_eq!(rows.len(), expected_rows, "{by}: {body}");
        for row in rows {
            assert_eq!(amount(&row["realised"]), amount(&row["amount"]) + amount(&row["vat"]), "{by}: {row}");
        }
    }
    let by_outlet = report(&app, &auditor, &format!("fiscal_year={year}&by=outlet")).await;
    let outlets: Vec<&str> =
        by_outlet["rows"].as_array().unwrap().iter().map(|row| row["key"].as_str().unwrap()).collect();
    for agreement in [&first, &second] {
        assert!(outlets.contains(&agreement["outlet_id"].as_str().unwrap()), "{by_outlet}");
    }
    let by_month = report(&app, &auditor, &format!("fiscal_year={year}&by=month")).await;
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_eq!(by_month["rows"][0]["key"], this_month.as_str());

    // The unit's lines hold all of it; another unit's none; another year nothing.
    let unit = org.unit_id;
    let mine = report(&app, &auditor, &format!("fiscal_year={year}&by=budget_line&unit_id={unit}")).await;
    assert_eq!(amount(&mine["total"]["realised"]), ledger);
    let other = report(&app, &auditor, &format!("fiscal_year={year}&by=outlet&unit_id={}", uuid::Uuid::now_v7())).await;
    assert_eq!((other["rows"].as_array().unwrap().len(), amount(&other["total"]["realised"])), (0, 0));
    let last_year = report(&app, &auditor, &format!("fiscal_year={}&by=outlet", year - 1)).await;
    assert_eq!(last_year["rows"].as_array().unwrap().len(), 0);

    // The CSV carries the same numbers, its last line the total.
    let csv = app.get(&auditor, &format!("/api/v1/reports/realisation?fiscal_year={year}&by=outlet&format=csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains(&format!("realisation-{year}-outlet.csv")));
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "key,code,label,orders,amount,vat,realised");
    assert_eq!(lines.len(), 4, "header, two outlets, total: {text}");
    let realised_of = |line: &str| line.rsplit(',').next().unwrap().parse::<i64>().unwrap();
    assert_eq!(realised_of(lines[1]) + realised_of(lines[2]), ledger);
    assert!(lines[3].starts_with("total,"), "{text}");
    assert_eq!(realised_of(lines[3]), ledger);
    for (line, row) in lines[1..3].iter().zip(by_outlet["rows"].as_array().unwrap()) {
        assert!(line.starts_with(row["key"].as_str().unwrap()), "same rows in the same order: {line} / {row}");
        assert_eq!(realised_of(line), amount(&row["realised"]));
    }

    // Beta's auditor sees none of alpha's money.
    let beta = app.token(&app.beta, Role::Auditor);
    let theirs = report(&app, &beta, &format!("fiscal_year={year}&by=outlet")).await;
    assert_eq!((theirs["rows"].as_array().unwrap().len(), amount(&theirs["total"]["realised"])), (0, 0));
}

#[tokio::test]
async fn a_report_asked_wrongly_is_a_problem() {
    let app = spawn().await;
    let auditor = app.token(&app.alpha, Role::Auditor);
    let year = this_year();
    for (query, field) in [
        (format!("fiscal_year={year}"), None),
        (format!("fiscal_year={year}&by=tone_of_coverage"), None),
        ("by=outlet".to_owned(), None),
        ("fiscal_year=1999&by=outlet".to_owned(), Some("fiscal_year")),
        (format!("fiscal_year={year}&by=outlet&format=pdf"), None),
        (format!("fiscal_year={year}&by=outlet&unit_id=not-a-uuid"), None),
    ] {
        let response = app.get(&auditor, &format!("/api/v1/reports/realisation?{query}")).await;
        let problem = assert_problem(response, StatusCode::BAD_REQUEST, "invalid_query_parameter").await;
        if let Some(field) = field {
            assert_eq!(problem["errors"][0]["field"], field, "{query}: {problem}");
        }
    }
}

#[tokio::test]
async fn agreements_stand_against_their_ceilings_and_orders_by_state_count_every_order() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let paid = paid_agreement(&app, org).await;
    let open = agreement_at(&app, org, Signed::Active, 5).await;
    crate::finance::accepted_order(&app, org, &open, 2).await;
    let _draft = agreement_at(&app, org, Signed::Draft, 1).await;
    let auditor = app.token(org, Role::Auditor);
    let year = this_year();

    let report = app.get(&auditor, &format!("/api/v1/reports/agreements?fiscal_year={year}")).await;
    assert_eq!(report.status(), StatusCode::OK);
    let report: Value = report.json().await.unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "drafts are not agreements yet: {report}");
    let mut sum = 0;
    for agreement in [&paid, &open] {
        let now = get(&app, org, &format!("/api/v1/agreements/{}", agreement["id"].as_str().unwrap())).await;
        let row = rows.iter().find(|row| row["agreement_id"] == now["id"]).unwrap();
        assert_eq!(row["number"], now["number"]);
        for figure in ["ceiling", "committed", "realised"] {
            assert_eq!(amount(&row[figure]), amount(&now[figure]), "{figure}: {row}");
        }
        let remaining = amount(&now["ceiling"]) - amount(&now["committed"]) - amount(&now["realised"]);
        assert_eq!(amount(&row["remaining"]), remaining);
        sum += amount(&now["realised"]);
    }
    assert!(sum > 0);
    assert_eq!((report["total"]["agreements"].as_i64(), amount(&report["total"]["realised"])), (Some(2), sum));
    let csv = app.get(&auditor, &format!("/api/v1/reports/agreements?fiscal_year={year}&format=csv")).await;
    let text = csv.text().await.unwrap();
    let total = text.lines().last().unwrap();
    assert!(total.starts_with("total,2,"), "{text}");
    assert_eq!(total.split(',').nth(8).unwrap().parse::<i64>().unwrap(), sum, "{text}");

    let by_state: Value =
        app.get(&auditor, &format!("/api/v1/reports/orders-by-state?fiscal_year={year}")).await.json().await.unwrap();
    let orders = get(&app, org, &format!("/api/v1/orders?fiscal_year={year}&limit=100")).await;
    let orders = orders["items"].as_array().unwrap();
    let states: Vec<&str> =
        by_state["rows"].as_array().unwrap().iter().map(|row| row["state"].as_str().unwrap()).collect();
    assert_eq!(states, vec!["accepted", "paid"], "in the order of an order's life: {by_state}");
    for row in by_state["rows"].as_array().unwrap() {
        let in_state: Vec<&Value> = orders.iter().filter(|order| order["state"] == row["state"]).collect();
        assert_eq!(row["orders"].as_u64(), Some(in_state.len() as u64));
        assert_eq!(amount(&row["amount"]), in_state.iter().map(|order| amount(&order["amount"])).sum::<i64>());
        assert_eq!(
            (row["aged_0_30"].as_u64(), row["oldest_age_days"].as_i64()),
            (Some(in_state.len() as u64), Some(0))
        );
    }
    assert_eq!(by_state["total"]["orders"].as_u64(), Some(orders.len() as u64));

    let another_unit = uuid::Uuid::now_v7();
    let none: Value = app
        .get(&auditor, &format!("/api/v1/reports/orders-by-state?fiscal_year={year}&unit_id={another_unit}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((none["rows"].as_array().unwrap().len(), none["total"]["orders"].as_i64()), (0, Some(0)));
}

fn rows(report: &Value) -> &Vec<Value> {
    report["rows"].as_array().unwrap()
}

async fn report_at(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.get(token, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// The last field of a CSV line, as a number.
fn last_figure(line: &str) -> i64 {
    line.rsplit(',').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn what_is_owed_is_aged_per_company_and_adds_up_to_the_finance_list() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let _paid = paid_agreement(&app, org).await;
    // Verified and not billed: owed at verified quantity x unit price.
    let verified = agreement_at(&app, org, Signed::Active, 3).await;
    let waiting = verified_order(&app, org, &verified).await;
    // Billed and accepted, not paid: owed at its invoice's gross.
    let billed = agreement_at(&app, org, Signed::Active, 3).await;
    let billed_order = verified_order(&app, org, &billed).await;
    invoice(&app, org, &billed["company_id"], &[&billed_order], true).await;
    // Published 45 days ago by the books.
    let long_ago = jakarta_today() - chrono::Duration::days(45);
    app.tamper(&format!(
        "UPDATE orders SET published_on = '{long_ago}' WHERE {ALPHA} AND number = '{}'",
        waiting["number"].as_str().unwrap()
    ))
    .await;

    let auditor = app.token(org, Role::Auditor);
    let year = this_year();
    let report = report_at(&app, &auditor, &format!("/api/v1/reports/owed?fiscal_year={year}")).await;
    let owed = get(&app, org, &format!("/api/v1/finance/owed?fiscal_year={year}")).await;
    let owed = owed.as_array().unwrap();
    assert_eq!(owed.len(), 2, "{owed:?}");
    let listed: i64 = owed.iter().map(|item| amount(&item["amount"])).sum();
    assert_eq!(amount(&report["total"]["amount"]), listed, "{report}");
    assert_eq!((report["total"]["companies"].as_i64(), report["total"]["orders"].as_i64()), (Some(2), Some(2)));
    for item in owed {
        let row = rows(&report).iter().find(|row| row["company_id"] == item["company_id"]).unwrap();
        assert_eq!(amount(&row["amount"]), amount(&item["amount"]), "{row} / {item}");
    }
    let late = rows(&report).iter().find(|row| row["company_id"] == verified["company_id"]).unwrap();
    assert_eq!(
        (late["oldest_age_days"].as_i64(), late["oldest_since"].as_str()),
        (Some(45), Some(&*long_ago.to_string()))
    );
    assert_eq!((amount(&late["owed_31_60"]), amount(&late["owed_0_30"])), (amount(&late["amount"]), 0), "{late}");
    let fresh = rows(&report).iter().find(|row| row["company_id"] == billed["company_id"]).unwrap();
    assert_eq!(amount(&fresh["owed_0_30"]), amount(&fresh["amount"]), "{fresh}");
    assert_eq!(amount(&report["total"]["owed_31_60"]) + amount(&report["total"]["owed_0_30"]), listed);

    let csv = app.get(&auditor, &format!("/api/v1/reports/owed?fiscal_year={year}&format=csv")).await;
    let text = csv.text().await.unwrap();
    let total = text.lines().last().unwrap();
    assert!(total.starts_with("total,2,2,"), "{text}");
    assert_eq!(total.split(',').nth(3).unwrap().parse::<i64>().unwrap(), listed, "{text}");

    let beta = app.token(&app.beta, Role::Auditor);
    let theirs = report_at(&app, &beta, &format!("/api/v1/reports/owed?fiscal_year={year}")).await;
    assert_eq!(rows(&theirs).len(), 0);
}

#[tokio::test]
async fn fairness_shares_the_spending_over_outlets_and_tiers_with_its_concentration() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let (first, second) = (paid_agreement(&app, org).await, paid_agreement(&app, org).await);
    // Let in and paid nothing: a row of zero, which the Gini coefficient counts.
    let idle = agreement_at(&app, org, Signed::Active, 2).await;
    let auditor = app.token(org, Role::Auditor);
    let year = this_year();

    let by_outlet = report_at(&app, &auditor, &format!("/api/v1/reports/fairness?fiscal_year={year}&by=outlet")).await;
    let ledger = ledger(&app, org, &[&first, &second, &idle]).await;
    let realisation = report(&app, &auditor, &format!("fiscal_year={year}&by=outlet")).await;
    assert_eq!(amount(&by_outlet["total"]["realised"]), ledger, "{by_outlet}");
    assert_eq!(amount(&realisation["total"]["realised"]), ledger);
    assert_eq!(rows(&by_outlet).len(), 3, "{by_outlet}");
    assert_eq!(by_outlet["total"]["groups"], 3);
    let last = rows(&by_outlet).last().unwrap();
    assert_eq!(
        (last["key"].as_str(), amount(&last["realised"]), last["share"].as_f64()),
        (idle["outlet_id"].as_str(), 0, Some(0.0))
    );
    let shares: f64 = rows(&by_outlet).iter().map(|row| row["share"].as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 0.001, "shares add up to one: {by_outlet}");
    for row in rows(&by_outlet) {
        let expected = amount(&row["realised"]) as f64 / ledger as f64;
        assert!((row["share"].as_f64().unwrap() - expected).abs() < 0.0001, "{row}");
    }
    // Three outlets, two paid the same and one nothing: G = 1/3.
    let realised: Vec<i64> = rows(&by_outlet).iter().map(|row| amount(&row["realised"])).collect();
    let n = realised.len() as f64;
    let mean = realised.iter().sum::<i64>() as f64 / n;
    let differences: i64 = realised.iter().flat_map(|a| realised.iter().map(move |b| (a - b).abs())).sum();
    let gini = differences as f64 / (2.0 * n * n * mean);
    assert!((by_outlet["total"]["gini"].as_f64().unwrap() - gini).abs() < 0.0001, "{by_outlet}");
    assert_eq!(by_outlet["total"]["top_ten_share"].as_f64(), Some(1.0));

    let by_tier = report_at(&app, &auditor, &format!("/api/v1/reports/fairness?fiscal_year={year}&by=tier")).await;
    assert_eq!(amount(&by_tier["total"]["realised"]), ledger);
    let outlets: i64 = rows(&by_tier).iter().map(|row| row["outlets"].as_i64().unwrap()).sum();
    assert_eq!(outlets, 3, "{by_tier}");
    assert_eq!(rows(&by_tier)[0]["key"], first["tier"], "{by_tier}");

    let csv = app.get(&auditor, &format!("/api/v1/reports/fairness?fiscal_year={year}&by=outlet&format=csv")).await;
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "key,label,company,outlets,agreements,ceiling,realised,share");
    assert_eq!(lines.len(), 1 + 3 + 3, "header, three outlets, total, top ten, gini: {text}");
    assert!(lines[4].starts_with("total,3,"), "{text}");
    assert_eq!(lines[4].split(',').nth(6).unwrap().parse::<i64>().unwrap(), ledger);
    assert_eq!(lines[6], format!("gini,,,,,,,{:.4}", by_outlet["total"]["gini"].as_f64().unwrap()));

    let beta = app.token(&app.beta, Role::Auditor);
    let theirs = report_at(&app, &beta, &format!("/api/v1/reports/fairness?fiscal_year={year}&by=outlet")).await;
    assert_eq!((rows(&theirs).len(), theirs["total"]["gini"].as_f64()), (0, Some(0.0)));
}

#[tokio::test]
async fn the_quarterly_disclosure_names_body_owner_outlet_period_and_amount() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let (first, second) = (paid_agreement(&app, org).await, paid_agreement(&app, org).await);
    let ledger = ledger(&app, org, &[&first, &second]).await;
    let auditor = app.token(org, Role::Auditor);
    let today = jakarta_today();
    let year = today.year();
    let quarter = today.month0() / 3 + 1;

    let whole = report_at(&app, &auditor, &format!("/api/v1/reports/disclosure?fiscal_year={year}")).await;
    assert_eq!(amount(&whole["total"]["amount"]), ledger, "{whole}");
    assert_eq!(rows(&whole).len(), 2);
    for row in rows(&whole) {
        assert_eq!(row["period"], format!("{year}-Q{quarter}"));
        assert_eq!(row["public_body"], format!("Pemerintah Kabupaten {}", org.slug));
        for field in ["unit", "media_owner", "outlet", "media_type"] {
            assert!(!row[field].as_str().unwrap().is_empty(), "{field}: {row}");
        }
    }
    let owners: Vec<&str> = rows(&whole).iter().map(|row| row["media_owner"].as_str().unwrap()).collect();
    for agreement in [&first, &second] {
        assert!(owners.contains(&agreement["company_name"].as_str().unwrap()), "{whole}");
    }
    let this_quarter =
        report_at(&app, &auditor, &format!("/api/v1/reports/disclosure?fiscal_year={year}&quarter={quarter}")).await;
    assert_eq!(amount(&this_quarter["total"]["amount"]), ledger);
    let other_quarter = quarter % 4 + 1;
    let other =
        report_at(&app, &auditor, &format!("/api/v1/reports/disclosure?fiscal_year={year}&quarter={other_quarter}"))
            .await;
    assert_eq!((rows(&other).len(), amount(&other["total"]["amount"])), (0, 0));

    let csv =
        app.get(&auditor, &format!("/api/v1/reports/disclosure?fiscal_year={year}&quarter={quarter}&format=csv")).await;
    assert!(
        csv.headers()["content-disposition"].to_str().unwrap().contains(&format!("disclosure-{year}-q{quarter}.csv"))
    );
    let text = csv.text().await.unwrap();
    assert_eq!(text.lines().next(), Some("period,public_body,unit,media_owner,outlet,media_type,amount"));
    assert_eq!(last_figure(text.lines().last().unwrap()), ledger, "{text}");

    for query in
        [format!("fiscal_year={year}&quarter=5"), format!("fiscal_year={year}&quarter=0"), "quarter=1".to_owned()]
    {
        let response = app.get(&auditor, &format!("/api/v1/reports/disclosure?{query}")).await;
        assert_problem(response, StatusCode::BAD_REQUEST, "invalid_query_parameter").await;
    }
    let response = app.get(&auditor, &format!("/api/v1/reports/fairness?fiscal_year={year}&by=gender")).await;
    assert_problem(response, StatusCode::BAD_REQUEST, "invalid_query_parameter").await;
}

#[tokio::test]
async fn a_report_carries_the_newest_signed_checkpoint_of_the_trail_it_was_drawn_from() {
    let app = spawn().await;
    let auditor = app.token(&app.alpha, Role::Auditor);
    let year = this_year();
    let path = format!("/api/v1/reports/agreements?fiscal_year={year}");
    let unsigned = report_at(&app, &auditor, &path).await;
    assert_eq!(unsigned["checkpoint"], Value::Null, "{unsigned}");

    let admin = app.token(&app.alpha, Role::Admin);
    let signed = app.post(&admin, "/api/v1/audit-checkpoints", &serde_json::json!({})).await;
    assert!(signed.status().is_success(), "{:?}", signed.text().await);
    let signed: Value = signed.json().await.unwrap();
    for path in [path.clone(), format!("/api/v1/reports/owed?fiscal_year={year}")] {
        let report = report_at(&app, &auditor, &path).await;
        assert_eq!(report["checkpoint"]["sequence"], signed["sequence"], "{report}");
        assert_eq!(report["checkpoint"]["signature"], signed["signature"]);
    }
    let csv = app.get(&auditor, &format!("{path}&format=csv")).await;
    let header = csv.headers()["mitra-audit-checkpoint"].to_str().unwrap().to_owned();
    assert!(header.starts_with(&format!("sequence={}, hash={}", signed["sequence"], signed["hash"].as_str().unwrap())));
    assert!(header.ends_with(&format!("signature={}", signed["signature"].as_str().unwrap())), "{header}");
    // Beta's reports carry beta's checkpoint, never alpha's.
    let theirs = report_at(&app, &app.token(&app.beta, Role::Auditor), &path).await;
    assert_eq!(theirs["checkpoint"], Value::Null);
}
