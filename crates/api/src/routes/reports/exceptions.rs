//! Exceptions: each imported record of earlier years that breaks a rule auditors check, by class,
//! linked to the record.

use std::collections::BTreeMap;

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use mitra_domain::history::{DEFAULT_SPLIT_THRESHOLD, ExceptionClass, HistoryRecord};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::{ReportFormat, csv_field};
use mitra_persistence::reports::{self, ExceptionFilter, ExceptionRow};
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
pub struct ExceptionsParams {
    /// The year reported: its agreements, and the orders issued and payments made in it.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// Whole rupiah: orders below it adding up above it within 7 days count as split (by
    /// default 200000000, the direct procurement limit of Perpres 12/2021).
    #[param(minimum = 1, maximum = 999_999_999_999_999_i64)]
    #[validate(range(min = 1, max = Rupiah::MOST))]
    pub split_threshold: Option<i64>,
    /// `csv` for a spreadsheet (a download); JSON by default.
    pub format: Option<ReportFormat>,
}

/// One record that breaks a rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExceptionView {
    pub class: ExceptionClass,
    pub record: HistoryRecord,
    pub record_id: Uuid,
    /// The record's number; a budget line's code for `budget_line_over_ceiling`, whose record is
    /// the line's first agreement.
    pub reference: String,
    /// What broke, in words (English).
    pub detail: String,
    /// The money at stake: paid above the rate card or another unit's price, the payment made
    /// against the rule, the order's amount, a ceiling's excess, a split week's sum.
    pub amount: Rupiah,
    /// Where the record is read.
    #[schema(example = "/api/v1/history/orders/0193a0a0-0000-7000-8000-000000000000")]
    pub link: String,
}

impl From<&ExceptionRow> for ExceptionView {
    fn from(row: &ExceptionRow) -> Self {
        ExceptionView {
            class: row.class,
            record: row.record,
            record_id: row.record_id,
            reference: row.reference.clone(),
            detail: row.detail.clone(),
            amount: row.amount,
            link: row.record.link(row.record_id),
        }
    }
}

/// Items and their amounts, in all and per class (every class named, 0 when none).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExceptionsTotal {
    pub items: i64,
    pub amount: Rupiah,
    /// Items per class.
    pub by_class: BTreeMap<ExceptionClass, i64>,
}

impl Default for ExceptionsTotal {
    fn default() -> Self {
        ExceptionsTotal {
            items: 0,
            amount: Rupiah::ZERO,
            by_class: ExceptionClass::ALL.into_iter().map(|class| (class, 0)).collect(),
        }
    }
}

/// The year's exceptions, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExceptionsReport {
    pub fiscal_year: i32,
    pub split_threshold: Rupiah,
    /// Class by class in the order of `ExceptionClass`, each by reference.
    pub rows: Vec<ExceptionView>,
    pub total: ExceptionsTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

struct Exceptions {
    filter: ExceptionFilter,
}

impl ReportLayout for Exceptions {
    type Row = ExceptionRow;
    type Total = ExceptionsTotal;

    fn add(total: &mut ExceptionsTotal, row: &ExceptionRow) {
        total.items += 1;
        total.amount = plus(total.amount, row.amount);
        *total.by_class.entry(row.class).or_default() += 1;
    }

    fn json_head(&self) -> String {
        format!(
            "\"fiscal_year\":{},\"split_threshold\":{}",
            self.filter.fiscal_year.year(),
            serde_json::to_string(&self.filter.split_threshold).unwrap_or_default()
        )
    }

    fn json_row(row: &ExceptionRow) -> String {
        serde_json::to_string(&ExceptionView::from(row)).unwrap_or_default()
    }

    fn json_total(total: &ExceptionsTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "class,record,record_id,reference,detail,amount,link"
    }

    fn csv_row(row: &ExceptionRow) -> String {
        let view = ExceptionView::from(row);
        format!(
            "{},{},{},{},{},{},{}",
            view.class,
            view.record,
            view.record_id,
            csv_field(&view.reference),
            csv_field(&view.detail),
            view.amount.amount(),
            view.link
        )
    }

    /// The `total` line (items in `reference`), then one per class with its items.
    fn csv_total(total: &ExceptionsTotal) -> String {
        let mut lines = vec![format!("total,,,{},,{},", total.items, total.amount.amount())];
        lines.extend(total.by_class.iter().map(|(class, items)| format!("total,,,{items},{class},,")));
        lines.join("\r\n")
    }

    fn file_name(&self) -> String {
        format!("exceptions-{}", self.filter.fiscal_year.year())
    }
}

/// Exceptions in earlier years' records
///
/// The imported history's records that break a rule auditors (BPK, Inspektorat) check, one item
/// per record (per budget line for `budget_line_over_ceiling`), class by class: a price above
/// the rate card, paid without a verified proof, paid without an order, an order outside its
/// agreement's period, a company ineligible when ordered, a proof reused, an invoice number
/// reused, a payment to an unverified account, a budget line paid over its ceiling, the same
/// outlet priced differently by two units, orders split to stay under a threshold. Each item
/// links to its record. Records entered through Mitra never appear: it refuses each case.
/// `format=csv` answers the same items as a CSV download (its `total` lines carry the items in
/// the `reference` column, per class in `detail`).
#[utoipa::path(
    tag = "reports",
    params(ExceptionsParams),
    responses((status = 200, description = "The report", content(
        (ExceptionsReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/exceptions")]
pub async fn exceptions_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<ExceptionsParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.0;
    let fiscal_year = FiscalYear::parse(params.fiscal_year)
        .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
    let split_threshold = Rupiah::new(params.split_threshold.unwrap_or(DEFAULT_SPLIT_THRESHOLD))
        .map_err(|violation| ApiError::invalid_query(violation.at("split_threshold").into()))?;
    let filter = ExceptionFilter { fiscal_year, split_threshold };
    let rows = reports::exceptions(&state.store, caller.scope(), filter);
    respond(&state.store, caller.scope(), Exceptions { filter }, params.format.unwrap_or(ReportFormat::Json), rows)
        .await
}
