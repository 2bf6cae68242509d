//! The public transparency pages as a journalist reads them: no sign-in, the year's partners,
//! agreements and what each outlet was paid - adding up to the ledger - and nothing personal;
//! cacheable, and rate-limited per address.

use mitra_domain::access::Role;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH, RETRY_AFTER};
use serde_json::{Value, json};

use crate::agreements::{Signed, agreement_at, amount, get};
use crate::applications::{open_call, this_year};
use crate::finance::{account, invoice, payment_body, treasurer_post, verified_order};
use crate::helpers::{TestApp, assert_problem, spawn, spawn_with};

async fn public(app: &TestApp, path: &str) -> reqwest::Response {
    app.request(reqwest::Method::GET, &format!("/api/v1/public/organisations{path}")).send().await.unwrap()
}

async fn public_json(app: &TestApp, path: &str) -> (Value, String) {
    let response = public(app, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()[CACHE_CONTROL], "public, max-age=300");
    assert!(response.headers().contains_key(ETAG));
    let text = response.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

#[tokio::test]
async fn anyone_reads_the_years_partners_agreements_and_outlet_totals_and_nothing_personal() {
    let app = spawn().await;
    let org = &app.alpha;
    open_call(&app, org).await;
    let paid = agreement_at(&app, org, Signed::Active, 4).await;
    let order = verified_order(&app, org, &paid).await;
    let billed = invoice(&app, org, &paid["company_id"], &[&order], true).await;
    let company_id = paid["company_id"].as_str().unwrap();
    let paid_into = account(&app, org, company_id, paid["company_name"].as_str().unwrap(), true).await;
    let path = format!("/api/v1/invoices/{}/payments", billed["id"].as_str().unwrap());
    assert_eq!(treasurer_post(&app, org, &path, &payment_body(&paid_into)).await.status(), StatusCode::CREATED);
    let idle = agreement_at(&app, org, Signed::Active, 2).await;
    let draft = agreement_at(&app, org, Signed::Draft, 1).await;
    // A journalist of the paid company, with a NIK.
    let officer = app.token(org, Role::Officer);
    let nik = "1602044501950002";
    let person = json!({ "company_id": company_id, "fiscal_year": this_year(), "nik": nik, "full_name": "Siti Rahmawati",
                         "role": "journalist", "competence_level": "madya", "competence_certificate": "UKW-12345" });
    assert_eq!(app.post(&officer, "/api/v1/people", &person).await.status(), StatusCode::CREATED);
    let year = this_year();

    let (organisations, _) = public_json(&app, "").await;
    let slugs: Vec<&str> = organisations.as_array().unwrap().iter().map(|o| o["slug"].as_str().unwrap()).collect();
    assert!(slugs.contains(&"alpha") && slugs.contains(&"beta"), "{organisations}");
    let (alpha, _) = public_json(&app, "/alpha").await;
    assert_eq!(alpha["fiscal_years"], json!([year]));
    assert_eq!(alpha["name"], "Pemerintah Kabupaten alpha");

    let (page, text) = public_json(&app, &format!("/alpha/{year}")).await;
    let agreements = page["agreements"].as_array().unwrap();
    let numbers: Vec<&Value> = agreements.iter().map(|a| &a["number"]).collect();
    let (paid_now, idle_now) = (
        get(&app, org, &format!("/api/v1/agreements/{}", paid["id"].as_str().unwrap())).await,
        get(&app, org, &format!("/api/v1/agreements/{}", idle["id"].as_str().unwrap())).await,
    );
    assert_eq!(numbers, vec![&paid_now["number"], &idle_now["number"]], "drafts are not published: {page}");
    assert!(!text.contains(draft["id"].as_str().unwrap()));
    let realised = amount(&paid_now["realised"]);
    assert!(realised > 0);
    assert_eq!(amount(&page["totals"]["paid"]), realised);
    assert_eq!(amount(&agreements[0]["paid"]), realised);
    assert_eq!(amount(&page["totals"]["ceiling"]), amount(&paid_now["ceiling"]) + amount(&idle_now["ceiling"]));
    assert_eq!((page["totals"]["agreements"].as_u64(), page["totals"]["outlets"].as_u64()), (Some(2), Some(2)));
    let outlets = page["outlets"].as_array().unwrap();
    assert_eq!(outlets[0]["outlet"], paid_now["outlet_name"], "largest paid first: {page}");
    assert_eq!((amount(&outlets[0]["paid"]), outlets[0]["share"].as_f64()), (realised, Some(1.0)));
    assert_eq!((amount(&outlets[1]["paid"]), outlets[1]["share"].as_f64()), (0, Some(0.0)));
    assert!(page["partners"].as_array().unwrap().contains(&paid_now["company_name"]));

    // Nothing personal: no NIK, no account, no staff names or logins, no ids to look people up by.
    let account_number = paid_into["account_number"].as_str().unwrap();
    for personal in [nik, "Siti Rahmawati", account_number, "officer of alpha", "alpha.officer", "admin of alpha"] {
        assert!(!text.contains(personal), "{personal} is on the public page: {text}");
    }

    // Beta publishes nothing of alpha's.
    let (theirs, _) = public_json(&app, &format!("/beta/{year}")).await;
    assert_eq!((theirs["agreements"].as_array().unwrap().len(), amount(&theirs["totals"]["paid"])), (0, 0));
    let (empty_year, _) = public_json(&app, &format!("/alpha/{}", year - 1)).await;
    assert_eq!(empty_year["totals"]["agreements"], 0);
}

#[tokio::test]
async fn a_reader_who_has_the_page_gets_304_and_a_wrong_address_a_problem() {
    let app = spawn().await;
    let year = this_year();
    let first = public(&app, &format!("/alpha/{year}")).await;
    let tag = first.headers()[ETAG].to_str().unwrap().to_owned();
    let again = app
        .request(reqwest::Method::GET, &format!("/api/v1/public/organisations/alpha/{year}"))
        .header(IF_NONE_MATCH, &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[ETAG].to_str().unwrap(), tag);
    assert!(again.text().await.unwrap().is_empty());
    let stale = app
        .request(reqwest::Method::GET, &format!("/api/v1/public/organisations/alpha/{year}"))
        .header(IF_NONE_MATCH, "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);

    assert_problem(public(&app, "/nowhere").await, StatusCode::NOT_FOUND, "not_found").await;
    assert_problem(public(&app, &format!("/nowhere/{year}")).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_problem(public(&app, "/alpha/1999").await, StatusCode::BAD_REQUEST, "invalid_path_parameter").await;
    assert_problem(public(&app, "/alpha/next-year").await, StatusCode::BAD_REQUEST, "invalid_path_parameter").await;
}

#[tokio::test]
async fn one_address_asking_too_often_waits_its_turn() {
    let app = spawn_with(&[("MITRA_PUBLIC_REQUESTS_PER_MINUTE", "3")]).await;
    for _ in 0..3 {
        assert_eq!(public(&app, "/alpha").await.status(), StatusCode::OK);
    }
    let refused = public(&app, "/alpha").await;
    let wait: u64 = refused.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    // Signed-in work is not counted against the public pages' readers.
    let auditor = app.token(&app.alpha, Role::Auditor);
    assert_eq!(app.get(&auditor, "/api/v1/me").await.status(), StatusCode::OK);
}
