//! The benchmark's baseline: what the same list costs without Mitra around it.
//!
//! `seed DATABASE_URL SLUG COUNT` adopts an organisation with COUNT users through the real
//! write path and prints its admin's login. `seed-registry DATABASE_URL SLUG COUNT` gives that
//! organisation COUNT press companies, each with an outlet, in every status and standing, through
//! the same write path (for `registry.sh`). `serve DATABASE_URL SLUG BIND` serves `GET /users`:
//! the first page of that organisation's users from the very query function Mitra's
//! `GET /api/v1/users` runs, rendered as the same view - but with no authentication, no caller
//! check, no middleware and no logging.

use std::net::TcpListener;

use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::{Context, bail};
use mitra_api::extract::Page;
use mitra_api::routes::users::UserView;
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, NewUser, Username};
use mitra_domain::organisation::{OrganisationName, Slug};
use mitra_domain::press::{LegalForm, MediaType, PressCouncilStatus};
use mitra_domain::registry::{
    CompanyProfile, CompanyStatus, Npwp, OutletProfile, OutletScale, Periodicity, PressCouncilCheck, StatusDecision,
};
use mitra_persistence::registry;
use mitra_persistence::users::{self, UserFilter};
use mitra_persistence::{AuditContext, OrgScope, PageRequest, Store, StoreError, organisations};

const PASSWORD: &str = "tolok-ukur-kinerja-2026";
const BATCH: usize = 1_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [_, "seed", url, slug, count] => seed(url, slug, count.parse().context("COUNT must be a number")?).await,
        [_, "seed-registry", url, slug, count] => {
            seed_registry(url, slug, count.parse().context("COUNT must be a number")?).await
        }
        [_, "serve", url, slug, bind] => serve(url, slug, bind).await,
        _ => bail!(
            "usage: mitra-perf-baseline seed DATABASE_URL SLUG COUNT | seed-registry DATABASE_URL SLUG COUNT | serve DATABASE_URL SLUG BIND"
        ),
    }
}

/// The organisation's scope, chosen as an operator would.
#[allow(clippy::disallowed_methods, reason = "the benchmark acts as the console for its own organisation")]
async fn scope_of(store: &Store, slug: &str) -> anyhow::Result<OrgScope> {
    Ok(OrgScope::console(organisations::find_by_slug(store, slug).await?.id))
}

async fn seed(url: &str, slug: &str, count: usize) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    store.migrate().await?;
    let hash = mitra_api::auth::password::hash_now(PASSWORD)?;
    let new_user = |name: String, role| -> anyhow::Result<NewUser> {
        Ok(NewUser {
            username: Username::parse(&name)?,
            full_name: FullName::parse(&name)?,
            email: None,
            role,
            unit_id: None,
        })
    };
    let admin = new_user(format!("{slug}.admin"), Role::Admin)?;
    let (name, slug_value) = (OrganisationName::parse(&format!("Kabupaten {slug}"))?, Slug::parse(slug)?);
    let admin_hash = hash.clone();
    store
        .adopt(Some("perf-seed".into()), async |tx| {
            organisations::create(tx, name, slug_value).await?;
            users::create(tx, admin, admin_hash).await?;
            Ok::<_, StoreError>(())
        })
        .await?;
    let ctx = AuditContext::console(scope_of(&store, slug).await?);
    for start in (1..count).step_by(BATCH) {
        let batch: Vec<NewUser> = (start..(start + BATCH).min(count))
            .map(|n| new_user(format!("{slug}.user{n:05}"), Role::Officer))
            .collect::<anyhow::Result<_>>()?;
        let hash = hash.clone();
        store
            .write(&ctx, async |tx| {
                for user in batch {
                    users::create(tx, user, hash.clone()).await?;
                }
                Ok::<_, StoreError>(())
            })
            .await?;
    }
    println!("seeded {count} users; admin login: {slug}.admin / {PASSWORD}");
    Ok(())
}

