//! Exceptions: the imported history's records that break a rule auditors (BPK, Inspektorat)
//! check, one item per record (per budget line for a ceiling), each naming its class, its record
//! and what broke. The live records refuse every one of these cases, so only history shows them.
//!
//! One `SELECT` per class (two for prices: agreements and orders), each filtered by the
//! organisation and the fiscal year, run one after the other into one stream, in the order of
//! [`ExceptionClass::ALL`], each class's items by reference.

use chrono::NaiveDate;
use futures_util::{Stream, StreamExt, stream};
use mitra_domain::history::{ExceptionClass, HistoryRecord, SPLIT_WINDOW_DAYS};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};
use sea_orm::{DbBackend, DbErr, QueryResult};
use uuid::Uuid;

use super::{bigint, stream_rows};
use crate::columns::rupiah;
use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// One record that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionRow {
    pub class: ExceptionClass,
    pub record: HistoryRecord,
    pub record_id: Uuid,
    /// The record's number (a budget line's code for a ceiling).
    pub reference: String,
    /// What broke, in words.
    pub detail: String,
    /// The money at stake: paid above the rate card or another unit's price, the payment made
    /// against the rule, the order's amount, a ceiling's excess, a split week's sum.
    pub amount: Rupiah,
}

/// Which history the report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionFilter {
    /// Agreements of the year; orders issued and payments made in it.
    pub fiscal_year: FiscalYear,
    /// Orders below this, adding up above it within a week, are taken as split.
    pub split_threshold: Rupiah,
}

type Decode = Box<dyn Fn(&QueryResult) -> Result<ExceptionRow, DbErr> + Send + Sync + 'static>;

/// The year's exceptions, class by class.
pub fn exceptions(
    store: &Store,
    scope: OrgScope,
    filter: ExceptionFilter,
) -> impl Stream<Item = Result<ExceptionRow, StoreError>> + Send + 'static {
    let store = store.clone();
    let queries = queries(store.db().get_database_backend(), scope, filter);
    // One query at a time: the next starts when the one before has handed over its last row.
    stream::iter(queries).flat_map(move |(statement, decode)| stream_rows(&store, statement, decode))
}

const PAYMENTS: &str = "history_payments";
const ORDERS: &str = "history_orders";
const AGREEMENTS: &str = "history_agreements";
const COMPANIES: &str = "history_companies";

