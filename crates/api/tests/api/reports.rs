//! Reports as an auditor pulls them: the sums equal the ledger, JSON and CSV carry the same
//! numbers, and another organisation's money never shows.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::agreements::{Signed, agreement_at, amount, get};
use crate::applications::{open_call, this_year};
use crate::finance::{account, invoice, payment_body, treasurer_post, verified_order};
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

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
