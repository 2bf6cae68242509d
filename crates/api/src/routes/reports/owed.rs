//! What is owed to each company, with how long it has been waiting.

use chrono::NaiveDate;
use futures_util::StreamExt;
use mitra_domain::money::Rupiah;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::reports::{self, OwedRow, YearFilter};

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use mitra_domain::reports::{ReportFormat, csv_field};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{YearParams, plus, year_head};
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

/// What one company is owed.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwedCompanyView {
    pub company_id: Uuid,
    pub company: String,
    /// Published and not yet paid.
    pub orders: i64,
    /// Billed orders at their invoice's gross, the others at verified (else ordered) quantity x
    /// unit price.
    pub amount: Rupiah,
    /// When the longest-waiting order was published.
    #[schema(required = true)]
    pub oldest_since: Option<NaiveDate>,
    #[schema(required = true)]
    pub oldest_age_days: Option<i64>,
    /// Waiting at most 30 days.
    pub owed_0_30: Rupiah,
    pub owed_31_60: Rupiah,
    pub owed_61_90: Rupiah,
    /// Waiting more than 90 days.
    pub owed_over_90: Rupiah,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OwedTotal {
    pub companies: i64,
    pub orders: i64,
    pub amount: Rupiah,
    pub owed_0_30: Rupiah,
    pub owed_31_60: Rupiah,
    pub owed_61_90: Rupiah,
    pub owed_over_90: Rupiah,
}

/// What is owed with its ages, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwedReport {
    pub fiscal_year: i32,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    /// The day the ages are counted to.
    pub as_of: NaiveDate,
    /// Largest amount first.
    pub rows: Vec<OwedCompanyView>,
    pub total: OwedTotal,
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
}

struct Owed {
    filter: YearFilter,
    today: NaiveDate,
}

fn owed_view(row: &OwedRow, today: NaiveDate) -> OwedCompanyView {
    let [owed_0_30, owed_31_60, owed_61_90, owed_over_90] = row.aged;
    OwedCompanyView {
        company_id: row.company_id,
        company: row.company.clone(),
        orders: row.orders,
        amount: row.amount,
        oldest_since: row.oldest_since,
        oldest_age_days: row.oldest_since.map(|day| (today - day).num_days()),
        owed_0_30,
        owed_31_60,
        owed_61_90,
        owed_over_90,
    }
}

impl ReportLayout for Owed {
    type Row = (OwedRow, NaiveDate);
    type Total = OwedTotal;

    fn add(total: &mut OwedTotal, (row, _): &Self::Row) {
        total.companies += 1;
        total.orders += row.orders;
        total.amount = plus(total.amount, row.amount);
        total.owed_0_30 = plus(total.owed_0_30, row.aged[0]);
        total.owed_31_60 = plus(total.owed_31_60, row.aged[1]);
        total.owed_61_90 = plus(total.owed_61_90, row.aged[2]);
        total.owed_over_90 = plus(total.owed_over_90, row.aged[3]);
    }

    fn json_head(&self) -> String {
        format!("{},\"as_of\":\"{}\"", year_head(&self.filter), self.today)
    }

    fn json_row((row, today): &Self::Row) -> String {
        serde_json::to_string(&owed_view(row, *today)).unwrap_or_default()
    }

    fn json_total(total: &OwedTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "company_id,company,orders,amount,oldest_since,oldest_age_days,owed_0_30,owed_31_60,owed_61_90,owed_over_90"
    }

    fn csv_row((row, today): &Self::Row) -> String {
        let view = owed_view(row, *today);
        format!(
            "{},{},{},{},{},{},{},{},{},{}",
            view.company_id,
            csv_field(&view.company),
            view.orders,
            view.amount.amount(),
            view.oldest_since.map(|day| day.to_string()).unwrap_or_default(),
            view.oldest_age_days.map(|days| days.to_string()).unwrap_or_default(),
            view.owed_0_30.amount(),
            view.owed_31_60.amount(),
            view.owed_61_90.amount(),
            view.owed_over_90.amount()
        )
    }

    fn csv_total(total: &OwedTotal) -> String {
        format!(
            "total,{},{},{},,,{},{},{},{}",
            total.companies,
            total.orders,
            total.amount.amount(),
            total.owed_0_30.amount(),
            total.owed_31_60.amount(),
            total.owed_61_90.amount(),
            total.owed_over_90.amount()
        )
    }

    fn file_name(&self) -> String {
        format!("owed-{}", self.filter.fiscal_year.year())
    }
}

/// What is owed, with its ages
///
/// Per company, the year's orders published and not yet paid: how many, how much, since when,
/// and how much has waited up to 30, 60, 90 days or longer (Jakarta's today, counted from the
/// day of publication). `format=csv` answers the same numbers as a CSV download.
#[utoipa::path(
    tag = "reports",
    params(YearParams),
    responses((status = 200, description = "The report", content(
        (OwedReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/owed")]
pub async fn owed_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<YearParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = params.0.filter()?;
    let today = jakarta_today();
    let rows = reports::owed(&state.store, caller.scope(), filter, today).map(move |row| row.map(|row| (row, today)));
    respond(&state.store, caller.scope(), Owed { filter, today }, params.0.format.unwrap_or(ReportFormat::Json), rows)
        .await
}
