//! Official letters: the organisation's letterhead and signatory, and the agreement and order
//! letters printed under it as PDF.

use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, put};
use chrono::{DateTime, Utc};
use mitra_domain::files::{FileName, FileType};
use mitra_domain::identity::Email;
use mitra_domain::letters::{
    Letterhead, LetterheadAddress, LetterheadContact, LetterheadLine, Nip, line, optional_line,
};
use mitra_domain::{TextRule, Violations};
use mitra_persistence::letterheads::{self, LetterheadRecord};
use mitra_persistence::letters;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Input, Update, etag};
use crate::files::Generated;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::{nullable_text, text};

/// The letterhead (*kop surat*) printed on the organisation's letters, and who signs them.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Letterhead)]
pub struct LetterheadView {
    #[schema(example = "PEMERINTAH KABUPATEN OGAN KOMERING ILIR")]
    pub government: String,
    #[schema(example = "DINAS KOMUNIKASI DAN INFORMATIKA")]
    pub office: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Where letters are signed.
    #[schema(example = "Kayuagung")]
    pub city: String,
    pub signatory_name: String,
    pub signatory_title: String,
    /// The signatory's civil servant number (NIP), 18 digits.
    pub signatory_nip: Option<String>,
    /// Null until the letterhead is first set.
    pub updated_at: Option<DateTime<Utc>>,
    /// Send as `If-Match` when setting it; 0 while it was never set (letters then carry the
    /// organisation's name alone).
    pub version: i32,
}

impl From<LetterheadRecord> for LetterheadView {
    fn from(record: LetterheadRecord) -> Self {
        LetterheadView {
            government: record.government,
            office: record.office,
            address: record.address,
            phone: record.phone,
            email: record.email,
            website: record.website,
            city: record.city,
            signatory_name: record.signatory_name,
            signatory_title: record.signatory_title,
            signatory_nip: record.signatory_nip,
            updated_at: record.updated_at,
            version: record.version,
        }
    }
}

/// The whole letterhead; optional fields left out or blank are not printed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterheadRequest {
    #[schema(schema_with = text::<LetterheadLine>)]
    #[validate(length(min = LetterheadLine::MIN, max = LetterheadLine::MAX))]
    pub government: String,
    #[schema(schema_with = text::<LetterheadLine>)]
    #[validate(length(min = LetterheadLine::MIN, max = LetterheadLine::MAX))]
    pub office: String,
    #[schema(schema_with = text::<LetterheadAddress>)]
    #[validate(length(min = LetterheadAddress::MIN, max = LetterheadAddress::MAX))]
    pub address: String,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LetterheadContact>)]
    #[validate(length(max = LetterheadContact::MAX))]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Email>)]
    #[validate(length(max = Email::MAX))]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<LetterheadContact>)]
    #[validate(length(max = LetterheadContact::MAX))]
    pub website: Option<String>,
    #[schema(schema_with = text::<LetterheadLine>)]
    #[validate(length(min = LetterheadLine::MIN, max = LetterheadLine::MAX))]
    pub city: String,
    #[schema(schema_with = text::<LetterheadLine>)]
    #[validate(length(min = LetterheadLine::MIN, max = LetterheadLine::MAX))]
    pub signatory_name: String,
    #[schema(schema_with = text::<LetterheadLine>)]
    #[validate(length(min = LetterheadLine::MIN, max = LetterheadLine::MAX))]
    pub signatory_title: String,
    #[serde(default)]
    #[schema(schema_with = nullable_text::<Nip>)]
    #[validate(length(max = Nip::MAX))]
    pub signatory_nip: Option<String>,
}

impl Input for LetterheadRequest {
    type Value = Letterhead;
}

impl TryFrom<LetterheadRequest> for Letterhead {
    type Error = Violations;

