//! Earlier years' records imported from CSV: previewed without storing, stored whole or not at
//! all, each marked with its import; and the exceptions report drawn from them, empty on clean
//! records and naming each audit finding class an imported record raises.

use mitra_domain::access::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};

pub const COMPANIES: &str = "npwp,legal_name,eligible_from,eligible_until,verified_account";
pub const AGREEMENTS: &str = "number,fiscal_year,company_npwp,outlet,unit_code,budget_line_code,budget_line_ceiling,starts_on,ends_on,ceiling,product,unit_price,rate_card_price";
pub const ORDERS: &str =
    "number,agreement_number,issued_on,quantity,unit_price,amount,published_on,proof_url,proof_verified";
pub const PAYMENTS: &str = "sp2d_number,paid_on,company_npwp,order_number,invoice_number,account_number,amount";

/// Sends `csv` as an import file of `kind` (`query` such as `dry_run=true`).
pub async fn send_import(app: &TestApp, token: &str, kind: &str, query: &str, csv: &str) -> Response {
    app.request(Method::POST, &format!("/api/v1/history/imports/{kind}?{query}"))
        .bearer_auth(token)
        .header("Content-Type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

/// Imports `csv` as `org`'s admin and expects it stored.
pub async fn import(app: &TestApp, org: &TestOrg, kind: &str, csv: &str) -> Value {
    let response = send_import(app, &app.token(org, Role::Admin), kind, "", csv).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{kind}: {}", response.text().await.unwrap());
    response.json().await.unwrap()
}

/// A year's records that break no rule: two companies eligible all year with verified accounts,
/// an agreement each at the rate card, an order each with a verified proof, each paid into the
/// verified account. `set` keeps numbers apart between sets.
pub struct Records {
    pub companies: Vec<String>,
    pub agreements: Vec<String>,
    pub orders: Vec<String>,
    pub payments: Vec<String>,
}

impl Records {
    pub fn clean(year: i32, set: u32) -> Records {
        let npwp = |n: u32| format!("09{set:02}{n:012}");
        Records {
            companies: vec![
                format!("{},PT Kabar {set},{year}-01-01,{year}-12-31,ACC-{set}-1", npwp(1)),
                format!("{},\"PT Warta, {set}\",{year}-01-01,,ACC-{set}-2", npwp(2)),
            ],
            agreements: vec![
                format!(
                    "PKS-{set}-1,{year},{},Kabar {set} Online,DISKOMINFO,BL-{set},100000000,{year}-01-01,{year}-12-31,50000000,advertorial,2000000,2000000",
                    npwp(1)
                ),
                format!(
                    "PKS-{set}-2,{year},{},Warta {set},DISKOMINFO,BL-{set},100000000,{year}-01-01,{year}-12-31,30000000,advertorial,1500000,2000000",
                    npwp(2)
                ),
            ],
            orders: vec![
                format!(
                    "SP-{set}-1,PKS-{set}-1,{year}-03-01,2,2000000,4000000,{year}-03-05,https://kabar.example/{set}/1,true"
                ),
                format!(
                    "SP-{set}-2,PKS-{set}-2,{year}-04-01,1,1500000,1500000,{year}-04-03,https://warta.example/{set}/2,ya"
                ),
            ],
            payments: vec![
                format!("SP2D-{set}-1,{year}-03-20,{},SP-{set}-1,INV-{set}-1,ACC-{set}-1,4000000", npwp(1)),
                format!("SP2D-{set}-2,{year}-04-20,{},SP-{set}-2,INV-{set}-2,ACC-{set}-2,1500000", npwp(2)),
            ],
        }
    }

    pub fn npwp(set: u32, n: u32) -> String {
        format!("09{set:02}{n:012}")
    }

    /// Imports the four files in their order.
    pub async fn import(&self, app: &TestApp, org: &TestOrg) {
        let file = |header: &str, rows: &[String]| format!("{header}\n{}\n", rows.join("\n"));
        import(app, org, "companies", &file(COMPANIES, &self.companies)).await;
        import(app, org, "agreements", &file(AGREEMENTS, &self.agreements)).await;
        import(app, org, "orders", &file(ORDERS, &self.orders)).await;
        import(app, org, "payments", &file(PAYMENTS, &self.payments)).await;
    }
}

async fn batches(app: &TestApp, org: &TestOrg) -> Vec<Value> {
    let response = app.get(&app.token(org, Role::Auditor), "/api/v1/history/imports?limit=100").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page: Value = response.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn four_clean_files_are_imported_in_order_each_row_marked_with_its_batch() {
    let app = spawn().await;
    let org = &app.alpha;
    Records::clean(2022, 1).import(&app, org).await;
    let listed = batches(&app, org).await;
    let kinds: Vec<&str> = listed.iter().map(|batch| batch["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["payments", "orders", "agreements", "companies"], "newest first");
    assert!(listed.iter().all(|batch| batch["rows"] == 2 && batch["sha256"].as_str().unwrap().len() == 64));
    assert_eq!(listed[0]["imported_by"], org.user_id(Role::Admin).to_string());

    // The import is one audit event with the batch.
    let events: Value =
        app.get(&app.token(org, Role::Auditor), "/api/v1/audit-events?limit=100").await.json().await.unwrap();
    let imported =
        events["items"].as_array().unwrap().iter().filter(|event| event["action"] == "history_batch.imported").count();
    assert_eq!(imported, 4, "{events}");

    // The same file twice is refused.
    let again = send_import(
        &app,
        &app.token(org, Role::Admin),
        "companies",
        "",
        &format!("{COMPANIES}\n{}\n", Records::clean(2022, 1).companies.join("\n")),
    )
    .await;
    let problem = assert_problem(again, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["row"] == 1 && e["column"] == "file"), "{problem}");
}

/// Overlapping files sent at the same moment: each record is stored once, by one of them; the
/// others are refused - as already imported when the winner had committed before their check,
/// as imported meanwhile (409) when both checks ran before either stored - and none fails.
#[tokio::test]
async fn overlapping_imports_sent_at_once_store_each_record_once() {
    let app = spawn().await;
    let org = &app.alpha;
    let token = app.token(org, Role::Admin);
    let rows = Records::clean(2021, 7).companies;
    // Different files (the rows in another order, or one of them alone) with the same NPWPs.
    let files = [
        format!("{COMPANIES}\n{}\n{}\n", rows[0], rows[1]),
        format!("{COMPANIES}\n{}\n{}\n", rows[1], rows[0]),
        format!("{COMPANIES}\n{}\n", rows[0]),
        format!("{COMPANIES}\n{}\n", rows[1]),
        format!("{COMPANIES}\n{}\n{}\n", rows[0], rows[1]),
        format!("{COMPANIES}\n{}\n{}\n", rows[1], rows[0]),
    ];
    let sent = files.iter().map(|file| send_import(&app, &token, "companies", "", file));
    let mut stored = 0;
    for response in futures_util::future::join_all(sent).await {
        match response.status() {
            StatusCode::CREATED => stored += 1,
            StatusCode::CONFLICT => {
                assert_problem(response, StatusCode::CONFLICT, "history_imported_meanwhile").await;
            }
            _ => {
                assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
            }
        }
    }
    let listed = batches(&app, org).await;
    let rows_stored: u64 = listed.iter().map(|batch| batch["rows"].as_u64().unwrap()).sum();
    assert!(stored >= 1 && listed.len() == stored, "{stored} answered stored, {} batches", listed.len());
    assert_eq!(rows_stored, 2, "each company once: {listed:?}");
}

#[tokio::test]
async fn a_preview_lists_every_refused_row_and_stores_nothing() {
    let app = spawn().await;
    let org = &app.alpha;
    let admin = app.token(org, Role::Admin);
    import(&app, org, "companies", &format!("{COMPANIES}\n{},PT Ada,2021-01-01,2021-12-31,1\n", Records::npwp(5, 1)))
        .await;
    let head = app.audit_head(org).await;
    let before = batches(&app, org).await.len();
    let file = format!(
        "{AGREEMENTS}\n\
         PKS-1,2021,{known},Kabar,DISKOMINFO,BL-1,100000000,2021-01-01,2021-12-31,50000000,advertorial,9000000,2000000\n\
         PKS-2,2021,{unknown},Kabar,DISKOMINFO,BL-1,100000000,2021-01-01,2021-12-31,50000000,advertorial,2000000,2000000\n\
         PKS-1,tahun,{known},Kabar,DISKOMINFO,BL-1,100000000,31/12/2021,2021-12-31,-5,advertorial,2000000,2000000\n",
        known = Records::npwp(5, 1),
        unknown = Records::npwp(5, 9),
    );
    let response = send_import(&app, &admin, "agreements", "dry_run=true", &file).await;
    assert_eq!(response.status(), StatusCode::OK);
    let preview: Value = response.json().await.unwrap();
    assert_eq!(preview["kind"], "agreements");
    assert_eq!(preview["rows"], 3);
    assert_eq!(preview["valid"], false);
    let errors: Vec<(i64, &str, &str)> = preview["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["column"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    // A price above the rate card (row 2) is an exception to report, not a refusal.
    assert_eq!(
        errors,
        [
            (3, "company_npwp", "unknown_reference"),
            (4, "fiscal_year", "invalid_format"),
            (4, "starts_on", "invalid_format"),
            (4, "ceiling", "out_of_range"),
        ],
        "{preview}"
    );
    assert_eq!(preview["sample"][0]["number"], "PKS-1");
    assert_eq!(preview["sample"][0]["unit_price"]["amount"], "9000000");
    assert_eq!(app.audit_head(org).await, head, "a preview stores nothing");
    assert_eq!(batches(&app, org).await.len(), before);

    // Imported for real, the same file is refused whole with the same refusals.
    let response = send_import(&app, &admin, "agreements", "", &file).await;
    let problem = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    assert_eq!(problem["errors"], preview["errors"]);
    assert_eq!(app.audit_head(org).await, head, "a refused import stores nothing");
    assert_eq!(batches(&app, org).await.len(), before);

    // Numbers given twice in one file, or already imported, are refused by row.
    let twice = format!(
        "{COMPANIES}\n{a},PT Satu,,,\n{a},PT Dua,,,\n{known},PT Tiga,,,\n",
        a = Records::npwp(5, 2),
        known = Records::npwp(5, 1)
    );
    let response = send_import(&app, &admin, "companies", "", &twice).await;
    let problem = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    let rows: Vec<i64> = problem["errors"].as_array().unwrap().iter().map(|e| e["row"].as_i64().unwrap()).collect();
    assert_eq!(rows, [3, 4], "{problem}");

    // A header lacking a column refuses the file at row 1.
    let response = send_import(&app, &admin, "companies", "dry_run=true", "npwp,nama\n1,2\n").await;
    let preview: Value = response.json().await.unwrap();
    assert!(preview["errors"].as_array().unwrap().iter().all(|e| e["row"] == 1), "{preview}");
    assert_eq!(preview["valid"], false);
}

#[tokio::test]
async fn imports_are_csv_of_at_most_twenty_megabytes_and_only_admins_import() {
    let app = spawn().await;
    let org = &app.alpha;
    let admin = app.token(org, Role::Admin);
    let json = app.post(&admin, "/api/v1/history/imports/companies", &serde_json::json!({})).await;
    assert_problem(json, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    let huge = format!("{COMPANIES}\n{}", "x".repeat(20 * 1024 * 1024 + 1));
    assert_problem(
        send_import(&app, &admin, "companies", "", &huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    let unknown = send_import(&app, &admin, "invoices", "", COMPANIES).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    let file = format!("{COMPANIES}\n{},PT Ada,,,\n", Records::npwp(6, 1));
    for role in [Role::Auditor, Role::Officer, Role::Treasurer, Role::Verifier] {
        let refused = send_import(&app, &app.token(org, role), "companies", "dry_run=true", &file).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{role}");
    }
    let imported = import(&app, org, "companies", &file).await;
    assert_eq!(imported["file_name"], "companies.csv");
    let named = send_import(
        &app,
        &admin,
        "companies",
        "file_name=perusahaan-2021.csv",
        &format!("{COMPANIES}\n{},PT Lain,,,\n", Records::npwp(6, 2)),
    )
    .await;
    let named: Value = named.json().await.unwrap();
    assert_eq!(named["file_name"], "perusahaan-2021.csv");
}

/// The exceptions report of `year` as `role` of `org` (`extra` such as `&split_threshold=5`).
async fn exceptions(app: &TestApp, org: &TestOrg, role: Role, year: i32, extra: &str) -> Value {
    let response =
        app.get(&app.token(org, role), &format!("/api/v1/reports/exceptions?fiscal_year={year}{extra}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// A clean set of records for `year`, changed so that it raises `class` only, with the
/// references the report must name for it.
fn breaking(class: &str, year: i32, set: u32) -> (Records, Vec<String>) {
    let mut records = Records::clean(year, set);
    let npwp = |n| Records::npwp(set, n);
    let expected: Vec<String> = match class {
        "price_above_rate_card" => {
            records.agreements[0] = records.agreements[0].replace(",2000000,2000000", ",2500000,2000000");
            vec![format!("PKS-{set}-1")]
        }
        "paid_without_verified_proof" => {
            records.orders[0] = records.orders[0].replace(",true", ",false");
            vec![format!("SP2D-{set}-1")]
        }
        "paid_without_order" => {
            records.payments[1] = records.payments[1].replace(&format!(",SP-{set}-2,"), ",,");
            vec![format!("SP2D-{set}-2")]
        }
        "order_outside_agreement_period" => {
            records.agreements[1] = records.agreements[1]
                .replace(&format!("{year}-01-01,{year}-12-31"), &format!("{year}-06-01,{year}-12-31"));
            vec![format!("SP-{set}-2")]
        }
        "company_ineligible_when_ordered" => {
            records.companies[1] = format!("{},\"PT Warta, {set}\",{year}-06-01,,ACC-{set}-2", npwp(2));
            vec![format!("SP-{set}-2")]
        }
        "proof_reused" => {
            records.orders[1] = records.orders[1]
                .replace(&format!("https://warta.example/{set}/2"), &format!("https://kabar.example/{set}/1"));
            vec![format!("SP-{set}-1"), format!("SP-{set}-2")]
        }
        "invoice_number_reused" => {
            records.orders.push(format!(
                "SP-{set}-3,PKS-{set}-1,{year}-06-01,1,2000000,2000000,{year}-06-03,https://kabar.example/{set}/3,true"
            ));
            records
                .payments
                .push(format!("SP2D-{set}-3,{year}-06-20,{},SP-{set}-3,INV-{set}-1,ACC-{set}-1,2000000", npwp(1)));
            vec![format!("SP2D-{set}-1"), format!("SP2D-{set}-3")]
        }
        "payment_to_unverified_account" => {
            records.payments[0] = records.payments[0].replace(&format!(",ACC-{set}-1,"), ",ACC-LAIN,");
            vec![format!("SP2D-{set}-1")]
        }
        "budget_line_over_ceiling" => {
            for agreement in &mut records.agreements {
                *agreement = agreement.replace(&format!("BL-{set},100000000"), &format!("BL-{set},5000000"));
            }
            vec![format!("BL-{set}")]
        }
        "outlet_priced_differently_by_units" => {
            records.agreements[1] =
                records.agreements[1].replace(&format!("Warta {set},DISKOMINFO"), &format!("Kabar {set} Online,SETDA"));
            vec![format!("PKS-{set}-1")]
        }
        "orders_split_under_threshold" => {
            records.orders[1] = format!(
                "SP-{set}-2,PKS-{set}-1,{year}-03-04,1,2000000,2000000,{year}-03-06,https://kabar.example/{set}/2,true"
            );
            vec![format!("SP-{set}-1")]
        }
        _ => unreachable!("{class}"),
    };
    (records, expected)
}

#[tokio::test]
async fn clean_history_has_no_exceptions_and_each_class_is_raised_by_the_record_that_breaks_it() {
    let app = spawn().await;
    let org = &app.alpha;
    Records::clean(2022, 99).import(&app, org).await;
    let clean = exceptions(&app, org, Role::Auditor, 2022, "&split_threshold=5000000").await;
    assert_eq!(clean["rows"], serde_json::json!([]), "{clean}");
    assert_eq!(clean["total"]["items"], 0);
    assert_eq!(clean["total"]["by_class"].as_object().unwrap().len(), 11);
    // A threshold past what the API writes as money is refused, not echoed back.
    let auditor = app.token(org, Role::Auditor);
    for threshold in ["1000000000000000", "0", "-5"] {
        let response = app
            .get(&auditor, &format!("/api/v1/reports/exceptions?fiscal_year=2022&split_threshold={threshold}"))
            .await;
        crate::helpers::assert_problem(response, reqwest::StatusCode::BAD_REQUEST, "invalid_query_parameter").await;
    }

    let classes = mitra_domain::history::ExceptionClass::ALL;
    for (at, class) in classes.iter().enumerate() {
        let (set, year) = (u32::try_from(at).unwrap() + 10, 2010 + i32::try_from(at).unwrap());
        let class = class.as_str();
        let (records, expected) = breaking(class, year, set);
        records.import(&app, org).await;
        let extra = if class == "orders_split_under_threshold" { "&split_threshold=5000000" } else { "" };
        let report = exceptions(&app, org, Role::Auditor, year, extra).await;
        let rows = report["rows"].as_array().unwrap();
        let named: Vec<(&str, &str)> =
            rows.iter().map(|row| (row["class"].as_str().unwrap(), row["reference"].as_str().unwrap())).collect();
        let wanted: Vec<(&str, &str)> = expected.iter().map(|reference| (class, reference.as_str())).collect();
        assert_eq!(named, wanted, "{class}: {report}");
        assert_eq!(report["total"]["items"], rows.len());
        assert_eq!(report["total"]["by_class"][class], rows.len());
        for row in rows {
            assert!(row["detail"].as_str().is_some_and(|detail| !detail.is_empty()));
            let link = row["link"].as_str().unwrap();
            assert!(link.ends_with(row["record_id"].as_str().unwrap()), "{row}");
            let record = app.get(&app.token(org, Role::Auditor), link).await;
            assert_eq!(record.status(), StatusCode::OK, "{link}");
            let record: Value = record.json().await.unwrap();
            assert_eq!(record["record"], row["record"]);
            if class != "budget_line_over_ceiling" {
                assert_eq!(record["reference"], row["reference"]);
            } else {
                assert_eq!(record["fields"]["budget_line_code"], row["reference"]);
            }
        }
        // Without the lower threshold, the split week is under the direct procurement limit.
        if class == "orders_split_under_threshold" {
            let default = exceptions(&app, org, Role::Auditor, year, "").await;
            assert_eq!(default["rows"], serde_json::json!([]), "{default}");
        }
    }
    // The clean year stays clean.
    let clean = exceptions(&app, org, Role::Officer, 2022, "").await;
    assert_eq!(clean["rows"], serde_json::json!([]));
}

#[tokio::test]
async fn the_csv_carries_the_same_items_and_another_organisation_sees_none() {
    let app = spawn().await;
    let org = &app.alpha;
    let (records, expected) = breaking("proof_reused", 2021, 3);
    records.import(&app, org).await;
    let json = exceptions(&app, org, Role::Auditor, 2021, "").await;
    assert_eq!(json["rows"].as_array().unwrap().len(), expected.len());
    let csv = app.get(&app.token(org, Role::Auditor), "/api/v1/reports/exceptions?fiscal_year=2021&format=csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "class,record,record_id,reference,detail,amount,link");
    let items: Vec<&str> = lines.iter().filter(|line| line.starts_with("proof_reused,")).copied().collect();
    assert_eq!(items.len(), expected.len(), "{text}");
    for (line, row) in items.iter().zip(json["rows"].as_array().unwrap()) {
        assert!(
            line.contains(row["record_id"].as_str().unwrap())
                && line.contains(row["amount"]["amount"].as_str().unwrap()),
            "{line}"
        );
    }
    assert!(
        lines.contains(
            &format!("total,,,{},,{},", expected.len(), json["total"]["amount"]["amount"].as_str().unwrap()).as_str()
        ),
        "{text}"
    );

    // Beta sees nothing of alpha's history, and none of its records.
    let beta = exceptions(&app, &app.beta, Role::Auditor, 2021, "").await;
    assert_eq!(beta["rows"], serde_json::json!([]));
    let link = json["rows"][0]["link"].as_str().unwrap();
    assert_eq!(app.get(&app.token(&app.beta, Role::Admin), link).await.status(), StatusCode::NOT_FOUND);
    assert!(batches(&app, &app.beta).await.is_empty());
}

#[tokio::test]
async fn a_file_of_many_rows_is_previewed_by_its_first_rows_and_stored_whole() {
    let app = spawn().await;
    let org = &app.alpha;
    let rows: Vec<String> =
        (1..=450).map(|n| format!("{},PT Arsip {n},2020-01-01,2020-12-31,{n}", Records::npwp(7, n))).collect();
    let file = format!("{COMPANIES}\n{}\n", rows.join("\n"));
    let preview: Value =
        send_import(&app, &app.token(org, Role::Admin), "companies", "dry_run=true", &file).await.json().await.unwrap();
    assert_eq!((preview["rows"].as_i64(), preview["valid"].as_bool()), (Some(450), Some(true)));
    assert_eq!(preview["sample"].as_array().unwrap().len(), 20);
    let batch = import(&app, org, "companies", &file).await;
    assert_eq!(batch["rows"], 450);
    let last =
        mitra_persistence::testing::history_company_id(&app.store, org.id, &Records::npwp(7, 450)).await.unwrap();
    let record: Value = app
        .get(&app.token(org, Role::Auditor), &format!("/api/v1/history/companies/{last}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(record["batch_id"], batch["id"]);
    assert_eq!(record["fields"]["legal_name"], "PT Arsip 450");
}
