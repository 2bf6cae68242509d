//! The year's agreements against their ceilings and what was paid.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::reports::{ReportFormat, csv_field};
use mitra_persistence::reports::{self, AgreementCeilingRow, YearFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{YearParams, plus, year_head};
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

/// An agreement against its ceiling.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementCeilingView {
    pub agreement_id: Uuid,
    pub number: String,
    pub state: AgreementState,
    pub company: String,
    pub outlet: String,
    pub budget_line_code: String,
    pub ceiling: Rupiah,
    /// Held by open orders.
    pub committed: Rupiah,
    /// Paid.
    pub realised: Rupiah,
    /// What orders may still take.
    pub remaining: Rupiah,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct CeilingTotal {
    pub agreements: i64,
    pub ceiling: Rupiah,
    pub committed: Rupiah,
    pub realised: Rupiah,
    pub remaining: Rupiah,
}

/// Agreements against their ceilings and against what was paid, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementsReport {
    pub fiscal_year: i32,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    /// In number order.
    pub rows: Vec<AgreementCeilingView>,
    pub total: CeilingTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

struct Agreements(YearFilter);

impl ReportLayout for Agreements {
    type Row = AgreementCeilingRow;
    type Total = CeilingTotal;

    fn add(total: &mut CeilingTotal, row: &AgreementCeilingRow) {
        total.agreements += 1;
        total.ceiling = plus(total.ceiling, row.ceiling);
        total.committed = plus(total.committed, row.committed);
        total.realised = plus(total.realised, row.realised);
        total.remaining = plus(total.remaining, row.remaining);
    }

    fn json_head(&self) -> String {
        year_head(&self.0)
    }

    fn json_row(row: &AgreementCeilingRow) -> String {
        serde_json::to_string(&AgreementCeilingView {
            agreement_id: row.agreement_id,
            number: row.number.clone(),
            state: row.state,
            company: row.company.clone(),
            outlet: row.outlet.clone(),
            budget_line_code: row.budget_line_code.clone(),
            ceiling: row.ceiling,
            committed: row.committed,
            realised: row.realised,
            remaining: row.remaining,
        })
        .unwrap_or_default()
    }

    fn json_total(total: &CeilingTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "agreement_id,number,state,company,outlet,budget_line_code,ceiling,committed,realised,remaining"
    }

    fn csv_row(row: &AgreementCeilingRow) -> String {
        format!(
            "{},{},{},{},{},{},{},{},{},{}",
            row.agreement_id,
            csv_field(&row.number),
            row.state,
            csv_field(&row.company),
            csv_field(&row.outlet),
            csv_field(&row.budget_line_code),
            row.ceiling.amount(),
            row.committed.amount(),
            row.realised.amount(),
            row.remaining.amount()
        )
    }

    fn csv_total(total: &CeilingTotal) -> String {
        format!(
            "total,{},,,,,{},{},{},{}",
            total.agreements,
            total.ceiling.amount(),
            total.committed.amount(),
            total.realised.amount(),
            total.remaining.amount()
        )
    }

    fn file_name(&self) -> String {
        format!("agreements-{}", self.0.fiscal_year.year())
    }
}

/// Agreements against ceilings
///
/// The year's agreements (not drafts), in number order: ceiling, what open orders hold, what
/// was paid and what remains. `format=csv` answers the same numbers as a CSV download.
#[utoipa::path(
    tag = "reports",
    params(YearParams),
    responses((status = 200, description = "The report", content(
        (AgreementsReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/agreements")]
pub async fn agreements_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<YearParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = params.0.filter()?;
    let rows = reports::agreements_against_ceilings(&state.store, caller.scope(), filter);
    respond(&state.store, caller.scope(), Agreements(filter), params.0.format.unwrap_or(ReportFormat::Json), rows).await
}