    fn try_from(request: LetterheadRequest) -> Result<Self, Violations> {
        let mut v = Violations::new();
        let government = v.check("government", line::<LetterheadLine>(&request.government, "government"));
        let office = v.check("office", line::<LetterheadLine>(&request.office, "office"));
        let address = v.check("address", line::<LetterheadAddress>(&request.address, "address"));
        let phone = v.check("phone", optional_line::<LetterheadContact>(request.phone.as_deref(), "phone"));
        let email = v.check(
            "email",
            request.email.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(Email::parse).transpose(),
        );
        let website = v.check("website", optional_line::<LetterheadContact>(request.website.as_deref(), "website"));
        let city = v.check("city", line::<LetterheadLine>(&request.city, "city"));
        let signatory_name = v.check("signatory_name", line::<LetterheadLine>(&request.signatory_name, "name"));
        let signatory_title = v.check("signatory_title", line::<LetterheadLine>(&request.signatory_title, "title"));
        let signatory_nip = v.check(
            "signatory_nip",
            request.signatory_nip.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(Nip::parse).transpose(),
        );
        v.finish(|| {
            Some(Letterhead {
                government: government?,
                office: office?,
                address: address?,
                phone: phone?,
                email: email?,
                website: website?,
                city: city?,
                signatory_name: signatory_name?,
                signatory_title: signatory_title?,
                signatory_nip: signatory_nip?,
            })
        })
    }
}

fn respond(letterhead: LetterheadRecord) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(letterhead.version)).json(LetterheadView::from(letterhead))
}

/// The letterhead
///
/// Answers version 0, with the organisation's name, while it was never set.
#[utoipa::path(
    tag = "letters",
    responses((status = 200, description = "The letterhead", body = LetterheadView, headers(("ETag" = String, description = "The letterhead's version")))),
    security(("bearer" = ["organisation.read"]))
)]
#[get("/letterhead")]
pub async fn get_letterhead(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(respond(letterheads::get(&state.store, caller.scope()).await?))
}

/// Set the letterhead
///
/// The whole letterhead at once. Requires `If-Match` with the ETag last read (`"0"` the first time).
#[utoipa::path(
    tag = "letters",
    params(("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = LetterheadRequest,
    responses(
        (status = 200, description = "Set", body = LetterheadView, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Changed since read (`precondition_failed`)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing (`precondition_required`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["letterhead.manage"]))
)]
#[put("/letterhead")]
pub async fn update_letterhead(
    state: Data<AppState>,
    caller: Caller,
    update: Update<LetterheadRequest>,
) -> Result<HttpResponse, ApiError> {
    let Update { value, version } = update;
    let letterhead = state.store.write(&caller.audit(), async |tx| letterheads::set(tx, version, value).await).await?;
    Ok(respond(letterhead))
}

fn pdf(content: Vec<u8>, name: String) -> Result<Generated, ApiError> {
    let name = FileName::parse(&name).map_err(|err| ApiError::internal(anyhow::anyhow!("letter name: {err}")))?;
    Ok(Generated { content, file_type: FileType::Pdf, name })
}

/// The agreement as a letter (PDF)
///
/// The *perjanjian kerja sama* under the organisation's letterhead: its number, the parties, the
/// lines, the value in figures and in words. A draft's letter is marked DRAFT on every page.
#[utoipa::path(
    tag = "letters",
    params(("id" = Uuid, Path, description = "Agreement id")),
    responses((status = 200, description = "The letter, as an attachment", content((Vec<u8> = "application/pdf")))),
    security(("bearer" = ["agreements.read"]))
)]
#[get("/agreements/{id}/letter.pdf")]
pub async fn agreement_letter(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<Generated, ApiError> {
    let letter = letters::agreement(&state.store, caller.scope(), id.into_inner()).await?;
    let content = crate::letters::agreement_pdf(&letter).map_err(ApiError::internal)?;
    pdf(content, crate::letters::file_name("PKS", &letter.agreement.agreement.number))
}

/// The order letter (PDF)
///
/// The *surat pesanan* to the press company under the organisation's letterhead: its number,
/// the agreement it is placed under, the line, the amount in figures and in words.
#[utoipa::path(
    tag = "letters",
    params(("id" = Uuid, Path, description = "Order id")),
    responses((status = 200, description = "The letter, as an attachment", content((Vec<u8> = "application/pdf")))),
    security(("bearer" = ["orders.read"]))
)]
#[get("/orders/{id}/letter.pdf")]
pub async fn order_letter(state: Data<AppState>, caller: Caller, id: Path<Uuid>) -> Result<Generated, ApiError> {
    let letter = letters::order(&state.store, caller.scope(), id.into_inner()).await?;
    let content = crate::letters::order_pdf(&letter).map_err(ApiError::internal)?;
    pdf(content, crate::letters::file_name("SP", &letter.order.order.number))
}
