//! The quarterly media disclosure: what the public body paid each media owner per outlet, per
//! quarter, in the manner of Austria's media transparency law.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use chrono::NaiveDate;
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::MediaType;
use mitra_domain::reports::{ReportFormat, csv_field};
use mitra_persistence::reports::{self, DisclosureRow, PaymentPeriod};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::plus;
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisclosureParams {
    /// The year the payments were made in.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// One quarter (1 to 4); the whole year without it.
    #[param(minimum = 1, maximum = 4)]
    #[validate(range(min = 1, max = 4))]
    pub quarter: Option<u32>,
    /// `csv` for a spreadsheet (a download); JSON by default.
    pub format: Option<ReportFormat>,
}

/// What one unit paid one media owner for one outlet in one quarter.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisclosureView {
    /// `YYYY-Qn`, by the date of payment.
    pub period: String,
    pub public_body: String,
    /// The unit (OPD) whose budget paid.
    pub unit: String,
    /// The press company.
    pub media_owner: String,
    pub outlet: String,
    pub media_type: MediaType,
    /// Paid, VAT included.
    pub amount: Rupiah,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct DisclosureTotal {
    pub entries: i64,
    pub amount: Rupiah,
}

/// The quarterly disclosure, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisclosureReport {
    pub fiscal_year: i32,
    #[schema(required = true)]
    pub quarter: Option<u32>,
    /// By quarter, unit, media owner and outlet.
    pub rows: Vec<DisclosureView>,
    pub total: DisclosureTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

struct Disclosure {
    year: i32,
    quarter: Option<u32>,
}

impl Disclosure {
    /// The first day of the period and the first day after it.
    fn period(&self) -> Option<PaymentPeriod> {
        let (first, last) = self.quarter.map_or((1, 12), |quarter| (quarter * 3 - 2, quarter * 3));
        let from = NaiveDate::from_ymd_opt(self.year, first, 1)?;
        let until = if last == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(self.year, last + 1, 1)?
        };
        Some(PaymentPeriod { from, until })
    }
}

fn disclosure_view(row: &DisclosureRow) -> DisclosureView {
    DisclosureView {
        period: row.period.clone(),
        public_body: row.public_body.clone(),
        unit: row.unit.clone(),
        media_owner: row.media_owner.clone(),
        outlet: row.outlet.clone(),
        media_type: row.media_type,
        amount: row.amount,
    }
}

impl ReportLayout for Disclosure {
    type Row = DisclosureRow;
    type Total = DisclosureTotal;

    fn add(total: &mut DisclosureTotal, row: &DisclosureRow) {
        total.entries += 1;
        total.amount = plus(total.amount, row.amount);
    }

    fn json_head(&self) -> String {
        let quarter = self.quarter.map_or_else(|| "null".to_owned(), |quarter| quarter.to_string());
        format!("\"fiscal_year\":{},\"quarter\":{quarter}", self.year)
    }

    fn json_row(row: &DisclosureRow) -> String {
        serde_json::to_string(&disclosure_view(row)).unwrap_or_default()
    }

    fn json_total(total: &DisclosureTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "period,public_body,unit,media_owner,outlet,media_type,amount"
    }

    fn csv_row(row: &DisclosureRow) -> String {
        format!(
            "{},{},{},{},{},{},{}",
            row.period,
            csv_field(&row.public_body),
            csv_field(&row.unit),
            csv_field(&row.media_owner),
            csv_field(&row.outlet),
            row.media_type,
            row.amount.amount()
        )
    }

    fn csv_total(total: &DisclosureTotal) -> String {
        format!("total,,,,,{},{}", total.entries, total.amount.amount())
    }

    fn file_name(&self) -> String {
        match self.quarter {
            Some(quarter) => format!("disclosure-{}-q{quarter}", self.year),
            None => format!("disclosure-{}", self.year),
        }
    }
}

/// Quarterly media disclosure
///
/// What the public body paid, per quarter (by the date of payment), unit, media owner and
/// outlet: public body, media owner, outlet, period, amount - the disclosure Austria's media
/// transparency law asks of public bodies. `format=csv` answers the same numbers as a CSV
/// download.
#[utoipa::path(
    tag = "reports",
    params(DisclosureParams),
    responses((status = 200, description = "The report", content(
        (DisclosureReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/disclosure")]
pub async fn disclosure_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<DisclosureParams>,
) -> Result<HttpResponse, ApiError> {
    let DisclosureParams { fiscal_year, quarter, format } = params.0;
    let year = FiscalYear::parse(fiscal_year)
        .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?
        .year();
    let layout = Disclosure { year, quarter };
    let period = layout
        .period()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a disclosure period out of the calendar")))?;
    let rows = reports::disclosure(&state.store, caller.scope(), period);
    respond(&state.store, caller.scope(), layout, format.unwrap_or(ReportFormat::Json), rows).await
}
