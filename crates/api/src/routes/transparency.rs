//! Public transparency: anyone, without signing in, may see an organisation's partners, its
//! agreements and what each outlet was paid, year by year - the journalist's and the citizen's
//! view of the same records the auditor reads. Nothing personal is on these pages (the
//! persistence module's rows carry none). Every answer is rate-limited per client address and
//! cacheable: `Cache-Control: public` and a strong `ETag` of the body, `If-None-Match` answering
//! 304.

use actix_web::http::header::{self, EntityTag};
use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse, get};
use chrono::NaiveDate;
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::MediaType;
use mitra_domain::reports::share;
use mitra_persistence::transparency::{self, PublicAgreement, PublicOrganisation};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::problem::ApiError;
use crate::state::AppState;

/// How long a reader's cache (or a proxy's) may keep an answer without asking again.
const FRESH_SECONDS: u32 = 300;

/// An organisation publishing its partnerships.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicOrganisationView {
    /// Its address: `/public/organisations/{slug}`.
    pub slug: String,
    pub name: String,
}

impl From<PublicOrganisation> for PublicOrganisationView {
    fn from(found: PublicOrganisation) -> Self {
        PublicOrganisationView { slug: found.slug, name: found.name }
    }
}

/// An organisation and the years it has published agreements in.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicOrganisationYears {
    pub slug: String,
    pub name: String,
    /// Newest first.
    pub fiscal_years: Vec<i32>,
}

/// An agreement as the public sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicAgreementView {
    pub number: String,
    pub state: AgreementState,
    /// The press company.
    pub company: String,
    pub outlet: String,
    pub media_type: MediaType,
    /// The tier of the rate card its prices come from.
    pub tier: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The most it allows.
    pub ceiling: Rupiah,
    /// Paid under it so far, VAT included.
    pub paid: Rupiah,
}

/// What an outlet was given and paid in the year.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicOutletTotal {
    pub outlet: String,
    pub company: String,
    pub media_type: MediaType,
    pub agreements: usize,
    pub ceiling: Rupiah,
    pub paid: Rupiah,
    /// Its part of everything paid in the year, four decimals.
    pub share: f64,
}

/// The year's sums.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicTotals {
    pub agreements: usize,
    /// Press companies with an agreement.
    pub partners: usize,
    pub outlets: usize,
    pub ceiling: Rupiah,
    pub paid: Rupiah,
}

/// One organisation's year of partnerships with the press.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicYear {
    pub organisation: PublicOrganisationView,
    pub fiscal_year: i32,
    pub totals: PublicTotals,
    /// Press companies with an agreement, by name.
    pub partners: Vec<String>,
    /// Largest paid first.
    pub outlets: Vec<PublicOutletTotal>,
    /// In number order.
    pub agreements: Vec<PublicAgreementView>,
}

