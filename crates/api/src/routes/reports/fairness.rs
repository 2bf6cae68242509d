//! Allocation fairness: each outlet's or tier's share of the year's spending, the ten largest
//! outlets' share and the Gini coefficient - the questions a journalist asks first.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::{Concentration, FairnessDimension, ReportFormat, csv_field, share};
use mitra_persistence::reports::{self, ShareRow, YearFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{plus, year_head};
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FairnessParams {
    /// The fiscal year of the agreements.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// What to spread the spending over.
    pub by: FairnessDimension,
    /// Only the agreements on the budget lines of this unit.
    pub unit_id: Option<Uuid>,
    /// `csv` for a spreadsheet (a download); JSON by default.
    pub format: Option<ReportFormat>,
}

/// One outlet's or tier's share.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShareView {
    /// The outlet's id, or the tier's code.
    pub key: String,
    /// The outlet's name, or the tier's code.
    pub label: String,
    /// The outlet's company; none for a tier.
    #[schema(required = true)]
    pub company: Option<String>,
    pub outlets: i64,
    pub agreements: i64,
    pub ceiling: Rupiah,
    /// Paid under the agreements.
    pub realised: Rupiah,
    /// `realised` over the report's total, four decimals (0.1234 = 12.34 %).
    pub share: f64,
}

/// The report's sums and how concentrated the spending is.
#[derive(Debug, Serialize, ToSchema)]
pub struct FairnessTotal {
    /// Rows of the report (outlets or tiers).
    pub groups: i64,
    pub agreements: i64,
    pub ceiling: Rupiah,
    pub realised: Rupiah,
    /// The ten largest rows' part of `realised`, four decimals.
    pub top_ten_share: f64,
    /// Gini coefficient over the rows: 0 when each got the same, towards 1 when one got all.
    pub gini: f64,
}

/// Allocation fairness, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct FairnessReport {
    pub fiscal_year: i32,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    pub by: FairnessDimension,
    /// Largest share first; outlets with an agreement and nothing paid too.
    pub rows: Vec<ShareView>,
    pub total: FairnessTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

#[derive(Default)]
struct Sums {
    groups: i64,
    agreements: i64,
    ceiling: Rupiah,
    realised: Rupiah,
    concentration: Concentration,
}

struct Fairness {
    filter: YearFilter,
    by: FairnessDimension,
}

fn share_view(row: &ShareRow) -> ShareView {
    ShareView {
        key: row.key.clone(),
        label: row.label.clone(),
        company: row.company.clone(),
        outlets: row.outlets,
        agreements: row.agreements,
        ceiling: row.ceiling,
        realised: row.realised,
        share: share(row.realised, row.year_realised),
    }
}

fn total_view(sums: &Sums) -> FairnessTotal {
    FairnessTotal {
        groups: sums.groups,
        agreements: sums.agreements,
        ceiling: sums.ceiling,
        realised: sums.realised,
        top_ten_share: sums.concentration.top_ten_share(),
        gini: sums.concentration.gini(),
    }
}

impl ReportLayout for Fairness {
    type Row = ShareRow;
    type Total = Sums;

    fn add(sums: &mut Sums, row: &ShareRow) {
        sums.groups += 1;
        sums.agreements += row.agreements;
        sums.ceiling = plus(sums.ceiling, row.ceiling);
        sums.realised = plus(sums.realised, row.realised);
        sums.concentration.add(row.realised);
    }

    fn json_head(&self) -> String {
        format!("{},\"by\":\"{}\"", year_head(&self.filter), self.by)
    }

    fn json_row(row: &ShareRow) -> String {
        serde_json::to_string(&share_view(row)).unwrap_or_default()
    }

    fn json_total(sums: &Sums) -> String {
        serde_json::to_string(&total_view(sums)).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "key,label,company,outlets,agreements,ceiling,realised,share"
    }

    fn csv_row(row: &ShareRow) -> String {
        let view = share_view(row);
        format!(
            "{},{},{},{},{},{},{},{:.4}",
            csv_field(&view.key),
            csv_field(&view.label),
            csv_field(view.company.as_deref().unwrap_or("")),
            view.outlets,
            view.agreements,
            view.ceiling.amount(),
            view.realised.amount(),
            view.share
        )
    }

    /// The total line, then the two measures of concentration as lines of their own.
    fn csv_total(sums: &Sums) -> String {
        let total = total_view(sums);
        format!(
            "total,{},,,{},{},{},1.0000\r\ntop_ten_share,,,,,,,{:.4}\r\ngini,,,,,,,{:.4}",
            total.groups,
            total.agreements,
            total.ceiling.amount(),
            total.realised.amount(),
            total.top_ten_share,
            total.gini
        )
    }

    fn file_name(&self) -> String {
        format!("fairness-{}-{}", self.filter.fiscal_year.year(), self.by)
    }
}

/// Allocation fairness
///
/// The year's agreements (not drafts) per outlet or per tier: what they allowed, what was paid
/// and each one's share of the spending, largest first - outlets let in and paid nothing
/// included - with the ten largest rows' share and the Gini coefficient over the rows.
/// `format=csv` answers the same numbers as a CSV download.
#[utoipa::path(
    tag = "reports",
    params(FairnessParams),
    responses((status = 200, description = "The report", content(
        (FairnessReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/fairness")]
pub async fn fairness_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<FairnessParams>,
) -> Result<HttpResponse, ApiError> {
    let FairnessParams { fiscal_year, by, unit_id, format } = params.0;
    let fiscal_year = FiscalYear::parse(fiscal_year)
        .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
    let filter = YearFilter { fiscal_year, unit_id };
    let rows = reports::shares(&state.store, caller.scope(), filter, by);
    respond(&state.store, caller.scope(), Fairness { filter, by }, format.unwrap_or(ReportFormat::Json), rows).await
}