fn col(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

/// `FROM table AS alias WHERE alias.organisation_id = ...`.
fn from(table: &str, alias: &str, scope: OrgScope) -> SelectStatement {
    let mut query = Query::select();
    query
        .from_as(Alias::new(table), Alias::new(alias))
        .and_where(col(alias, "organisation_id").eq(scope.organisation_id()));
    query
}

/// `JOIN table AS alias ON alias.organisation_id = other.organisation_id AND alias.key = other.column`.
fn join(query: &mut SelectStatement, table: &str, alias: &str, key: &str, other: &str, column: &str) {
    query.join_as(
        JoinType::InnerJoin,
        Alias::new(table),
        Alias::new(alias),
        col(alias, "organisation_id")
            .equals((Alias::new(other), Alias::new("organisation_id")))
            .and(col(alias, key).equals((Alias::new(other), Alias::new(column)))),
    );
}

fn in_year(alias: &str, column: &str, year: FiscalYear) -> Expr {
    let first = NaiveDate::from_ymd_opt(year.year(), 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year.year(), 12, 31).unwrap_or_default();
    col(alias, column).between(first, last)
}

/// The record, its reference and the amount, under the names every decoder reads.
fn identify(query: &mut SelectStatement, alias: &str, reference: &str, amount: Expr) {
    query
        .expr_as(col(alias, "id"), Alias::new("record_id"))
        .expr_as(col(alias, reference), Alias::new("reference"))
        .expr_as(amount, Alias::new("amount"))
        .order_by_expr(col(alias, reference), Order::Asc);
}

fn text(row: &QueryResult, name: &str) -> Result<String, DbErr> {
    row.try_get("", name)
}

fn money(row: &QueryResult, name: &str) -> Result<Rupiah, DbErr> {
    rupiah(row.try_get("", name)?)
}

fn decoder(
    class: ExceptionClass,
    record: HistoryRecord,
    detail: impl Fn(&QueryResult) -> Result<String, DbErr> + Send + Sync + 'static,
) -> Decode {
    Box::new(move |row| {
        Ok(ExceptionRow {
            class,
            record,
            record_id: row.try_get("", "record_id")?,
            reference: text(row, "reference")?,
            detail: detail(row)?,
            amount: rupiah(Ord::max(row.try_get::<i64>("", "amount")?, 0))?,
        })
    })
}

fn queries(backend: DbBackend, scope: OrgScope, filter: ExceptionFilter) -> Vec<(SelectStatement, Decode)> {
    let year = filter.fiscal_year;
    let threshold = filter.split_threshold.amount();
    let mut all = Vec::new();

    // Agreements priced above the rate card.
    let mut query = from(AGREEMENTS, "a", scope);
    query
        .and_where(col("a", "fiscal_year").eq(year.year()))
        .and_where(col("a", "unit_price").gt(col("a", "rate_card_price")))
        .expr_as(col("a", "unit_price"), Alias::new("price"))
        .expr_as(col("a", "rate_card_price"), Alias::new("rate"))
        .expr_as(col("a", "product"), Alias::new("product"));
    identify(&mut query, "a", "number", col("a", "unit_price").sub(col("a", "rate_card_price")));
    all.push((
        query,
        decoder(ExceptionClass::PriceAboveRateCard, HistoryRecord::Agreement, |row| {
            Ok(format!(
                "{} agreed at {} per unit, above the rate card's {}",
                text(row, "product")?,
                money(row, "price")?,
                money(row, "rate")?
            ))
        }),
    ));

    // Orders priced above the rate card of their agreement.
    let mut query = from(ORDERS, "o", scope);
    join(&mut query, AGREEMENTS, "a", "number", "o", "agreement_number");
    query
        .and_where(in_year("o", "issued_on", year))
        .and_where(col("o", "unit_price").gt(col("a", "rate_card_price")))
        .expr_as(col("o", "unit_price"), Alias::new("price"))
        .expr_as(col("a", "rate_card_price"), Alias::new("rate"))
        .expr_as(col("a", "number"), Alias::new("agreement"));
    identify(
        &mut query,
        "o",
        "number",
        col("o", "unit_price").sub(col("a", "rate_card_price")).mul(col("o", "quantity")),
    );
    all.push((
        query,
        decoder(ExceptionClass::PriceAboveRateCard, HistoryRecord::Order, |row| {
            Ok(format!(
                "ordered at {} per unit under {}, above the rate card's {}",
                money(row, "price")?,
                text(row, "agreement")?,
                money(row, "rate")?
            ))
        }),
    ));

    // Payments of orders without a verified proof.
    let mut query = from(PAYMENTS, "p", scope);
    join(&mut query, ORDERS, "o", "number", "p", "order_number");
    query
        .and_where(in_year("p", "paid_on", year))
        .and_where(col("o", "proof_url").is_null().or(col("o", "proof_verified").eq(false)))
        .expr_as(col("o", "number"), Alias::new("order_number"))
        .expr_as(col("o", "proof_url"), Alias::new("proof_url"));
    identify(&mut query, "p", "sp2d_number", col("p", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::PaidWithoutVerifiedProof, HistoryRecord::Payment, |row| {
            let order = text(row, "order_number")?;
            Ok(match row.try_get::<Option<String>>("", "proof_url")? {
                None => format!("paid for order {order}, which has no proof of publication"),
                Some(url) => format!("paid for order {order}, whose proof {url} was never verified"),
            })
        }),
    ));

    // Payments that name no order.
    let mut query = from(PAYMENTS, "p", scope);
    query
        .and_where(in_year("p", "paid_on", year))
        .and_where(col("p", "order_number").is_null())
        .expr_as(col("p", "company_npwp"), Alias::new("npwp"))
        .expr_as(col("p", "invoice_number"), Alias::new("invoice"));
    identify(&mut query, "p", "sp2d_number", col("p", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::PaidWithoutOrder, HistoryRecord::Payment, |row| {
            Ok(format!(
                "paid to NPWP {} against invoice {} without an order",
                text(row, "npwp")?,
                text(row, "invoice")?
            ))
        }),
    ));

    // Orders issued outside their agreement's period.
    let mut query = from(ORDERS, "o", scope);
    join(&mut query, AGREEMENTS, "a", "number", "o", "agreement_number");
    query
        .and_where(in_year("o", "issued_on", year))
        .and_where(col("o", "issued_on").lt(col("a", "starts_on")).or(col("o", "issued_on").gt(col("a", "ends_on"))))
        .expr_as(col("o", "issued_on"), Alias::new("issued_on"))
        .expr_as(col("a", "number"), Alias::new("agreement"))
        .expr_as(col("a", "starts_on"), Alias::new("starts_on"))
        .expr_as(col("a", "ends_on"), Alias::new("ends_on"));
    identify(&mut query, "o", "number", col("o", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::OrderOutsideAgreementPeriod, HistoryRecord::Order, |row| {
            Ok(format!(
                "issued on {}, outside agreement {}'s period {} to {}",
                row.try_get::<NaiveDate>("", "issued_on")?,
                text(row, "agreement")?,
                row.try_get::<NaiveDate>("", "starts_on")?,
                row.try_get::<NaiveDate>("", "ends_on")?
            ))
        }),
    ));

    // Orders issued when the company was not verified eligible.
    let mut query = from(ORDERS, "o", scope);
    join(&mut query, AGREEMENTS, "a", "number", "o", "agreement_number");
    join(&mut query, COMPANIES, "c", "npwp", "a", "company_npwp");
    query
        .and_where(in_year("o", "issued_on", year))
        .and_where(
            col("c", "eligible_from").is_null().or(col("o", "issued_on").lt(col("c", "eligible_from"))).or(col(
                "c",
                "eligible_until",
            )
            .is_not_null()
            .and(col("o", "issued_on").gt(col("c", "eligible_until")))),
        )
        .expr_as(col("o", "issued_on"), Alias::new("issued_on"))
        .expr_as(col("c", "legal_name"), Alias::new("company"))
        .expr_as(col("c", "eligible_from"), Alias::new("eligible_from"))
        .expr_as(col("c", "eligible_until"), Alias::new("eligible_until"));
    identify(&mut query, "o", "number", col("o", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::CompanyIneligibleWhenOrdered, HistoryRecord::Order, |row| {
            let issued: NaiveDate = row.try_get("", "issued_on")?;
            let company = text(row, "company")?;
            let from: Option<NaiveDate> = row.try_get("", "eligible_from")?;
            let until: Option<NaiveDate> = row.try_get("", "eligible_until")?;
            Ok(match (from, until) {
                (None, _) => format!("issued on {issued} to {company}, never verified eligible"),
                (Some(from), None) => format!("issued on {issued} to {company}, eligible only from {from}"),
                (Some(from), Some(until)) => {
                    format!("issued on {issued} to {company}, eligible only from {from} to {until}")
                }
            })
        }),
    ));

    // A proof backing two or more orders.
    let mut other = from(ORDERS, "o2", scope);
    other
        .expr(Expr::val(1))
        .and_where(col("o2", "proof_url").equals((Alias::new("o"), Alias::new("proof_url"))))
        .and_where(col("o2", "id").ne(col("o", "id")));
    let mut query = from(ORDERS, "o", scope);
    query
        .and_where(in_year("o", "issued_on", year))
        .and_where(col("o", "proof_url").is_not_null())
        .and_where(Expr::exists(other))
        .expr_as(col("o", "proof_url"), Alias::new("proof_url"));
    identify(&mut query, "o", "number", col("o", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::ProofReused, HistoryRecord::Order, |row| {
            Ok(format!("its proof {} also backs another order", text(row, "proof_url")?))
        }),
    ));

    // One company's invoice number paid by two or more payments.
    let mut other = from(PAYMENTS, "p2", scope);
    other
        .expr(Expr::val(1))
        .and_where(col("p2", "company_npwp").equals((Alias::new("p"), Alias::new("company_npwp"))))
        .and_where(col("p2", "invoice_number").equals((Alias::new("p"), Alias::new("invoice_number"))))
        .and_where(col("p2", "id").ne(col("p", "id")));
    let mut query = from(PAYMENTS, "p", scope);
    query
        .and_where(in_year("p", "paid_on", year))
        .and_where(Expr::exists(other))
        .expr_as(col("p", "invoice_number"), Alias::new("invoice"))
        .expr_as(col("p", "company_npwp"), Alias::new("npwp"));
    identify(&mut query, "p", "sp2d_number", col("p", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::InvoiceNumberReused, HistoryRecord::Payment, |row| {
            Ok(format!(
                "invoice {} of NPWP {} is also paid by another payment",
                text(row, "invoice")?,
                text(row, "npwp")?
            ))
        }),
    ));

    // Payments into an account that is not the company's verified one.
    let mut query = from(PAYMENTS, "p", scope);
    join(&mut query, COMPANIES, "c", "npwp", "p", "company_npwp");
    query
        .and_where(in_year("p", "paid_on", year))
        .and_where(
            col("c", "verified_account").is_null().or(col("p", "account_number").ne(col("c", "verified_account"))),
        )
        .expr_as(col("p", "account_number"), Alias::new("account"))
        .expr_as(col("c", "legal_name"), Alias::new("company"))
        .expr_as(col("c", "verified_account"), Alias::new("verified"));
    identify(&mut query, "p", "sp2d_number", col("p", "amount"));
    all.push((
        query,
        decoder(ExceptionClass::PaymentToUnverifiedAccount, HistoryRecord::Payment, |row| {
            let (account, company) = (text(row, "account")?, text(row, "company")?);
            Ok(match row.try_get::<Option<String>>("", "verified")? {
                None => format!("paid into {account}; {company} has no verified account"),
                Some(verified) => format!("paid into {account}; {company}'s verified account is {verified}"),
            })
        }),
    ));

    // Budget lines whose orders were paid above the line's ceiling: one item per line, linked to
    // its first agreement (PostgreSQL has no MIN of a UUID, SQLite keeps them as bytes).
    let first_agreement = match backend {
        DbBackend::Postgres => Func::min(Func::cast_as(col("a", "id"), Alias::new("TEXT"))).into(),
        _ => Expr::from(Func::min(col("a", "id"))),
    };
    let mut query = from(PAYMENTS, "p", scope);
    join(&mut query, ORDERS, "o", "number", "p", "order_number");
    join(&mut query, AGREEMENTS, "a", "number", "o", "agreement_number");
    let paid = Expr::from(Func::sum(col("p", "amount")));
    let ceiling = Expr::from(Func::max(col("a", "budget_line_ceiling")));
    query
        .and_where(col("a", "fiscal_year").eq(year.year()))
        .expr_as(first_agreement, Alias::new("record_id"))
        .expr_as(col("a", "budget_line_code"), Alias::new("reference"))
        .expr_as(bigint(paid.clone()), Alias::new("paid"))
        .expr_as(ceiling.clone(), Alias::new("ceiling"))
        .add_group_by([col("a", "budget_line_code")])
        .and_having(paid.gt(ceiling))
        .order_by_expr(col("a", "budget_line_code"), Order::Asc);
    all.push((
        query,
        Box::new(move |row: &QueryResult| {
            let record_id = match backend {
                DbBackend::Postgres => {
                    text(row, "record_id")?.parse().map_err(|_| DbErr::Type("record_id".to_owned()))?
                }
                _ => row.try_get("", "record_id")?,
            };
            let paid: i64 = row.try_get("", "paid")?;
            let ceiling: i64 = row.try_get("", "ceiling")?;
            Ok(ExceptionRow {
                class: ExceptionClass::BudgetLineOverCeiling,
                record: HistoryRecord::Agreement,
                record_id,
                reference: text(row, "reference")?,
                detail: format!("its orders were paid {}, above its ceiling of {}", rupiah(paid)?, rupiah(ceiling)?),
                amount: rupiah(Ord::max(paid - ceiling, 0))?,
            })
        }) as Decode,
    ));

    // One outlet and product priced higher by one unit than by another in the year.
    let mut query = from(AGREEMENTS, "a", scope);
    query.join_as(
        JoinType::InnerJoin,
        Alias::new(AGREEMENTS),
        Alias::new("a2"),
        col("a2", "organisation_id")
            .equals((Alias::new("a"), Alias::new("organisation_id")))
            .and(col("a2", "fiscal_year").equals((Alias::new("a"), Alias::new("fiscal_year"))))
            .and(col("a2", "outlet").equals((Alias::new("a"), Alias::new("outlet"))))
            .and(col("a2", "product").equals((Alias::new("a"), Alias::new("product"))))
            .and(col("a2", "unit_code").ne(col("a", "unit_code")))
            .and(col("a2", "unit_price").lt(col("a", "unit_price"))),
    );
    let lowest = Expr::from(Func::min(col("a2", "unit_price")));
    query
        .and_where(col("a", "fiscal_year").eq(year.year()))
        .expr_as(col("a", "unit_code"), Alias::new("unit_code"))
        .expr_as(col("a", "unit_price"), Alias::new("price"))
        .expr_as(col("a", "outlet"), Alias::new("outlet"))
        .expr_as(col("a", "product"), Alias::new("product"))
        .expr_as(lowest.clone(), Alias::new("lowest"))
        .add_group_by([
            col("a", "id"),
            col("a", "number"),
            col("a", "unit_code"),
            col("a", "unit_price"),
            col("a", "outlet"),
            col("a", "product"),
        ]);
    identify(&mut query, "a", "number", col("a", "unit_price").sub(lowest));
    all.push((
        query,
        decoder(ExceptionClass::OutletPricedDifferentlyByUnits, HistoryRecord::Agreement, |row| {
            Ok(format!(
                "{} pays {} per {} in {}; another unit pays {}",
                text(row, "unit_code")?,
                money(row, "price")?,
                text(row, "product")?,
                text(row, "outlet")?,
                money(row, "lowest")?
            ))
        }),
    ));

    // A company's orders within a week, each below the threshold, adding up above it: one item
    // per order that starts such a week.
    let within_week = match backend {
        DbBackend::Postgres => format!(r#""o2"."issued_on" <= "o"."issued_on" + {}"#, SPLIT_WINDOW_DAYS - 1),
        _ => format!(r#""o2"."issued_on" <= date("o"."issued_on", '+{} days')"#, SPLIT_WINDOW_DAYS - 1),
    };
    let mut query = from(ORDERS, "o", scope);
    join(&mut query, AGREEMENTS, "a", "number", "o", "agreement_number");
    query.join_as(
        JoinType::InnerJoin,
        Alias::new(ORDERS),
        Alias::new("o2"),
        col("o2", "organisation_id")
            .equals((Alias::new("o"), Alias::new("organisation_id")))
            .and(col("o2", "issued_on").gte(col("o", "issued_on")))
            .and(Expr::cust(within_week))
            .and(col("o2", "amount").lt(threshold)),
    );
    query.join_as(
        JoinType::InnerJoin,
        Alias::new(AGREEMENTS),
        Alias::new("a2"),
        col("a2", "organisation_id")
            .equals((Alias::new("o2"), Alias::new("organisation_id")))
            .and(col("a2", "number").equals((Alias::new("o2"), Alias::new("agreement_number"))))
            .and(col("a2", "company_npwp").equals((Alias::new("a"), Alias::new("company_npwp")))),
    );
    let total = Expr::from(Func::sum(col("o2", "amount")));
    let count = Expr::from(Func::count(col("o2", "id")));
    query
        .and_where(in_year("o", "issued_on", year))
        .and_where(col("o", "amount").lt(threshold))
        .expr_as(col("o", "id"), Alias::new("record_id"))
        .expr_as(col("o", "number"), Alias::new("reference"))
        .expr_as(col("o", "issued_on"), Alias::new("issued_on"))
        .expr_as(col("a", "company_npwp"), Alias::new("npwp"))
        .expr_as(count.clone(), Alias::new("orders"))
        .expr_as(bigint(total.clone()), Alias::new("amount"))
        .add_group_by([col("o", "id"), col("o", "number"), col("o", "issued_on"), col("a", "company_npwp")])
        .and_having(count.gte(2).and(total.gt(threshold)))
        .order_by_expr(col("o", "number"), Order::Asc);
    let limit = filter.split_threshold;
    all.push((
        query,
        decoder(ExceptionClass::OrdersSplitUnderThreshold, HistoryRecord::Order, move |row| {
            Ok(format!(
                "{} orders of NPWP {} within {SPLIT_WINDOW_DAYS} days from {}, each below {limit}, add up to {}",
                row.try_get::<i64>("", "orders")?,
                text(row, "npwp")?,
                row.try_get::<NaiveDate>("", "issued_on")?,
                money(row, "amount")?
            ))
        }),
    ));
    all
}
