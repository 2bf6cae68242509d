//! The benchmark's baseline: what the same list costs without Mitra around it.
//!
//! `seed DATABASE_URL SLUG COUNT` adopts an organisation with COUNT users through the real
//! write path and prints its admin's login. `seed-registry DATABASE_URL SLUG COUNT` gives that
//! organisation COUNT press companies, each with an outlet, in every status and standing, through
//! the same write path (for `registry.sh`). `serve DATABASE_URL SLUG BIND` serves `GET /users`:
//! the first page of that organisation's users from the very query function Mitra's
//! `GET /api/v1/users` runs, rendered as the same view - but with no authentication, no caller
//! check, no middleware and no logging.
//!
//! For `orders.sh`: `seed-orders DATABASE_URL SLUG AGREEMENTS` adopts an organisation with a unit,
//! an admin and an officer, and takes it through the real write path up to AGREEMENTS active
//! agreements (one budget line per 8) whose ceilings no benchmark run reaches, plus one "tight"
//! agreement on a budget line of its own whose ceiling holds [`TIGHT_UNITS`] single-unit orders;
//! it prints the logins and the agreement line ids, and creates the baseline's `perf_orders`
//! table. `serve-insert DATABASE_URL BIND` serves `POST /orders`: the order request body parsed
//! into the very request type and domain value Mitra's `POST /api/v1/orders` uses, then one
//! `INSERT` into `perf_orders` on a pool set up as Mitra's is - with no authentication, no
//! idempotency key, no ceilings, no numbering, no audit and no logging.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::{Context, bail};
use chrono::{Datelike, Days, NaiveDate};
use mitra_api::extract::Page;
use mitra_api::routes::orders::IssueOrderRequest;
use mitra_api::routes::users::UserView;
use mitra_domain::access::Role;
use mitra_domain::agreements::{
    AgreementKind, AgreementLine, AgreementStep, Negotiation, StepRequest as AgreementStepRequest, Terms, TermsRequest,
};
use mitra_domain::applications::{
    ChecklistItem, Review, ReviewStatus, SiteVisit, Step, StepRequest, VisitConclusion, Window,
};
use mitra_domain::budget::NewBudgetLine;
use mitra_domain::eligibility::Answer;
use mitra_domain::identity::{FullName, NewUser, Username};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::NewOrder;
use mitra_domain::organisation::{NewUnit, OrganisationName, Slug, UnitCode, UnitName};
use mitra_domain::policy::{FiscalYear, Policy};
use mitra_domain::presets;
use mitra_domain::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use mitra_domain::registry::{
    CompanyProfile, CompanyStatus, Competence, NewPerson, NewsroomRole, Nik, Npwp, OutletProfile, OutletScale,
    Periodicity, PersonDetails, PressCouncilCheck, StatusDecision,
};
use mitra_persistence::applications::documents::{self, FileRef};
use mitra_persistence::applications::{self, visits, windows};
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::personal::PersonalDataKey;
use mitra_persistence::policy::{self, PolicySource};
use mitra_persistence::users::{self, UserFilter};
use mitra_persistence::{
    AuditContext, OrgScope, PageRequest, Store, StoreError, Tx, agreements, budget, organisations,
};
use mitra_persistence::{registry, units};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

const PASSWORD: &str = "tolok-ukur-kinerja-2026";
const BATCH: usize = 1_000;

