//! A first start on an empty database shows a working region: logins for every role, this
//! year's policy, a press registry with something true in every state, and a year of money.

use mitra_api::{Application, Config, Source};
use mitra_domain::access::Role;
use mitra_persistence::testing::TestDatabase;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::JWT_KEYS;

#[tokio::test]
async fn a_new_database_starts_with_a_region_a_policy_and_a_registry_to_work_on() {
    let db = TestDatabase::empty().await;
    let data_dir = db.dir().join("data").display().to_string();
    let pairs = vec![
        ("MITRA_BIND", "127.0.0.1:0"),
        ("MITRA_DATA_DIR", data_dir.as_str()),
        ("DATABASE_URL", db.url.as_str()),
        ("MITRA_AUTO_MIGRATE", "true"),
        ("MITRA_DEMO_DATA", "true"),
        ("MITRA_JWT_KEYS", JWT_KEYS),
    ];
    let app = Application::build(Config::load(&Source::from_pairs(pairs)).unwrap()).await.unwrap();
    let url = app.url();
    let logins = app.demo_logins().expect("a new database is seeded").to_vec();
    assert_eq!(logins.len(), Role::ALL.len(), "one login per role");
    tokio::spawn(app.run());

    let client = reqwest::Client::new();
    // The auditor reads everything and changes nothing.
    let auditor = logins.iter().find(|login| login.role == Role::Auditor).unwrap();
    let session: Value = client
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({ "username": auditor.username, "password": auditor.password, "refresh_token_delivery": "body" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["access_token"].as_str().expect("the printed password logs in").to_owned();
    let get = async |path: &str| -> Value {
        let response = client.get(format!("{url}{path}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.unwrap()
    };

    let companies = get("/api/v1/press-companies?limit=100").await;
    let companies = companies["items"].as_array().unwrap();
    assert!(companies.len() >= 10, "a registry worth browsing: {}", companies.len());
    for status in ["active", "suspended", "blacklisted"] {
        assert!(companies.iter().any(|c| c["status"] == status), "a company that is {status}");
    }
    for standing in ["none", "registered", "administratively_verified", "factually_verified"] {
        assert!(companies.iter().any(|c| c["press_council_status"] == standing), "a company {standing}");
    }

    let outlets = get("/api/v1/outlets?limit=100").await;
    let outlets = outlets["items"].as_array().unwrap();
    for media_type in ["print", "online", "tv", "radio"] {
        assert!(outlets.iter().any(|o| o["media_type"] == media_type), "a {media_type} outlet");
    }
    let policies = get("/api/v1/policy-versions").await;
    let year = policies["items"][0]["fiscal_year"].as_i64().expect("this year's policy");
    let mut verdicts = Vec::new();
    for outlet in outlets {
        let path = format!("/api/v1/outlets/{}/eligibility?fiscal_year={year}", outlet["id"].as_str().unwrap());
        verdicts.push(get(&path).await["eligible"].as_bool().unwrap());
    }
    assert!(verdicts.contains(&true) && verdicts.contains(&false), "eligible and ineligible outlets: {verdicts:?}");

    let windows = get("/api/v1/registration-windows").await;
    assert!(windows.as_array().unwrap().iter().any(|w| w["open"] == true), "an open window: {windows}");
    let applications = get(&format!("/api/v1/applications?fiscal_year={year}")).await;
    let states: Vec<&str> =
        applications["items"].as_array().unwrap().iter().map(|a| a["state"].as_str().unwrap()).collect();
    for state in ["draft", "submitted", "in_review", "revision_requested", "approved"] {
        assert!(states.contains(&state), "an application {state}: {states:?}");
    }
    let in_review = applications["items"].as_array().unwrap().iter().find(|a| a["state"] == "in_review").unwrap();
    let readiness = get(&format!("/api/v1/applications/{}/readiness", in_review["id"].as_str().unwrap())).await;
    let documents = readiness["requirements"].as_array().unwrap();
    assert!(documents.iter().filter(|r| r["requirement"]["mandatory"] == true).all(|r| r["document"].is_object()));
    let expiring = get("/api/v1/application-documents/expiring?within_days=30").await;
    assert_eq!(expiring["items"].as_array().unwrap().len(), 1, "one certificate runs out soon: {expiring}");

    // A year of money, consistent with every rule.
    let amount = |value: &Value| value["amount"].as_str().unwrap().parse::<i64>().unwrap();
    let lines = get(&format!("/api/v1/budget-lines?fiscal_year={year}")).await;
    let lines = lines["items"].as_array().unwrap();
    assert!(lines.len() >= 2, "budget lines: {lines:?}");
    assert!(lines.iter().any(|line| line["revisions"].as_i64() > Some(0)), "a revised ceiling");
    let agreements = get(&format!("/api/v1/agreements?fiscal_year={year}&state=active")).await;
    let agreements = agreements["items"].as_array().unwrap();
    assert!(agreements.len() >= 2, "active agreements");
    let orders = get(&format!("/api/v1/orders?fiscal_year={year}&limit=100")).await;
    let orders = orders["items"].as_array().unwrap();
    let order_states: Vec<&str> = orders.iter().map(|o| o["state"].as_str().unwrap()).collect();
    for state in ["issued", "published", "proof_verified", "invoiced", "paid", "cancelled"] {
        assert!(order_states.contains(&state), "an order {state}: {order_states:?}");
    }
    for line in lines {
        // Derived, never typed: what each line holds is what its orders and payments add up to.
        let on_line: Vec<&Value> = orders.iter().filter(|o| o["budget_line_id"] == line["id"]).collect();
        let open: i64 = on_line
            .iter()
            .filter(|o| !["paid", "cancelled", "declined"].contains(&o["state"].as_str().unwrap()))
            .map(|o| {
                o["unit_price"]["amount"].as_str().unwrap().parse::<i64>().unwrap()
                    * o["verified_quantity"].as_i64().unwrap_or(o["quantity"].as_i64().unwrap())
            })
            .sum();
        assert_eq!(amount(&line["committed"]), open, "committed on {}", line["name"]);
        assert!(amount(&line["committed"]) + amount(&line["realised"]) <= amount(&line["ceiling"]));
    }
    let invoices = get(&format!("/api/v1/invoices?fiscal_year={year}")).await;
    let invoices = invoices["items"].as_array().unwrap();
    assert!(invoices.iter().any(|i| i["state"] == "paid" && i["payment"]["net"].is_object()), "a paid invoice");
    assert!(invoices.iter().any(|i| i["state"] == "received"), "an invoice waiting for its BAST");
    let owed = get("/api/v1/finance/owed").await;
    assert!(owed.as_array().unwrap().len() >= 3, "work done and not yet paid: {owed}");
    // The auditor's realisation report adds up to what the budget lines say was realised.
    let realised: i64 = lines.iter().map(|line| amount(&line["realised"])).sum();
    assert!(realised > 0, "the demo year has payments");
    for by in ["outlet", "month", "unit"] {
        let realisation = get(&format!("/api/v1/reports/realisation?fiscal_year={year}&by={by}")).await;
        assert_eq!(amount(&realisation["total"]["realised"]), realised, "{by}: {realisation}");
    }

    // The year published as open data: valid OCDS, and paid as the ledger says.
    let (releases, records) = (
        get(&format!("/api/v1/open-data/{year}/release-package.json")).await,
        get(&format!("/api/v1/open-data/{year}/record-package.json")).await,
    );
    let report = get("/api/v1/audit-events/verification").await;
    assert_eq!(report["valid"], true, "the seed is audited like any write: {report}");
    // Checked last: the checker is slow, and a kept connection may not outlive it.
    let dir = tempfile::tempdir().unwrap();
    crate::open_data::assert_valid(dir.path(), "demo-release-package.json", &releases.to_string());
    crate::open_data::assert_valid(dir.path(), "demo-record-package.json", &records.to_string());
    let published: i64 = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|release| crate::open_data::transactions(&release["contracts"]))
        .map(|transaction| transaction["value"]["amount"].as_i64().unwrap())
        .sum();
    let paid: i64 = invoices.iter().filter(|i| i["state"] == "paid").map(|i| amount(&i["payment"]["gross"])).sum();
    assert_eq!(published, paid, "the demo's transactions add up to its payments");
    assert!(releases["releases"][0]["ocid"].as_str().unwrap().starts_with("ocds-oki001-"));
}
