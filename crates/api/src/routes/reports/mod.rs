//! Reports for auditors (BPK, Inspektorat) and the head of office, as JSON or CSV with the same
//! numbers, added up by the database and streamed.
//!
//! One module per report: its query parameters, its JSON schema, its `ReportLayout` (how a row
//! and the totals are written as JSON and as CSV) and its handler.

mod agreements;
mod disclosure;
mod exceptions;
mod fairness;
mod orders_by_state;
mod owed;
mod realisation;

pub use agreements::*;
pub use disclosure::*;
pub use exceptions::*;
pub use fairness::*;
pub use orders_by_state::*;
pub use owed::*;
pub use realisation::*;

use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::ReportFormat;
use mitra_persistence::reports::YearFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;
use validator::Validate;

use crate::problem::ApiError;

/// Adds two amounts of money that the database already added up once without overflow.
pub(super) fn plus(total: Rupiah, more: Rupiah) -> Rupiah {
    total.checked_add(more).unwrap_or(total)
}
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParams {
    /// The fiscal year reported.
    #[param(minimum = 2000, maximum = 2100)]
    #[validate(range(min = FiscalYear::FIRST, max = FiscalYear::LAST))]
    pub fiscal_year: i32,
    /// Only those on the budget lines of this unit.
    pub unit_id: Option<Uuid>,
    /// `csv` for a spreadsheet (a download); JSON by default.
    pub format: Option<ReportFormat>,
}

impl YearParams {
    pub(super) fn filter(&self) -> Result<YearFilter, ApiError> {
        let fiscal_year = FiscalYear::parse(self.fiscal_year)
            .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
        Ok(YearFilter { fiscal_year, unit_id: self.unit_id })
    }
}

pub(super) fn year_head(filter: &YearFilter) -> String {
    let unit = filter.unit_id.map_or_else(|| "null".to_owned(), |id| format!("\"{id}\""));
    format!("\"fiscal_year\":{},\"unit_id\":{unit}", filter.fiscal_year.year())
}