/// Agreements per budget line in `seed-orders`.
const AGREEMENTS_PER_BUDGET_LINE: usize = 8;
/// The OKI rate card's maximum for an advertorial from an online outlet of tier A: every
/// agreement line's price.
const PRICE: i64 = 2_000_000;
/// Each benchmark agreement's quota: the most a line may hold, far beyond any run.
const QUOTA: u32 = mitra_domain::agreements::MAX_QUOTA;
/// Single-unit orders the tight agreement's ceiling (and its budget line's) holds.
const TIGHT_UNITS: u32 = 50;
/// Seals the seeded editors' NIKs when `MITRA_PERSONAL_DATA_KEY` is not set.
const FALLBACK_PERSONAL_DATA_KEY: &str = "tolok-ukur-kinerja-kunci-data-pribadi-2026";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [_, "seed", url, slug, count] => seed(url, slug, count.parse().context("COUNT must be a number")?).await,
        [_, "seed-registry", url, slug, count] => {
            seed_registry(url, slug, count.parse().context("COUNT must be a number")?).await
        }
        [_, "serve", url, slug, bind] => serve(url, slug, bind).await,
        [_, "seed-orders", url, slug, count] => {
            seed_orders(url, slug, count.parse().context("AGREEMENTS must be a number")?).await
        }
        [_, "serve-insert", url, bind] => serve_insert(url, bind).await,
        _ => bail!(
            "usage: mitra-perf-baseline seed DATABASE_URL SLUG COUNT | seed-registry DATABASE_URL SLUG COUNT | serve DATABASE_URL SLUG BIND | seed-orders DATABASE_URL SLUG AGREEMENTS | serve-insert DATABASE_URL BIND"
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

/// The pool Mitra opens on PostgreSQL (`Store::connect`), for the baseline's handler.
async fn connect_like_mitra(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .max_connections(16)
        .min_connections(1);
    Ok(Database::connect(options).await?)
}

/// The baseline's one table: a row per order, nothing checked.
const PERF_ORDERS: &str = "CREATE TABLE IF NOT EXISTS perf_orders (id uuid PRIMARY KEY, line_id uuid NOT NULL, \
                           quantity integer NOT NULL, created_at timestamptz NOT NULL)";

/// A seed value that does not parse is a bug in this file.
fn invalid(violations: impl Into<mitra_domain::Violations>) -> StoreError {
    StoreError::Invalid(violations.into())
}

fn broken(what: &str) -> StoreError {
    invalid(mitra_domain::Violation::new("", mitra_domain::ViolationCode::InvalidValue, what))
}

fn days_after(day: NaiveDate, days: u64) -> Result<NaiveDate, StoreError> {
    day.checked_add_days(Days::new(days)).ok_or_else(|| broken("a date inside the calendar"))
}

/// What one seeded agreement is made on.
struct Basis<'a> {
    policy: &'a Policy,
    year: FiscalYear,
    today: NaiveDate,
    ends_on: NaiveDate,
}

async fn seed_orders(url: &str, slug: &str, count: usize) -> anyhow::Result<()> {
    let secret = std::env::var("MITRA_PERSONAL_DATA_KEY").unwrap_or_else(|_| FALLBACK_PERSONAL_DATA_KEY.to_owned());
    let store = Store::connect(url).await?.with_personal_data_key(PersonalDataKey::from_secret(secret.as_bytes())?);
    store.migrate().await?;
    connect_like_mitra(url).await?.execute_unprepared(PERF_ORDERS).await?;

    let hash = mitra_api::auth::password::hash_now(PASSWORD)?;
    let user = |role: Role| -> anyhow::Result<NewUser> {
        let name = format!("{slug}.{}", role.as_str());
        Ok(NewUser {
            username: Username::parse(&name)?,
            full_name: FullName::parse(&name)?,
            email: None,
            role,
            unit_id: None,
        })
    };
    let people = [user(Role::Admin)?, user(Role::Officer)?];
    let unit =
        NewUnit { code: UnitCode::parse("DISKOMINFO")?, name: UnitName::parse("Dinas Komunikasi dan Informatika")? };
    let (name, slug_value) = (OrganisationName::parse(&format!("Kabupaten {slug}"))?, Slug::parse(slug)?);
    let unit_id = store
        .adopt(Some("perf-seed".into()), async |tx| {
            organisations::create(tx, name, slug_value).await?;
            let unit = units::create(tx, unit).await?;
            for person in people {
                users::create(tx, NewUser { unit_id: Some(unit.id), ..person }, hash.clone()).await?;
            }
            Ok::<_, StoreError>(unit.id)
        })
        .await?;

    // This year's policy from the OKI standard and a registration window open until the year's end.
    let ctx = AuditContext::console(scope_of(&store, slug).await?);
    let today = jakarta_today();
    let year = FiscalYear::parse(today.year())?;
    let ends_on = NaiveDate::from_ymd_opt(today.year(), 12, 31).context("the year's last day")?;
    let preset = presets::load("oki")?;
    let policy = preset.policy.clone();
    let window = Window::new(year, today, ends_on, Some("Tolok ukur pesanan"))?;
    store
        .write(&ctx, async |tx| {
            policy::create_version(tx, year, PolicySource::Preset(Box::new(preset))).await?;
            windows::create(tx, window).await?;
            Ok::<_, StoreError>(())
        })
        .await?;
    let basis = Basis { policy: &policy, year, today, ends_on };

    let ceiling = i64::from(QUOTA) * PRICE;
    for (group, first) in (0..count).step_by(AGREEMENTS_PER_BUDGET_LINE).enumerate() {
        let members = first..(first + AGREEMENTS_PER_BUDGET_LINE).min(count);
        let budget_line = new_budget_line(unit_id, year, group, ceiling * i64::try_from(members.len())?)?;
        let budget_line_id =
            store.write(&ctx, async |tx| Ok::<_, StoreError>(budget::create(tx, budget_line).await?.id)).await?;
        for n in members {
            let line_id =
                store.write(&ctx, async |tx| agreement(tx, n, &basis, budget_line_id, QUOTA, ceiling).await).await?;
            println!("agreement line: {line_id}");
        }
    }

    // The refusal phase's agreement: a quota twice its ceiling, on a line that holds exactly it.
    let tight = i64::from(TIGHT_UNITS) * PRICE;
    let budget_line = new_budget_line(unit_id, year, count.div_ceil(AGREEMENTS_PER_BUDGET_LINE), tight)?;
    let line_id = store
        .write(&ctx, async |tx| {
            let budget_line_id = budget::create(tx, budget_line).await?.id;
            agreement(tx, count, &basis, budget_line_id, 2 * TIGHT_UNITS, tight).await
        })
        .await?;
    println!("tight agreement line: {line_id} holds {TIGHT_UNITS}");
    println!("seeded {count} active agreements; admin login: {slug}.admin / {PASSWORD}");
    println!("officer login: {slug}.officer / {PASSWORD}");
    Ok(())
}

