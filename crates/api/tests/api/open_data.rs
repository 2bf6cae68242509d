//! Open data as a citizen or a data journalist downloads it: valid OCDS 1.1 by the standard's
//! own checker (libcoveocds, offline against the 1.1.5 schema), one process per agreement past
//! draft, transactions that add up to what the finance ledger says was paid, nothing about
//! people or bank accounts, and nothing of another organisation's.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use mitra_domain::access::Role;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::agreements::{Signed, agreement_at, agreement_step, amount, get};
use crate::applications::{open_call, this_year};
use crate::finance::verified_order;
use crate::helpers::{TestApp, TestOrg, assert_problem, spawn};
use crate::orders::order_step;
use crate::reports::paid_agreement;

const STANDARD_ZIP: &str = "../../../shared/data/ocds-1.1.5/standard-1__1__5.zip";

async fn put_settings(app: &TestApp, org: &TestOrg, role: Role, body: &Value) -> Response {
    app.patch_like(Method::PUT, &app.token(org, role), "/api/v1/open-data/settings", None, body).await
}

fn settings(prefix: &str) -> Value {
    json!({ "ocid_prefix": prefix, "publisher_name": "Dinas Komunikasi dan Informatika",
            "publisher_uri": "https://diskominfo.example.go.id",
            "publication_policy_url": "https://diskominfo.example.go.id/data-terbuka" })
}

async fn package(app: &TestApp, org: &TestOrg, kind: &str) -> (Value, String) {
    let path = format!("/api/v1/open-data/{}/{kind}-package.json", this_year());
    let response = app.get(&app.token(org, Role::Auditor), &path).await;
    assert_eq!(response.status(), StatusCode::OK, "the {kind} package");
    let disposition = response.headers().get("content-disposition").unwrap().to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let text = response.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

/// The standard's zip: from the shared data folder next to the checkout, or where
/// `MITRA_OCDS_STANDARD_ZIP` says.
fn standard_zip() -> Option<std::path::PathBuf> {
    if let Ok(path) = std::env::var("MITRA_OCDS_STANDARD_ZIP") {
        return Some(path.into());
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join(STANDARD_ZIP);
    if beside.exists() {
        return Some(beside);
    }
    let shared = Path::new("/work/shared/data/ocds-1.1.5/standard-1__1__5.zip");
    shared.exists().then(|| shared.to_owned())
}

/// `python3 -m libcoveocds --standard-zip ZIP FILE`, offline: the record package schema names the
/// release and versioned release schemas by their web address, which libcoveocds fetches even
/// with the standard's zip, so those addresses are answered from the schema folder beside the zip
/// (the first argument) before the checker runs as its command line would.
const OFFLINE_LIBCOVEOCDS: &str = r#"
import json, os, runpy, sys
import requests

schemas = sys.argv.pop(1)
base = "https://standard.open-contracting.org/schema/1__1__5/"
online = requests.get

class Local:
    def __init__(self, path):
        self.path = path
        self.status_code = 200
    def json(self, **kwargs):
        with open(self.path, encoding="utf-8") as f:
            return json.load(f, **kwargs)
    def raise_for_status(self):
        pass

def get(url, *args, **kwargs):
    if url.startswith(base):
        return Local(os.path.join(schemas, url[len(base):]))
    return online(url, *args, **kwargs)

requests.get = get
sys.argv[0] = "libcoveocds"
runpy.run_module("libcoveocds", run_name="__main__", alter_sys=True)
"#;

/// libcoveocds's verdict on `file`, or `None` (with the reason printed) when the checker is not
/// installed outside CI; in CI (`CI=true`) a missing checker fails the test.
fn cove(file: &Path) -> Option<Value> {
    let missing = |reason: String| {
        assert!(std::env::var("CI").map_or(true, |ci| ci != "true"), "CI needs the OCDS checker: {reason}");
        eprintln!("skipping the OCDS validation: {reason}");
        None
    };
    let Some(zip) = standard_zip() else {
        return missing("the OCDS 1.1.5 standard zip is not there (set MITRA_OCDS_STANDARD_ZIP)".to_owned());
    };
    let probe = Command::new("python3").args(["-c", "import libcoveocds"]).output();
    match probe {
        Ok(output) if output.status.success() => {}
        Ok(output) => {
            return missing(format!(
                "python3 has no libcoveocds (pip install libcoveocds==0.17.0): {}",
                String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or_default()
            ));
        }
        Err(err) => return missing(format!("no python3: {err}")),
    }
    let schemas = zip.parent().unwrap().to_owned();
    let output = Command::new("python3")
        .args(["-c", OFFLINE_LIBCOVEOCDS])
        .arg(&schemas)
        .arg("--standard-zip")
        .arg(&zip)
        .arg(file)
        .output()
        .unwrap();
    assert!(output.status.success(), "libcoveocds failed: {}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("libcoveocds's output is not JSON ({err}): {}", String::from_utf8_lossy(&output.stdout))
    }))
}

