//! `mitra volume`: realistic volume on PostgreSQL for measuring the reports - organisations
//! made like the demo (by the same commands an officer's clicks run), their orders with their
//! proofs, invoices and payments copied in bulk up to the volume asked for - and the SQL each
//! report runs, for the benchmark to time against its endpoint.

use anyhow::{Context, bail};
use chrono::{Datelike, NaiveDate};
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::{FairnessDimension, RealisationDimension};
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::files::FileStore;
use mitra_persistence::reports::{PaymentPeriod, RealisationFilter, ReportQuery, YearFilter};
use mitra_persistence::{OrgScope, Store, organisations, reports, volume};

/// The organisations of a volume are `volume-01`, `volume-02`, ...
fn slug(number: u32) -> String {
    format!("volume-{number:02}")
}

/// Makes `count` organisations with `orders` orders between them; prints each one's auditor
/// login, which the benchmark signs in with.
pub async fn seed(store: &Store, files: &FileStore, count: u32, orders: u64) -> anyhow::Result<()> {
    if count == 0 {
        bail!("--organisations must be at least 1");
    }
    let per_organisation = orders.div_ceil(u64::from(count));
    for number in 1..=count {
        let slug = slug(number);
        let name = format!("Pemerintah Kabupaten Volume {number:02}");
        let logins = mitra_api::demo::seed_organisation(store, files, &name, &slug)
            .await
            .with_context(|| format!("cannot make {slug}"))?;
        let scope = scope_of(store, &slug).await?;
        let made = volume::multiply(store, scope, 0, "/V").await?;
        let copies = u32::try_from(per_organisation.div_ceil(u64::try_from(made.max(1))?).saturating_sub(1))?;
        let now = volume::multiply(store, scope, copies, "/V").await?;
        for login in logins.iter().filter(|login| login.role == mitra_domain::access::Role::Auditor) {
            println!("{slug}: {now} orders; auditor login: {} / {}", login.username, login.password);
        }
    }
    Ok(())
}

/// Multiplies every organisation's orders but `except`'s by `factor`.
pub async fn grow(store: &Store, factor: u32, except: Option<&str>) -> anyhow::Result<()> {
    if factor < 2 {
        bail!("--factor must be at least 2");
    }
    let mark = format!("/G{}-", chrono::Utc::now().timestamp());
    for organisation in organisations::all(store).await? {
        if Some(organisation.slug.as_str()) == except {
            continue;
        }
        let scope = scope_of(store, &organisation.slug).await?;
        let now = volume::multiply(store, scope, factor - 1, &mark).await?;
        println!("{}: {now} orders", organisation.slug);
    }
    Ok(())
}

/// A report as `mitra volume sql` names it.
pub struct ReportName<'a> {
    pub report: &'a str,
    pub by: Option<&'a str>,
    pub quarter: Option<u32>,
}

/// Prints the SQL the report runs for the organisation, values written in.
pub async fn sql(store: &Store, slug: &str, fiscal_year: i32, name: ReportName<'_>) -> anyhow::Result<()> {
    let scope = scope_of(store, slug).await?;
    let year = FiscalYear::parse(fiscal_year)?;
    let filter = YearFilter { fiscal_year: year, unit_id: None };
    let today = jakarta_today();
    let query = match name.report {
        "realisation" => {
            let by: RealisationDimension = name.by.context("realisation needs --by")?.parse()?;
            ReportQuery::Realisation(RealisationFilter { fiscal_year: year, unit_id: None, by })
        }
        "agreements" => ReportQuery::Agreements(filter),
        "orders-by-state" => ReportQuery::OrdersByState(filter, today),
        "owed" => ReportQuery::Owed(filter, today),
        "fairness" => {
            let by: FairnessDimension = name.by.context("fairness needs --by")?.parse()?;
            ReportQuery::Fairness(filter, by)
        }
        "disclosure" => ReportQuery::Disclosure(quarter_of(fiscal_year, name.quarter)?),
        other => bail!("no report named {other}"),
    };
    println!("{}", reports::sql(store, scope, query));
    Ok(())
}

/// The payments of a year, or of one of its quarters.
fn quarter_of(year: i32, quarter: Option<u32>) -> anyhow::Result<PaymentPeriod> {
    let (first, after) = match quarter {
        None => (1, 13),
        Some(quarter @ 1..=4) => (quarter * 3 - 2, quarter * 3 + 1),
        Some(_) => bail!("--quarter is 1 to 4"),
    };
    let from = NaiveDate::from_ymd_opt(year, first, 1).context("no such year")?;
    let until = if after == 13 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { from.with_month(after) };
    Ok(PaymentPeriod { from, until: until.context("no such year")? })
}

#[allow(clippy::disallowed_methods, reason = "the console is where an operator chooses the organisation")]
async fn scope_of(store: &Store, slug: &str) -> anyhow::Result<OrgScope> {
    let organisation =
        organisations::find_by_slug(store, slug).await.with_context(|| format!("no organisation {slug}"))?;
    Ok(OrgScope::console(organisation.id))
}
