//! Open data: the organisation's OCDS publication settings (administrators), and each fiscal
//! year's agreements, orders and payments as OCDS 1.1 release and record packages.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse, get, put};
use chrono::{DateTime, Utc};
use mitra_domain::open_data::{DEFAULT_LICENSE, OcidPrefix, OpenDataSettings, PublicAddress, PublisherName};
use mitra_domain::policy::FiscalYear;
use mitra_domain::{TextRule, Violations};
use mitra_persistence::open_data::{self, OpenDataSettingsRecord, PublishedYear};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Body, Input, etag};
use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;
use crate::validation::{nullable_text, text};

/// How the organisation publishes its contracting as open data (OCDS).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = OpenDataSettings)]
pub struct OpenDataSettingsView {
    /// The prefix OCDS registered for the organisation; every `ocid` starts with it.
    #[schema(example = "ocds-abc123")]
    pub ocid_prefix: String,
    #[schema(example = "Dinas Komunikasi dan Informatika Kabupaten Ogan Komering Ilir")]
    pub publisher_name: String,
    #[schema(required = true)]
    pub publisher_uri: Option<String>,
    #[schema(example = "https://creativecommons.org/licenses/by/4.0/")]
    pub license_url: String,
    #[schema(required = true)]
    pub publication_policy_url: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<OpenDataSettingsRecord> for OpenDataSettingsView {
    fn from(record: OpenDataSettingsRecord) -> Self {
        OpenDataSettingsView {
            ocid_prefix: record.ocid_prefix,
            publisher_name: record.publisher_name,
            publisher_uri: record.publisher_uri,
            license_url: record.license_url,
            publication_policy_url: record.publication_policy_url,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// The whole settings: what is left out is cleared (the licence falls back to CC BY 4.0).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutOpenDataSettingsRequest {
    /// The prefix registered with OCDS: `ocds-` and six lower-case letters or digits.
    #[schema(schema_with = text::<OcidPrefix>)]
    #[validate(length(min = OcidPrefix::MIN, max = OcidPrefix::MAX))]
    pub ocid_prefix: String,
    #[schema(schema_with = text::<PublisherName>)]
    #[validate(length(min = PublisherName::MIN, max = PublisherName::MAX))]
    pub publisher_name: String,
    #[schema(schema_with = nullable_text::<PublicAddress>)]
    #[validate(length(min = PublicAddress::MIN, max = PublicAddress::MAX))]
    pub publisher_uri: Option<String>,
    /// The licence the data is published under; CC BY 4.0 when left out.
    #[schema(schema_with = nullable_text::<PublicAddress>)]
    #[validate(length(min = PublicAddress::MIN, max = PublicAddress::MAX))]
    pub license_url: Option<String>,
    #[schema(schema_with = nullable_text::<PublicAddress>)]
    #[validate(length(min = PublicAddress::MIN, max = PublicAddress::MAX))]
    pub publication_policy_url: Option<String>,
}

impl Input for PutOpenDataSettingsRequest {
    type Value = OpenDataSettings;
}

impl TryFrom<PutOpenDataSettingsRequest> for OpenDataSettings {
    type Error = Violations;

    fn try_from(request: PutOpenDataSettingsRequest) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let address = |raw: &Option<String>| raw.as_deref().map(PublicAddress::parse).transpose();
        let ocid_prefix = violations.check("ocid_prefix", OcidPrefix::parse(&request.ocid_prefix));
        let publisher_name = violations.check("publisher_name", PublisherName::parse(&request.publisher_name));
        let publisher_uri = violations.check("publisher_uri", address(&request.publisher_uri));
        let license_url = violations
            .check("license_url", PublicAddress::parse(request.license_url.as_deref().unwrap_or(DEFAULT_LICENSE)));
        let publication_policy_url =
            violations.check("publication_policy_url", address(&request.publication_policy_url));
        violations.finish(|| {
            Some(OpenDataSettings {
                ocid_prefix: ocid_prefix?,
                publisher_name: publisher_name?,
                publisher_uri: publisher_uri?,
                license_url: license_url?,
                publication_policy_url: publication_policy_url?,
            })
        })
    }
}

fn respond(settings: OpenDataSettingsRecord) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(settings.version)).json(OpenDataSettingsView::from(settings))
}

