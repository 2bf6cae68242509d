//! The year's orders per state, with their ages.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use chrono::NaiveDate;
use futures_util::StreamExt;
use mitra_domain::money::Rupiah;
use mitra_domain::orders::OrderState;
use mitra_domain::reports::ReportFormat;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::reports::{self, OrdersInStateRow, YearFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{YearParams, plus, year_head};
use crate::auth::Caller;
use crate::extract::Filters;
use crate::problem::ApiError;
use crate::reports::{ReportLayout, respond};
use crate::state::AppState;

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
    /// The organisation's newest signed audit checkpoint when the report was drawn.
    #[schema(required = true)]
    pub checkpoint: Option<crate::routes::audit::CheckpointView>,
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
    respond(
        &state.store,
        caller.scope(),
        OrdersByState { filter, today },
        params.0.format.unwrap_or(ReportFormat::Json),
        rows,
    )
    .await
}