fn new_budget_line(unit_id: Uuid, year: FiscalYear, n: usize, ceiling: i64) -> anyhow::Result<NewBudgetLine> {
    let code = format!("5.1.02.01.01.{:04}", n + 1);
    let name = format!("Belanja Jasa Iklan/Reklame, Film, dan Pemotretan {}", n + 1);
    Ok(NewBudgetLine::new(unit_id, year, &code, &name, Rupiah::new(ceiling)?)?)
}

/// Agreement `n`, as officers reach it through the API: a company whose online outlet passes
/// every rule of the OKI policy, its application taken from draft to approved (every mandatory
/// document handed in and accepted, scored tier A, visited, verified), and an agreement of one
/// advertorial line of `quota` at [`PRICE`] with `ceiling` on `budget_line_id`, activated.
/// Answers the agreement line's id.
async fn agreement(
    tx: &mut Tx,
    n: usize,
    basis: &Basis<'_>,
    budget_line_id: Uuid,
    quota: u32,
    ceiling: i64,
) -> Result<Uuid, StoreError> {
    let Basis { policy, year, today, ends_on } = *basis;
    let serial = u64::try_from(n).unwrap_or(u64::MAX);
    let profile = CompanyProfile {
        legal_name: format!("PT Mitra Pesanan {n:05}"),
        legal_form: LegalForm::Pt,
        deed_number: None,
        deed_date: None,
        ahu_number: None,
        ahu_date: None,
        nib: None,
        npwp: Npwp::parse(&format!("{:016}", 8_000_000_000_000_000u64 + serial)).map_err(invalid)?,
        vat_registered_since: None,
        address: None,
        phone: None,
        email: None,
        website: None,
        staff_count: Some(8),
        paid_up_capital: Some(Rupiah::new(100_000_000).map_err(invalid)?),
        local_office: Some(true),
        association: Some("SMSI".to_owned()),
    };
    let company = registry::create_company(tx, profile).await?;
    let outlet = registry::create_outlet(
        tx,
        OutletProfile {
            company_id: company.id,
            media_type: MediaType::Online,
            name: format!("Warta Pesanan {n:05}"),
            url: None,
            frequency: None,
            scale: OutletScale::Local,
            first_published: NaiveDate::from_ymd_opt(2019, 3, 1),
            periodicity: Periodicity::Continuous,
            circulation: None,
            monthly_visitors: None,
            claims_evidence: None,
            broadcast_licence: None,
            broadcast_licence_until: None,
        },
    )
    .await?;
    let editor = NewPerson {
        company_id: company.id,
        fiscal_year: year,
        nik: Nik::parse(&format!("16{:04}150690{:04}", n % 10_000, n / 10_000 + 1)).map_err(invalid)?,
        details: PersonDetails {
            full_name: FullName::parse("Pemimpin Redaksi").map_err(invalid)?,
            role: NewsroomRole::EditorInChief,
            competence: Some(Competence { level: CompetenceLevel::Utama, certificate: None, certified_on: None }),
        },
    };
    registry::create_person(tx, editor).await?;
    let check = PressCouncilCheck {
        status: PressCouncilStatus::FactuallyVerified,
        certificate_number: None,
        certificate_date: None,
        valid_until: Some(days_after(today, 900)?),
        checked_on: today,
        evidence: "Data perusahaan pers Dewan Pers".to_owned(),
    };
    registry::record_press_council(tx, company.id, check).await?;

    let application = applications::create(tx, outlet.id, year, today).await?;
    let id = application.id;
    let mut handed_in = Vec::new();
    let mandatory = policy.requirements.iter().filter(|r| r.mandatory && r.media_types.contains(&MediaType::Online));
    for (index, requirement) in mandatory.enumerate() {
        let file_type = requirement.file_types.first().copied().ok_or_else(|| broken("a requirement takes a file"))?;
        let file = FileRef {
            sha256: format!("{:064x}", index + 1),
            name: format!("{}.{}", requirement.code, file_type.as_str()),
            file_type,
            size: 2048,
        };
        let expires_on = requirement.needs_expiry.then(|| days_after(today, 400)).transpose()?;
        handed_in.push(documents::add(tx, id, &requirement.code, file, expires_on).await?);
    }
    let step = |step: Step| StepRequest { step, reason: None };
    let mut version = applications::take_step(tx, id, application.version, step(Step::Submit), today).await?.version;
    version = applications::take_step(tx, id, version, step(Step::StartReview), today).await?.version;
    for document in handed_in {
        let accepted = Review::new(ReviewStatus::Accepted, None).map_err(invalid)?;
        documents::review(tx, document.id, document.version, accepted).await?;
    }
    let answer = |criterion: &str, option: &str| Answer { criterion: criterion.to_owned(), option: option.to_owned() };
    let answers = vec![
        answer("kunjungan", "10rb_sampai_100rb"),
        answer("frekuensi", "harian"),
        answer("usia_media", "di_atas_5_tahun"),
    ];
    version = applications::score(tx, id, version, answers).await?.version;
    let checklist = [ChecklistItem { item: "Kantor redaksi ada di alamat".to_owned(), ok: true, note: None }];
    let team = ["Verifikator Media".to_owned()];
    let visit = SiteVisit::new(today, &team, &checklist, VisitConclusion::Confirmed, None, today).map_err(invalid)?;
    visits::record(tx, id, visit).await?;
    version = applications::take_step(tx, id, version, step(Step::Verify), today).await?.version;
    applications::take_step(tx, id, version, step(Step::Approve), today).await?;

    let price = Rupiah::new(PRICE).map_err(invalid)?;
    let terms = Terms::new(TermsRequest {
        kind: AgreementKind::Partnership,
        title: "Publikasi program pemerintah daerah",
        external_order_id: None,
        budget_line_id,
        starts_on: today,
        ends_on,
        ceiling: Rupiah::new(ceiling).map_err(invalid)?,
        lines: vec![AgreementLine {
            product: "advertorial".to_owned(),
            quota,
            negotiation: Negotiation {
                offered: price,
                reference: price,
                agreed: price,
                note: Some("Harga sesuai standar".to_owned()),
            },
        }],
    })
    .map_err(invalid)?;
    let drafted = agreements::create(tx, id, terms, today).await?;
    let activate = AgreementStepRequest::new(AgreementStep::Activate, None, None).map_err(invalid)?;
    let active = agreements::take_step(tx, drafted.id, drafted.version, activate, today).await?;
    active.lines.first().map(|line| line.id).ok_or(StoreError::NotFound)
}