/// Get the open data settings
#[utoipa::path(
    tag = "open-data",
    responses(
        (status = 200, description = "The settings", body = OpenDataSettingsView, headers(("ETag" = String, description = "The settings' version"))),
        (status = 404, description = "Not set yet (`not_found`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["reports.read"]))
)]
#[get("/open-data/settings")]
pub async fn get_open_data_settings(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(respond(open_data::settings(&state.store, caller.scope()).await?))
}

/// Set the open data settings
///
/// Sets the organisation's registered OCDS prefix, the publisher and the licence; the first call
/// creates them, later ones replace them.
#[utoipa::path(
    tag = "open-data",
    request_body = PutOpenDataSettingsRequest,
    responses((status = 200, description = "Set", body = OpenDataSettingsView, headers(("ETag" = String, description = "The new version")))),
    security(("bearer" = ["open_data.manage"]))
)]
#[put("/open-data/settings")]
pub async fn put_open_data_settings(
    state: Data<AppState>,
    caller: Caller,
    settings: Body<PutOpenDataSettingsRequest>,
) -> Result<HttpResponse, ApiError> {
    let settings = settings.into_inner();
    let saved = state.store.write(&caller.audit(), async |tx| open_data::set(tx, settings).await).await?;
    Ok(respond(saved))
}

async fn published_year(state: &AppState, caller: &Caller, fiscal_year: i32) -> Result<PublishedYear, ApiError> {
    let fiscal_year = FiscalYear::parse(fiscal_year).map_err(|violation| {
        ApiError::new(actix_web::http::StatusCode::BAD_REQUEST, ProblemCode::InvalidPathParameter, violation.message)
    })?;
    Ok(open_data::year(&state.store, caller.scope(), fiscal_year.year()).await?)
}

/// The address the package was asked for at: its `uri`.
fn package_uri(req: &HttpRequest) -> String {
    let connection = req.connection_info();
    format!("{}://{}{}", connection.scheme(), connection.host(), req.uri().path())
}

fn download(name: String, package: serde_json::Value) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(package)
}

/// OCDS release package of a fiscal year
///
/// One release per agreement past draft (`ocid` = the organisation's prefix and the agreement's
/// id): the unit as buyer, the press company as supplier (identified by NPWP), the agreement as
/// award and contract, its orders as milestones and its payments as implementation transactions
/// (whole rupiah, IDR). Valid against the OCDS 1.1 release package schema.
#[utoipa::path(
    tag = "open-data",
    params(("fiscal_year" = i32, Path, description = "The fiscal year", minimum = 2000, maximum = 2100)),
    responses(
        (status = 200, description = "An OCDS 1.1 release package (https://standard.open-contracting.org/1.1/en/schema/release_package/)", body = Object),
        (status = 409, description = "No OCDS prefix set yet (`open_data_not_configured`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["reports.read"]))
)]
#[get("/open-data/{fiscal_year}/release-package.json")]
pub async fn open_data_release_package(
    state: Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    fiscal_year: Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let year = published_year(&state, &caller, fiscal_year.into_inner()).await?;
    let package = crate::open_data::release_package(&year, &package_uri(&req), Utc::now());
    Ok(download(format!("ocds-{}-release-package.json", year.fiscal_year), package))
}

/// OCDS record package of a fiscal year
///
/// Per agreement past draft, its contracting process's record: the releases (embedded) and the
/// compiled release. Valid against the OCDS 1.1 record package schema.
#[utoipa::path(
    tag = "open-data",
    params(("fiscal_year" = i32, Path, description = "The fiscal year", minimum = 2000, maximum = 2100)),
    responses(
        (status = 200, description = "An OCDS 1.1 record package (https://standard.open-contracting.org/1.1/en/schema/record_package/)", body = Object),
        (status = 409, description = "No OCDS prefix set yet (`open_data_not_configured`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["reports.read"]))
)]
#[get("/open-data/{fiscal_year}/record-package.json")]
pub async fn open_data_record_package(
    state: Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    fiscal_year: Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let year = published_year(&state, &caller, fiscal_year.into_inner()).await?;
    let package = crate::open_data::record_package(&year, &package_uri(&req), Utc::now());
    Ok(download(format!("ocds-{}-record-package.json", year.fiscal_year), package))
}