/// Company `n` of the benchmark registry: its profile, its outlet's media type, its Press
/// Council standing (if checked) and the decision against it (if any), spread so that each
/// filter value selects a realistic share.
fn company(n: usize) -> anyhow::Result<(CompanyProfile, MediaType, Option<PressCouncilStatus>, Option<CompanyStatus>)> {
    let profile = CompanyProfile {
        legal_name: format!("PT Media Tolok Ukur {n:05}"),
        legal_form: LegalForm::Pt,
        deed_number: None,
        deed_date: None,
        ahu_number: None,
        ahu_date: None,
        nib: None,
        npwp: Npwp::parse(&format!("{:016}", 9_000_000_000_000_000u64 + n as u64))?,
        vat_registered_since: None,
        address: None,
        phone: None,
        email: None,
        website: None,
        staff_count: Some(u32::try_from(n % 40)?),
        paid_up_capital: None,
        local_office: Some(n.is_multiple_of(3)),
        association: None,
    };
    let media_type = MediaType::ALL[n % MediaType::ALL.len()];
    let standing = match n % 5 {
        0 => None,
        1 => Some(PressCouncilStatus::Registered),
        2 | 3 => Some(PressCouncilStatus::AdministrativelyVerified),
        _ => Some(PressCouncilStatus::FactuallyVerified),
    };
    let decision = match n % 50 {
        0 => Some(CompanyStatus::Blacklisted),
        1..=3 => Some(CompanyStatus::Suspended),
        _ => None,
    };
    Ok((profile, media_type, standing, decision))
}

async fn seed_registry(url: &str, slug: &str, count: usize) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    let ctx = AuditContext::console(scope_of(&store, slug).await?);
    let today = mitra_persistence::calendar::jakarta_today();
    for start in (0..count).step_by(BATCH) {
        let batch = (start..(start + BATCH).min(count)).map(company).collect::<anyhow::Result<Vec<_>>>()?;
        store
            .write(&ctx, async |tx| {
                for (n, (profile, media_type, standing, decision)) in batch.into_iter().enumerate() {
                    let name = format!("{} Online", profile.legal_name);
                    let created = registry::create_company(tx, profile).await?;
                    if let Some(status) = decision {
                        let decision = StatusDecision { status, reason: Some("Tolok ukur".to_owned()) };
                        registry::decide_status(tx, created.id, created.version, decision).await?;
                    }
                    registry::create_outlet(
                        tx,
                        OutletProfile {
                            company_id: created.id,
                            media_type,
                            name: format!("{name} {}", start + n),
                            url: None,
                            frequency: None,
                            scale: OutletScale::Local,
                            first_published: None,
                            periodicity: Periodicity::Continuous,
                            circulation: None,
                            monthly_visitors: None,
                            claims_evidence: None,
                            broadcast_licence: None,
                            broadcast_licence_until: None,
                        },
                    )
                    .await?;
                    if let Some(status) = standing {
                        let check = PressCouncilCheck {
                            status,
                            certificate_number: None,
                            certificate_date: None,
                            valid_until: None,
                            checked_on: today,
                            evidence: "Tolok ukur".to_owned(),
                        };
                        registry::record_press_council(tx, created.id, check).await?;
                    }
                }
                Ok::<_, StoreError>(())
            })
            .await?;
    }
    println!("seeded {count} press companies");
    Ok(())
}

async fn serve(url: &str, slug: &str, bind: &str) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    let scope = scope_of(&store, slug).await?;
    let state = web::Data::new((store, scope));
    let listener = TcpListener::bind(bind)?;
    println!("baseline listening on http://{}", listener.local_addr()?);
    HttpServer::new(move || {
        App::new().app_data(state.clone()).route(
            "/users",
            web::get().to(|state: web::Data<(Store, OrgScope)>| async move {
                let (store, scope) = state.get_ref();
                let page = PageRequest { limit: 20, after: None };
                match users::list(store, *scope, &UserFilter::default(), page).await {
                    Ok(page) => HttpResponse::Ok().json(Page::of(page, UserView::from)),
                    Err(err) => HttpResponse::InternalServerError().body(err.to_string()),
                }
            }),
        )
    })
    .listen(listener)?
    .run()
    .await?;
    Ok(())
}
