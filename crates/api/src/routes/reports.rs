//! Reports for auditors (BPK, Inspektorat) and the head of office, as JSON or CSV with the same
//! numbers, added up by the database and streamed.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use chrono::NaiveDate;
use futures_util::StreamExt;
use mitra_domain::agreements::AgreementState;
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use mitra_domain::policy::FiscalYear;
use mitra_domain::reports::{RealisationDimension, ReportFormat, csv_field};
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::reports::{
    self, AgreementCeilingRow, OrdersInStateRow, RealisationFilter, RealisationRow, YearFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

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

/// Adds two amounts of money that the database already added up once without overflow.
fn plus(total: Rupiah, more: Rupiah) -> Rupiah {
    total.checked_add(more).unwrap_or(total)
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
    respond(Realisation { filter }, format.unwrap_or(ReportFormat::Json), rows).await
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
    fn filter(&self) -> Result<YearFilter, ApiError> {
        let fiscal_year = FiscalYear::parse(self.fiscal_year)
            .map_err(|violation| ApiError::invalid_query(violation.at("fiscal_year").into()))?;
        Ok(YearFilter { fiscal_year, unit_id: self.unit_id })
    }
}

fn year_head(filter: &YearFilter) -> String {
    let unit = filter.unit_id.map_or_else(|| "null".to_owned(), |id| format!("\"{id}\""));
    format!("\"fiscal_year\":{},\"unit_id\":{unit}", filter.fiscal_year.year())
}

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
    respond(Agreements(filter), params.0.format.unwrap_or(ReportFormat::Json), rows).await
}

/// The orders in one state and their ages.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrdersInStateView {
    pub state: OrderState,
    pub orders: i64,
    pub amount: Rupiah,
    /// When the oldest of them was issued.
    #[schema(required = true)]
    pub oldest_issued_on: Option<NaiveDate>,
    /// Days since the oldest was issued.
    #[schema(required = true)]
    pub oldest_age_days: Option<i64>,
    /// Issued at most 30 days ago.
    pub aged_0_30: i64,
    pub aged_31_60: i64,
    pub aged_61_90: i64,
    /// Issued more than 90 days ago.
    pub aged_over_90: i64,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OrdersTotal {
    pub orders: i64,
    pub amount: Rupiah,
}

/// Orders by state with their ages, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrdersByStateReport {
    pub fiscal_year: i32,
    #[schema(required = true)]
    pub unit_id: Option<Uuid>,
    /// The day the ages are counted to.
    pub as_of: NaiveDate,
    /// In the order of an order's life.
    pub rows: Vec<OrdersInStateView>,
    pub total: OrdersTotal,
}

struct OrdersByState {
    filter: YearFilter,
    today: NaiveDate,
}

fn in_state(row: &OrdersInStateRow, today: NaiveDate) -> OrdersInStateView {
    OrdersInStateView {
        state: row.state,
        orders: row.orders,
        amount: row.amount,
        oldest_issued_on: row.oldest_issued_on,
        oldest_age_days: row.oldest_issued_on.map(|day| (today - day).num_days()),
        aged_0_30: row.aged[0],
        aged_31_60: row.aged[1],
        aged_61_90: row.aged[2],
        aged_over_90: row.aged[3],
    }
}

impl ReportLayout for OrdersByState {
    type Row = (OrdersInStateRow, NaiveDate);
    type Total = OrdersTotal;

    fn add(total: &mut OrdersTotal, (row, _): &Self::Row) {
        total.orders += row.orders;
        total.amount = plus(total.amount, row.amount);
    }

    fn json_head(&self) -> String {
        format!("{},\"as_of\":\"{}\"", year_head(&self.filter), self.today)
    }

    fn json_row((row, today): &Self::Row) -> String {
        serde_json::to_string(&in_state(row, *today)).unwrap_or_default()
    }

    fn json_total(total: &OrdersTotal) -> String {
        serde_json::to_string(total).unwrap_or_default()
    }

    fn csv_header() -> &'static str {
        "state,orders,amount,oldest_issued_on,oldest_age_days,aged_0_30,aged_31_60,aged_61_90,aged_over_90"
    }

    fn csv_row((row, today): &Self::Row) -> String {
        let view = in_state(row, *today);
        format!(
            "{},{},{},{},{},{},{},{},{}",
            view.state,
            view.orders,
            view.amount.amount(),
            view.oldest_issued_on.map(|day| day.to_string()).unwrap_or_default(),
            view.oldest_age_days.map(|days| days.to_string()).unwrap_or_default(),
            view.aged_0_30,
            view.aged_31_60,
            view.aged_61_90,
            view.aged_over_90
        )
    }

    fn csv_total(total: &OrdersTotal) -> String {
        format!("total,{},{},,,,,,", total.orders, total.amount.amount())
    }

    fn file_name(&self) -> String {
        format!("orders-by-state-{}", self.filter.fiscal_year.year())
    }
}

/// Orders by state with their ages
///
/// The year's orders per state, in the order of an order's life: how many, their amount, the
/// oldest and how many were issued within 30, 60, 90 days or longer ago (Jakarta's today).
/// `format=csv` answers the same numbers as a CSV download.
#[utoipa::path(
    tag = "reports",
    params(YearParams),
    responses((status = 200, description = "The report", content(
        (OrdersByStateReport = "application/json"),
        (String = "text/csv"),
    ))),
    security(("bearer" = ["reports.read"]))
)]
#[get("/reports/orders-by-state")]
pub async fn orders_by_state_report(
    state: Data<AppState>,
    caller: Caller,
    params: Filters<YearParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = params.0.filter()?;
    let today = jakarta_today();
    let rows = reports::orders_by_state(&state.store, caller.scope(), filter, today)
        .map(move |row| row.map(|row| (row, today)));
    respond(OrdersByState { filter, today }, params.0.format.unwrap_or(ReportFormat::Json), rows).await
}