/// The minimal handler: Mitra's request type and domain value, then one row.
async fn insert_order(db: web::Data<DatabaseConnection>, request: web::Json<IssueOrderRequest>) -> HttpResponse {
    let order = match NewOrder::try_from(request.into_inner()) {
        Ok(order) => order,
        Err(violations) => return HttpResponse::BadRequest().body(format!("{violations:?}")),
    };
    let id = Uuid::now_v7();
    let quantity = i32::try_from(order.quantity).unwrap_or(i32::MAX);
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO perf_orders (id, line_id, quantity, created_at) VALUES ($1, $2, $3, now())",
        [id.into(), order.agreement_line_id.into(), quantity.into()],
    );
    match db.execute_raw(insert).await {
        Ok(_) => HttpResponse::Created().json(serde_json::json!({
            "id": id, "agreement_line_id": order.agreement_line_id, "quantity": order.quantity,
        })),
        Err(err) => HttpResponse::InternalServerError().body(err.to_string()),
    }
}

async fn serve_insert(url: &str, bind: &str) -> anyhow::Result<()> {
    let db = web::Data::new(connect_like_mitra(url).await?);
    let listener = TcpListener::bind(bind)?;
    println!("baseline listening on http://{}", listener.local_addr()?);
    HttpServer::new(move || App::new().app_data(db.clone()).route("/orders", web::post().to(insert_order)))
        .listen(listener)?
        .run()
        .await?;
    Ok(())
}
