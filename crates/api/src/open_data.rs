//! Open data: a fiscal year's agreements as Open Contracting Data Standard (OCDS 1.1) packages.
//!
//! One contracting process (`ocid`) per agreement past draft, named by the organisation's
//! registered prefix and the agreement's id. Its release says who bought (the unit, for its
//! organisation), from whom (the press company, identified by its NPWP), what was agreed (the
//! award and the contract, priced in whole rupiah), what was ordered (the orders as the
//! contract's milestones) and what was paid (each payment's share for the agreement as an
//! implementation transaction, so the transactions add up to the payments). The release package
//! lists the releases; the record package gives each process its releases and the compiled
//! release. Nothing about people or bank accounts is read, so nothing of it can be published.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use mitra_domain::open_data::{ContractStatus, MilestoneStatus};
use mitra_persistence::open_data::{PublishedAgreement, PublishedYear};
use serde_json::{Value, json};

/// The OCDS version the packages follow.
pub const OCDS_VERSION: &str = "1.1";

const CURRENCY: &str = "IDR";

/// The release package of a year: one release per agreement.
pub fn release_package(year: &PublishedYear, uri: &str, published: DateTime<Utc>) -> Value {
    let releases: Vec<Value> = year.agreements.iter().map(|agreement| release(year, agreement)).collect();
    let mut package = package_head(year, uri, published);
    package["releases"] = Value::Array(releases);
    package
}

/// The record package of a year: per agreement, its releases (embedded) and the compiled release.
pub fn record_package(year: &PublishedYear, uri: &str, published: DateTime<Utc>) -> Value {
    let records: Vec<Value> = year
        .agreements
        .iter()
        .map(|agreement| {
            let release = release(year, agreement);
            // One release per process: compiled, it is itself with the `compiled` tag.
            let mut compiled = release.clone();
            compiled["tag"] = json!(["compiled"]);
            json!({ "ocid": release["ocid"], "releases": [release], "compiledRelease": compiled })
        })
        .collect();
    let mut package = package_head(year, uri, published);
    package["records"] = Value::Array(records);
    package
}

fn package_head(year: &PublishedYear, uri: &str, published: DateTime<Utc>) -> Value {
    let settings = &year.settings;
    let mut publisher = json!({ "name": settings.publisher_name });
    if let Some(uri) = &settings.publisher_uri {
        publisher["uri"] = json!(uri);
    }
    let mut head = json!({
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": instant(published),
        "publisher": publisher,
        "license": settings.license_url,
    });
    if let Some(policy) = &settings.publication_policy_url {
        head["publicationPolicy"] = json!(policy);
    }
    head
}

/// The contracting process of an agreement: `{prefix}-{agreement id}`.
pub fn ocid(prefix: &str, agreement: &PublishedAgreement) -> String {
    format!("{prefix}-{}", agreement.id)
}

fn release(year: &PublishedYear, agreement: &PublishedAgreement) -> Value {
    let ocid = ocid(&year.settings.ocid_prefix, agreement);
    // The release is as new as the latest change it shows.
    let date = agreement
        .orders
        .iter()
        .map(|order| order.updated_at)
        .chain(agreement.payments.iter().map(|payment| payment.created_at))
        .fold(agreement.updated_at, DateTime::max);
    let organisation = &year.organisation;
    let payer = json!({ "id": format!("org-{}", organisation.slug), "name": organisation.name });
    let buyer = json!({
        "id": format!("unit-{}", agreement.unit.code.to_lowercase()),
        "name": format!("{} - {}", agreement.unit.name, organisation.name),
    });
    let company = &agreement.company;
    let supplier = json!({ "id": format!("ID-NPWP-{}", company.npwp), "name": company.legal_name });
    let contract_status = ContractStatus::of(agreement.state).unwrap_or(ContractStatus::Pending);
    let period = json!({ "startDate": start_of(agreement.starts_on), "endDate": end_of(agreement.ends_on) });
    let value = money(agreement.ceiling);

    let mut buyer_party = buyer.clone();
    buyer_party["roles"] = json!(["buyer", "procuringEntity"]);
    let mut payer_party = payer.clone();
    payer_party["roles"] = json!(["payer"]);
    let mut supplier_party = supplier.clone();
    supplier_party["roles"] = json!(["supplier", "payee"]);
    supplier_party["identifier"] = json!({
        "scheme": "ID-NPWP",
        "id": company.npwp,
        "legalName": company.legal_name,
    });

    let award_id = format!("{}-award", agreement.id);
    let mut award = json!({
        "id": award_id,
        "title": agreement.title,
        "status": "active",
        "value": value,
        "suppliers": [supplier],
        "contractPeriod": period,
    });
    if let Some(activated) = agreement.activated_at {
        award["date"] = json!(instant(activated));
    }

    let items: Vec<Value> = agreement
        .lines
        .iter()
        .map(|line| {
            json!({
                "id": (line.position + 1).to_string(),
                "description": line.product,
                "quantity": line.quota,
                "unit": { "value": money(line.agreed_price) },
            })
        })
        .collect();
    let milestones: Vec<Value> = agreement
        .orders
        .iter()
        .map(|order| {
            let status = MilestoneStatus::of(order.state, order.quantity, order.verified_quantity);
            let mut milestone = json!({
                "id": order.id.to_string(),
                "title": format!("{} {}", order.number, order.subject),
                "type": "delivery",
                "code": order.product,
                "description": format!("{} x {} ({} {})", order.quantity, order.product, CURRENCY, order.amount),
                "dueDate": end_of(order.due_until),
                "dateModified": instant(order.updated_at),
                "status": status.as_str(),
            });
            if let Some(published) = order.published_on.filter(|_| status.is_met()) {
                milestone["dateMet"] = json!(start_of(published));
            }
            milestone
        })
        .collect();
    let transactions: Vec<Value> = agreement
        .payments
        .iter()
        .map(|payment| {
            json!({
                "id": payment.id.to_string(),
                "date": start_of(payment.sp2d_date),
                "value": money(payment.amount),
                "payer": payer,
                "payee": supplier,
            })
        })
        .collect();

    let mut contract = json!({
        "id": agreement.id.to_string(),
        "awardID": award_id,
        "title": agreement.title,
        "description": format!("{} {}", agreement.number, agreement.title),
        "status": contract_status.as_str(),
        "period": period,
        "value": value,
        "items": items,
    });
    if let Some(activated) = agreement.activated_at {
        contract["dateSigned"] = json!(instant(activated));
    }
    if !milestones.is_empty() {
        contract["milestones"] = Value::Array(milestones);
    }
    let mut tag = vec!["award", "contract"];
    if !transactions.is_empty() {
        contract["implementation"] = json!({ "transactions": transactions });
        tag.push("implementation");
    }

    json!({
        "ocid": ocid,
        "id": format!("{ocid}-{}", date.format("%Y%m%dT%H%M%S%6fZ")),
        "date": instant(date),
        "tag": tag,
        "initiationType": "tender",
        "language": "id",
        "parties": [buyer_party, payer_party, supplier_party],
        "buyer": buyer,
        "awards": [award],
        "contracts": [contract],
    })
}

fn money(amount: i64) -> Value {
    json!({ "amount": amount, "currency": CURRENCY })
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The start of a Jakarta business date.
fn start_of(date: NaiveDate) -> String {
    format!("{}T00:00:00+07:00", date.format("%Y-%m-%d"))
}

/// The end of a Jakarta business date.
fn end_of(date: NaiveDate) -> String {
    format!("{}T23:59:59+07:00", date.format("%Y-%m-%d"))
}