/// Validates `package` as libcoveocds does and requires no error and no value outside a closed
/// codelist.
pub(crate) fn assert_valid(dir: &Path, name: &str, text: &str) {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let Some(verdict) = cove(&file) else { return };
    let errors = verdict["validation_errors"].as_array().map_or(0, Vec::len);
    assert_eq!(errors, 0, "{name}: {}", verdict["validation_errors"]);
    let closed = &verdict["additional_closed_codelist_values"];
    assert!(closed.as_object().is_none_or(|values| values.is_empty()), "{name}: {closed}");
    eprintln!(
        "{name}: libcoveocds found {errors} validation errors, additional closed codelist values {closed}, schema {}",
        verdict["version_used"]
    );
}

pub(crate) fn transactions(contracts: &Value) -> Vec<&Value> {
    contracts
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|contract| contract["implementation"]["transactions"].as_array().into_iter().flatten())
        .collect()
}

/// What the finance ledger says was paid in the year: the payments' gross.
async fn paid(app: &TestApp, org: &TestOrg) -> (i64, Vec<String>) {
    let path = format!("/api/v1/invoices?fiscal_year={}&state=paid&limit=100", this_year());
    let invoices = get(app, org, &path).await;
    let payments: Vec<&Value> =
        invoices["items"].as_array().unwrap().iter().map(|invoice| &invoice["payment"]).collect();
    let sum = payments.iter().map(|payment| amount(&payment["gross"])).sum();
    let accounts = payments.iter().map(|payment| payment["account_number"].as_str().unwrap().to_owned()).collect();
    (sum, accounts)
}

/// Every run of digits in `text` as long as a NIK or an NPWP (16).
fn sixteen_digit_numbers(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|run| run.len() == 16).map(str::to_owned).collect()
}

