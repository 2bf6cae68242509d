//! What was paid, added up by outlet, company, month, budget line or unit.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::{RealisationDimension, ReportFormat, csv_field};
use mitra_persistence::reports::{self, RealisationFilter, RealisationRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::plus;
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RealisationParams {
    /// The fiscal year of the orders paid for.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// What to add the payments up by.
    pub by: RealisationDimension,
    /// Only the budget lines of this unit.
    pub unit_id: Option<Uuid>,
    /// `csv` for a spreadsheet (a download); JSON by default.
    pub format: Option<ReportFormat>,
}

/// One group of the realisation report.
#[derive(Debug, Serialize, ToSchema)]
pub struct RealisationRowView {
    /// The id of the outlet, company, budget line or unit; `YYYY-MM` by month.
    pub key: String,
    /// A budget line's account code, a unit's code.
    #[schema(required = true)]
    pub code: Option<String>,
    pub label: String,
    /// Paid orders in the group.
    pub orders: i64,
    /// Verified quantity x unit price, before VAT on top.
    pub amount: Rupiah,
    pub vat: Rupiah,
    /// What left the budget (amount plus VAT on top): the budget lines' `realised`.
    pub realised: Rupiah,
}

/// The sums of every row.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct RealisationTotal {
    pub orders: i64,
    pub amount: Rupiah,
    pub vat: Rupiah,
    pub realised: Rupiah,
}

/// The realisation report as JSON (the CSV has the same rows and a last `total` line).
#[derive(Debug, Serialize, ToSchema)]
pub struct RealisationReport {
    pub fiscal_year: i32,
    pub by: RealisationDimension,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    /// Largest realisation first.
    pub rows: Vec<RealisationRowView>,
    pub total: RealisationTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

impl From<RealisationRow> for RealisationRowView {
    fn from(row: RealisationRow) -> Self {
        RealisationRowView {
            key: row.key,
            code: row.code,
            label: row.label,
            orders: row.orders,
            amount: row.amount,
            vat: row.vat,
            realised: row.realised,
        }
    }
}

struct Realisation {
    filter: RealisationFilter,
}

impl ReportLayout for Realisation {
    type Row = RealisationRow;
    type Total = RealisationTotal;

    fn add(total: &mut RealisationTotal, row: &RealisationRow) {
        total.orders += row.orders;
        total.amount = plus(total.amount, row.amount);
        total.vat = plus(total.vat, row.vat);
        total.realised = plus(total.realised, row.realised);
    }

    fn json_head(&self) -> String {
        let unit = self.filter.unit_id.map_or_else(|| "null".to_owned(), |id| format!("\"{id}\""));
        format!("\"fiscal_year\":{},\"by\":\"{}\",\"unit_id\":{unit}", self.filter.fiscal_year.year(), self.filter.by)
    }

    fn json_row(row: &RealisationRow) -> String {
        serde_json::to_string(&RealisationRowView::from(row.clone())).unwrap_or_default()
    }

    fn json_total(total: &RealisationTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "key,code,label,orders,amount,vat,realised"
    }

    fn csv_row(row: &RealisationRow) -> String {
        format!(
            "{},{},{},{},{},{},{}",
            csv_field(&row.key),
            csv_field(row.code.as_deref().unwrap_or("")),
            csv_field(&row.label),
            row.orders,
            row.amount.amount(),
            row.vat.amount(),
            row.realised.amount()
        )
    }

    fn csv_total(total: &RealisationTotal) -> String {
        format!("total,,,{},{},{},{}", total.orders, total.amount.amount(), total.vat.amount(), total.realised.amount())
    }

    fn file_name(&self) -> String {
        format!("realisation-{}-{}", self.filter.fiscal_year.year(), self.filter.by)
    }
}

/// Realisation report
///
/// What was paid in a fiscal year (invoice lines of paid invoices), added up per outlet,
/// company, month of payment, budget line or unit, largest first, with totals that equal the
/// budget lines' `realised`. `format=csv` answers the same numbers as a CSV download.
#[utoipa::path(
    tag = "reports",
    params(RealisationParams),
    responses((status = 200, description = "The report", content(
        (RealisationReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/realisation")]
pub async fn realisation_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<RealisationParams>,
) -> Result<HttpResponse, ApiError> {
    let RealisationParams { fiscal_year, by, unit_id, format } = params.0;
    let fiscal_year = FiscalYear::parse(fiscal_year)
        .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
    let filter = RealisationFilter { fiscal_year, unit_id, by };
    let rows = reports::realisation(&state.store, caller.scope(), filter);
    respond(&state.store, caller.scope(), Realisation { filter }, format.unwrap_or(ReportFormat::Json), rows).await
}