/// Organisations publishing
///
/// Every organisation on this server whose partnerships with the press can be read here.
#[utoipa::path(
    tag = "transparency",
    responses(
        (status = 200, description = "The organisations", body = Vec<PublicOrganisationView>),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 429, description = "Too many requests from this address (`too_many_requests`); see `Retry-After`", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/public/organisations")]
pub async fn list_public_organisations(state: Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    admit(&state, &req)?;
    let found = transparency::organisations(&state.store).await?;
    cacheable(&req, &found.into_iter().map(PublicOrganisationView::from).collect::<Vec<_>>())
}

/// An organisation's published years
#[utoipa::path(
    tag = "transparency",
    params(("slug" = String, Path, description = "The organisation's address name")),
    responses(
        (status = 200, description = "The organisation and its years", body = PublicOrganisationYears),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 404, description = "No such organisation (`not_found`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (`too_many_requests`); see `Retry-After`", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/public/organisations/{slug}")]
pub async fn get_public_organisation(
    state: Data<AppState>,
    req: HttpRequest,
    slug: Path<String>,
) -> Result<HttpResponse, ApiError> {
    admit(&state, &req)?;
    let (found, fiscal_years) = transparency::organisation(&state.store, &slug).await?;
    cacheable(&req, &PublicOrganisationYears { slug: found.slug, name: found.name, fiscal_years })
}

/// An organisation's year of partnerships
///
/// The year's partners, agreements (with their ceilings and what was paid) and what each
/// outlet was paid, with its share. Nothing personal: companies, outlets and money only.
#[utoipa::path(
    tag = "transparency",
    params(
        ("slug" = String, Path, description = "The organisation's address name"),
        ("fiscal_year" = i32, Path, description = "The fiscal year", minimum = 2000, maximum = 2100),
    ),
    responses(
        (status = 200, description = "The year", body = PublicYear),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 404, description = "No such organisation (`not_found`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (`too_many_requests`); see `Retry-After`", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/public/organisations/{slug}/{fiscal_year}")]
pub async fn get_public_year(
    state: Data<AppState>,
    req: HttpRequest,
    path: Path<(String, i32)>,
) -> Result<HttpResponse, ApiError> {
    admit(&state, &req)?;
    let (slug, year) = path.into_inner();
    let fiscal_year =
        FiscalYear::parse(year).map_err(|violation| ApiError::invalid_path(violation.at("fiscal_year").into()))?;
    let (found, agreements) = transparency::agreements(&state.store, &slug, fiscal_year).await?;
    cacheable(&req, &public_year(found, fiscal_year, agreements))
}

/// The year laid out: sums, partners, outlets by what they were paid, agreements.
fn public_year(found: PublicOrganisation, fiscal_year: FiscalYear, agreements: Vec<PublicAgreement>) -> PublicYear {
    let sum = |amounts: &mut dyn Iterator<Item = Rupiah>| {
        amounts.fold(Rupiah::ZERO, |total, amount| total.checked_add(amount).unwrap_or(total))
    };
    let paid = sum(&mut agreements.iter().map(|agreement| agreement.paid));
    let mut partners: Vec<String> = agreements.iter().map(|agreement| agreement.company.clone()).collect();
    partners.sort();
    partners.dedup();
    let mut outlet_ids: Vec<_> = agreements.iter().map(|agreement| agreement.outlet_id).collect();
    outlet_ids.sort();
    outlet_ids.dedup();
    let mut outlets: Vec<PublicOutletTotal> = outlet_ids
        .iter()
        .filter_map(|id| {
            let theirs: Vec<&PublicAgreement> = agreements.iter().filter(|a| a.outlet_id == *id).collect();
            let first = theirs.first()?;
            let outlet_paid = sum(&mut theirs.iter().map(|agreement| agreement.paid));
            Some(PublicOutletTotal {
                outlet: first.outlet.clone(),
                company: first.company.clone(),
                media_type: first.media_type,
                agreements: theirs.len(),
                ceiling: sum(&mut theirs.iter().map(|agreement| agreement.ceiling)),
                paid: outlet_paid,
                share: share(outlet_paid, paid),
            })
        })
        .collect();
    outlets.sort_by(|a, b| b.paid.cmp(&a.paid).then_with(|| a.outlet.cmp(&b.outlet)));
    PublicYear {
        organisation: found.into(),
        fiscal_year: fiscal_year.year(),
        totals: PublicTotals {
            agreements: agreements.len(),
            partners: partners.len(),
            outlets: outlets.len(),
            ceiling: sum(&mut agreements.iter().map(|agreement| agreement.ceiling)),
            paid,
        },
        partners,
        outlets,
        agreements: agreements
            .into_iter()
            .map(|agreement| PublicAgreementView {
                number: agreement.number,
                state: agreement.state,
                company: agreement.company,
                outlet: agreement.outlet,
                media_type: agreement.media_type,
                tier: agreement.tier,
                starts_on: agreement.starts_on,
                ends_on: agreement.ends_on,
                ceiling: agreement.ceiling,
                paid: agreement.paid,
            })
            .collect(),
    }
}

fn admit(state: &AppState, req: &HttpRequest) -> Result<(), ApiError> {
    state.public_readers.admit(req.peer_addr().map(|address| address.ip()))
}

/// `body` as JSON that any cache may keep for a while, or 304 when the reader has it already.
fn cacheable(req: &HttpRequest, body: &impl Serialize) -> Result<HttpResponse, ApiError> {
    let json = serde_json::to_vec(body).map_err(ApiError::internal)?;
    let tag = EntityTag::new_strong(hex::encode(&Sha256::digest(&json)[..16]));
    let cache = (header::CACHE_CONTROL, format!("public, max-age={FRESH_SECONDS}"));
    let known = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|sent| sent.split(',').any(|one| one.trim() == tag.to_string() || one.trim() == "*"));
    if known {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, tag)).insert_header(cache).finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .insert_header(cache)
        .body(json))
}