#[tokio::test]
async fn a_years_packages_are_valid_ocds_and_their_transactions_add_up_to_the_payments() {
    let app = spawn().await;
    let (org, other) = (&app.alpha, &app.beta);
    open_call(&app, org).await;
    open_call(&app, other).await;
    let ok = put_settings(&app, org, Role::Admin, &settings("ocds-a1b2c3")).await;
    assert_eq!(ok.status(), StatusCode::OK, "{:?}", ok.text().await);
    let (first, second) = (paid_agreement(&app, org).await, paid_agreement(&app, org).await);
    // Ordered and verified, not paid: a milestone met, no transaction.
    let unpaid = agreement_at(&app, org, Signed::Active, 2).await;
    verified_order(&app, org, &unpaid).await;
    // Ended early after its one order was cancelled: a terminated contract, a milestone not met.
    let ended = agreement_at(&app, org, Signed::Active, 2).await;
    let officer = app.token(org, Role::Officer);
    let order = crate::orders::issue(&app, &officer, ended["lines"][0]["id"].as_str().unwrap(), 1).await;
    let order: Value = order.json().await.unwrap();
    let cancelled = order_step(&app, &officer, &order, "cancel", json!({ "reason": "Acara dibatalkan" })).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let ended = agreement_step(
        &app,
        &officer,
        &ended,
        "terminate",
        json!({ "ground": "mutual_consent", "reason": "Kesepakatan bersama" }),
    );
    assert_eq!(ended.await.status(), StatusCode::OK);
    // A draft binds nobody: not published.
    let draft = agreement_at(&app, org, Signed::Draft, 2).await;
    // Another organisation's money.
    let elsewhere = paid_agreement(&app, other).await;

    let (releases, release_text) = package(&app, org, "release").await;
    let (records, record_text) = package(&app, org, "record").await;
    // What the ledger says, read before the checker runs (a slow check outlives a kept connection).
    let (paid_sum, accounts) = paid(&app, org).await;
    let dir = tempfile::tempdir().unwrap();
    assert_valid(dir.path(), "release-package.json", &release_text);
    assert_valid(dir.path(), "record-package.json", &record_text);

    // One process per agreement past draft, under the organisation's prefix.
    let agreement_ids = [&first["id"], &second["id"], &unpaid["id"], &order["agreement_id"]];
    let expected: BTreeSet<String> =
        agreement_ids.iter().map(|id| format!("ocds-a1b2c3-{}", id.as_str().unwrap())).collect();
    let ocids: BTreeSet<String> =
        releases["releases"].as_array().unwrap().iter().map(|r| r["ocid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ocids, expected);
    let recorded: BTreeSet<String> =
        records["records"].as_array().unwrap().iter().map(|r| r["ocid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(recorded, expected);
    assert_eq!(releases["version"], "1.1");
    assert_eq!(releases["publisher"]["name"], "Dinas Komunikasi dan Informatika");
    assert_eq!(releases["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(releases["publicationPolicy"], "https://diskominfo.example.go.id/data-terbuka");
    assert!(!release_text.contains(draft["id"].as_str().unwrap()), "the draft is not published");
    let closed = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ocid"] == format!("ocds-a1b2c3-{}", order["agreement_id"].as_str().unwrap()).as_str())
        .unwrap();
    assert_eq!(closed["contracts"][0]["status"], "terminated", "{closed}");
    assert_eq!(closed["contracts"][0]["milestones"][0]["status"], "notMet", "{closed}");

    // The transactions add up to the payments, in both packages.
    assert!(paid_sum > 0);
    let released: Vec<&Value> =
        releases["releases"].as_array().unwrap().iter().flat_map(|r| transactions(&r["contracts"])).collect();
    let compiled: Vec<&Value> = records["records"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| transactions(&r["compiledRelease"]["contracts"]))
        .collect();
    for found in [&released, &compiled] {
        assert_eq!(found.len(), 2, "one transaction per payment");
        let sum: i64 = found.iter().map(|t| t["value"]["amount"].as_i64().unwrap()).sum();
        assert_eq!(sum, paid_sum, "the transactions add up to the payments");
        assert!(found.iter().all(|t| t["value"]["currency"] == "IDR"));
        eprintln!("transactions sum {sum} = payments sum {paid_sum}");
    }
    // Each agreement is a contract worth its ceiling, its orders milestones.
    for agreement in [&first, &second, &unpaid] {
        let ocid = format!("ocds-a1b2c3-{}", agreement["id"].as_str().unwrap());
        let release = releases["releases"].as_array().unwrap().iter().find(|r| r["ocid"] == ocid.as_str()).unwrap();
        let contract = &release["contracts"][0];
        assert_eq!(contract["value"]["amount"].as_i64(), Some(amount(&agreement["ceiling"])));
        assert_eq!(contract["status"], "active");
        assert_eq!(contract["milestones"].as_array().map(Vec::len), Some(1), "{contract}");
        assert_eq!(release["parties"][2]["identifier"]["scheme"], "ID-NPWP");
    }

    // Nothing about people or bank accounts: every 16-digit number is a supplier's NPWP.
    let npwps: BTreeSet<String> = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["parties"][2]["identifier"]["id"].as_str().unwrap().to_owned())
        .collect();
    for text in [&release_text, &record_text] {
        assert!(sixteen_digit_numbers(text).is_subset(&npwps), "a 16-digit number that is no NPWP");
        for account in &accounts {
            assert!(!text.contains(account.as_str()), "a bank account number");
        }
        for secret in ["Bank Sumsel", "Pemimpin Redaksi", "alpha.", " of alpha", "BP23-"] {
            assert!(!text.contains(secret), "{secret} is published");
        }
        for role in Role::ALL {
            assert!(!text.contains(&org.username(role)), "a username");
        }
        // Nor another organisation's.
        assert!(!text.contains(elsewhere["id"].as_str().unwrap()));
        assert!(!text.contains(elsewhere["company_name"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn no_prefix_no_packages_and_settings_are_checked_and_audited() {
    let app = spawn().await;
    let org = &app.alpha;
    let auditor = app.token(org, Role::Auditor);
    let year = this_year();
    for kind in ["release", "record"] {
        let response = app.get(&auditor, &format!("/api/v1/open-data/{year}/{kind}-package.json")).await;
        assert_problem(response, StatusCode::CONFLICT, "open_data_not_configured").await;
    }
    assert_problem(app.get(&auditor, "/api/v1/open-data/settings").await, StatusCode::NOT_FOUND, "not_found").await;
    let out_of_range = app.get(&auditor, "/api/v1/open-data/1999/release-package.json").await;
    assert_problem(out_of_range, StatusCode::BAD_REQUEST, "invalid_path_parameter").await;

    // Shapes and values are refused together, and nothing is written.
    let head = app.audit_head(org).await;
    let bad = json!({ "ocid_prefix": "OCDS-ABC123", "publisher_name": "Dinas", "license_url": "ftp://licence.example/x",
                      "publisher_uri": "x" });
    let refused =
        assert_problem(put_settings(&app, org, Role::Admin, &bad).await, StatusCode::BAD_REQUEST, "validation_failed")
            .await;
    let fields: BTreeSet<&str> =
        refused["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains("publisher_uri"), "{refused}");
    let values =
        json!({ "ocid_prefix": "OCDS-ABC123", "publisher_name": "Dinas", "license_url": "ftp://licence.example/x" });
    let refused = assert_problem(
        put_settings(&app, org, Role::Admin, &values).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    let fields: BTreeSet<&str> =
        refused["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, BTreeSet::from(["ocid_prefix", "license_url"]), "{refused}");
    let unknown = json!({ "ocid_prefix": "ocds-abc123", "publisher_name": "Dinas", "extra": 1 });
    assert_eq!(put_settings(&app, org, Role::Admin, &unknown).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.audit_head(org).await, head, "a refused change writes nothing");
    // Only an administrator sets them.
    let officer = put_settings(&app, org, Role::Officer, &settings("ocds-abc123")).await;
    assert_problem(officer, StatusCode::FORBIDDEN, "forbidden").await;

    // Set, then changed: each an audit event, the licence defaulted.
    let set = put_settings(&app, org, Role::Admin, &settings("ocds-abc123")).await;
    assert_eq!(set.status(), StatusCode::OK);
    let set: Value = set.json().await.unwrap();
    assert_eq!(
        (set["version"].as_i64(), set["license_url"].as_str()),
        (Some(1), Some("https://creativecommons.org/licenses/by/4.0/"))
    );
    assert_eq!(app.audit_head(org).await, head + 1);
    let changed = json!({ "ocid_prefix": "ocds-xyz789", "publisher_name": "Diskominfo OKI",
                          "license_url": "https://opendatacommons.org/licenses/by/1-0/" });
    let changed: Value = put_settings(&app, org, Role::Admin, &changed).await.json().await.unwrap();
    assert_eq!((changed["version"].as_i64(), changed["publisher_uri"].clone()), (Some(2), Value::Null));
    assert_eq!(app.audit_head(org).await, head + 2);
    let events = get(&app, org, "/api/v1/audit-events?action=open_data_settings.updated").await;
    assert_eq!(events["items"].as_array().map(Vec::len), Some(2), "{events}");
    let read = get(&app, org, "/api/v1/open-data/settings").await;
    assert_eq!(read["ocid_prefix"], "ocds-xyz789");

    // The other organisation has set nothing: its packages are still refused.
    let beta = app.token(&app.beta, Role::Auditor);
    let response = app.get(&beta, &format!("/api/v1/open-data/{year}/release-package.json")).await;
    assert_problem(response, StatusCode::CONFLICT, "open_data_not_configured").await;
    // An empty year is a valid, empty package.
    let empty = get(&app, org, &format!("/api/v1/open-data/{}/release-package.json", year + 1)).await;
    assert_eq!(empty["releases"], json!([]));
}
