//! Earlier years' records, as regions kept them in spreadsheets before Mitra: companies,
//! agreements, orders and payments imported from CSV into a history area of their own.
//!
//! History is kept apart from the live records on purpose: the live tables refuse every case an
//! auditor looks for (a price above the rate card, a payment without a proof, ...), so records
//! made before those rules existed could not be stored there. Here a row is refused only for
//! what cannot be stored at all - a value that does not read, a required column left empty, a
//! number given twice, a reference to nothing; what breaks a rule is stored as it was and shown
//! by the exceptions report ([`ExceptionClass`]).

use chrono::NaiveDate;
use serde::Serialize;

use crate::money::Rupiah;
use crate::policy::FiscalYear;
use crate::registry::Npwp;
use crate::violation::ViolationCode;
use crate::vocabulary;

vocabulary! {
    /// What an import file holds; imported in this order, as each refers to the one before.
    pub enum HistoryKind ("history kind") {
        Companies = "companies",
        Agreements = "agreements",
        Orders = "orders",
        Payments = "payments",
    }
}

impl HistoryKind {
    /// The file's columns, exactly these names in the header row (in any order).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            HistoryKind::Companies => &["npwp", "legal_name", "eligible_from", "eligible_until", "verified_account"],
            HistoryKind::Agreements => &[
                "number",
                "fiscal_year",
                "company_npwp",
                "outlet",
                "unit_code",
                "budget_line_code",
                "budget_line_ceiling",
                "starts_on",
                "ends_on",
                "ceiling",
                "product",
                "unit_price",
                "rate_card_price",
            ],
            HistoryKind::Orders => &[
                "number",
                "agreement_number",
                "issued_on",
                "quantity",
                "unit_price",
                "amount",
                "published_on",
                "proof_url",
                "proof_verified",
            ],
            HistoryKind::Payments => &[
                "sp2d_number",
                "paid_on",
                "company_npwp",
                "order_number",
                "invoice_number",
                "account_number",
                "amount",
            ],
        }
    }

    /// The name of one record of this kind, as the exceptions report and links name it.
    pub fn record(self) -> HistoryRecord {
        match self {
            HistoryKind::Companies => HistoryRecord::Company,
            HistoryKind::Agreements => HistoryRecord::Agreement,
            HistoryKind::Orders => HistoryRecord::Order,
            HistoryKind::Payments => HistoryRecord::Payment,
        }
    }
}

vocabulary! {
    /// One imported record's kind.
    pub enum HistoryRecord ("history record") {
        Company = "history_company",
        Agreement = "history_agreement",
        Order = "history_order",
        Payment = "history_payment",
    }
}

impl HistoryRecord {
    pub fn kind(self) -> HistoryKind {
        match self {
            HistoryRecord::Company => HistoryKind::Companies,
            HistoryRecord::Agreement => HistoryKind::Agreements,
            HistoryRecord::Order => HistoryKind::Orders,
            HistoryRecord::Payment => HistoryKind::Payments,
        }
    }

    /// Where the record is read: `/api/v1/history/orders/{id}`.
    pub fn link(self, id: uuid::Uuid) -> String {
        format!("/api/v1/history/{}/{id}", self.kind())
    }
}

vocabulary! {
    /// The classes of what auditors (BPK, Inspektorat) found, each a rule the live records obey
    /// by construction and history may break.
    pub enum ExceptionClass ("exception class") {
        /// An agreement's or order's unit price above the rate card's maximum for it.
        PriceAboveRateCard = "price_above_rate_card",
        /// A payment for an order without a proof, or with a proof nobody verified.
        PaidWithoutVerifiedProof = "paid_without_verified_proof",
        /// A payment that names no order.
        PaidWithoutOrder = "paid_without_order",
        /// An order issued outside its agreement's period.
        OrderOutsideAgreementPeriod = "order_outside_agreement_period",
        /// An order issued when its company was not (or never) verified eligible.
        CompanyIneligibleWhenOrdered = "company_ineligible_when_ordered",
        /// One proof address backing two or more orders: one item per order.
        ProofReused = "proof_reused",
        /// One company's invoice number on two or more payments: one item per payment.
        InvoiceNumberReused = "invoice_number_reused",
        /// A payment into an account other than the company's verified one, or a company
        /// without one.
        PaymentToUnverifiedAccount = "payment_to_unverified_account",
        /// A budget line's orders paid above its ceiling: one item per budget line.
        BudgetLineOverCeiling = "budget_line_over_ceiling",
        /// The same outlet and product priced higher by one unit than by another in a year: one
        /// item per dearer agreement.
        OutletPricedDifferentlyByUnits = "outlet_priced_differently_by_units",
        /// A company's orders within 7 days, each below the direct procurement threshold,
        /// adding up above it: one item per first order of such a week.
        OrdersSplitUnderThreshold = "orders_split_under_threshold",
    }
}

/// Perpres 12/2021's limit for direct procurement of services, the default threshold below
/// which orders split to avoid a tender stay.
pub const DEFAULT_SPLIT_THRESHOLD: i64 = 200_000_000;
/// Orders of one company issued within this many days of the first are taken together.
pub const SPLIT_WINDOW_DAYS: i64 = 7;

/// The longest text a column takes.
pub const MAX_TEXT: usize = 300;
pub const MAX_URL: usize = 2000;

/// Why one cell (or the whole row, or the file) cannot be stored. `row` counts as the file
/// does: the header is row 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: u64,
    /// A column's name; `file` for what concerns the whole file.
    pub column: String,
    pub code: ViolationCode,
    pub message: String,
}

impl RowError {
    pub fn new(row: u64, column: &str, code: ViolationCode, message: impl Into<String>) -> Self {
        RowError { row, column: column.to_owned(), code, message: message.into() }
    }
}

/// A company as a region's spreadsheet knew it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryCompany {
    /// 16 digits (an old 15-digit NPWP gains its leading `0`).
    pub npwp: String,
    pub legal_name: String,
    /// The period the company was verified eligible; none: never verified.
    pub eligible_from: Option<NaiveDate>,
    pub eligible_until: Option<NaiveDate>,
    /// The account number verified to be in the company's legal name, if any was.
    pub verified_account: Option<String>,
}

/// An agreement (PKS) for one product of one outlet, with the rate card's maximum that year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryAgreement {
    pub number: String,
    pub fiscal_year: i32,
    pub company_npwp: String,
    pub outlet: String,
    pub unit_code: String,
    pub budget_line_code: String,
    pub budget_line_ceiling: Rupiah,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    pub product: String,
    pub unit_price: Rupiah,
    pub rate_card_price: Rupiah,
}

/// An order under an agreement, with its proof as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryOrder {
    pub number: String,
    pub agreement_number: String,
    pub issued_on: NaiveDate,
    pub quantity: i64,
    pub unit_price: Rupiah,
    pub amount: Rupiah,
    pub published_on: Option<NaiveDate>,
    pub proof_url: Option<String>,
    pub proof_verified: bool,
}

/// A payment (SP2D) to a company, for an order or for none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryPayment {
    pub sp2d_number: String,
    pub paid_on: NaiveDate,
    pub company_npwp: String,
    pub order_number: Option<String>,
    pub invoice_number: String,
    pub account_number: String,
    pub amount: Rupiah,
}

/// One parsed row of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HistoryRow {
    Company(HistoryCompany),
    Agreement(HistoryAgreement),
    Order(HistoryOrder),
    Payment(HistoryPayment),
}

impl HistoryRow {
    /// The number that must be unique among the organisation's records of its kind (payments
    /// have none: a reused number is what the exceptions report is for).
    pub fn unique_key(&self) -> Option<&str> {
        match self {
            HistoryRow::Company(company) => Some(&company.npwp),
            HistoryRow::Agreement(agreement) => Some(&agreement.number),
            HistoryRow::Order(order) => Some(&order.number),
            HistoryRow::Payment(_) => None,
        }
    }
}

/// The header's refusals: a required column missing, a column this kind does not have, or one
/// given twice. All at row 1.
pub fn check_header(kind: HistoryKind, header: &[String]) -> Vec<RowError> {
    let mut errors = Vec::new();
    for (index, name) in header.iter().enumerate() {
        if !kind.columns().contains(&name.as_str()) {
            let message = format!("`{name}` is not a column of {kind}; the columns are {}", kind.columns().join(", "));
            errors.push(RowError::new(1, name, ViolationCode::InvalidValue, message));
        } else if header[..index].contains(name) {
            errors.push(RowError::new(1, name, ViolationCode::InvalidValue, "the column is given twice"));
        }
    }
    for column in kind.columns() {
        if !header.iter().any(|name| name == column) {
            errors.push(RowError::new(1, column, ViolationCode::Required, "the header lacks this column"));
        }
    }
    errors
}

/// Reads one row of `kind`, numbered `row`; `cell` gives a column's text (empty or absent: blank).
pub fn parse_row<'a>(
    kind: HistoryKind,
    row: u64,
    cell: impl Fn(&str) -> Option<&'a str>,
) -> Result<HistoryRow, Vec<RowError>> {
    let mut cells = Cells { row, cell, errors: Vec::new() };
    let parsed = match kind {
        HistoryKind::Companies => {
            let company = HistoryCompany {
                npwp: cells.npwp("npwp"),
                legal_name: cells.text("legal_name", MAX_TEXT),
                eligible_from: cells.optional("eligible_from", read_date),
                eligible_until: cells.optional("eligible_until", read_date),
                verified_account: cells.optional("verified_account", |text| read_text(text, 64)),
            };
            if let (Some(from), Some(until)) = (company.eligible_from, company.eligible_until)
                && until < from
            {
                cells.refuse("eligible_until", ViolationCode::OutOfRange, "the eligibility ends before it starts");
            }
            if company.eligible_from.is_none() && company.eligible_until.is_some() {
                cells.refuse("eligible_from", ViolationCode::Required, "an eligibility that ends also starts");
            }
            HistoryRow::Company(company)
        }
        HistoryKind::Agreements => {
            let agreement = HistoryAgreement {
                number: cells.text("number", 100),
                fiscal_year: cells.required("fiscal_year", read_year).unwrap_or_default(),
                company_npwp: cells.npwp("company_npwp"),
                outlet: cells.text("outlet", MAX_TEXT),
                unit_code: cells.text("unit_code", 50),
                budget_line_code: cells.text("budget_line_code", 100),
                budget_line_ceiling: cells.amount("budget_line_ceiling"),
                starts_on: cells.date("starts_on"),
                ends_on: cells.date("ends_on"),
                ceiling: cells.amount("ceiling"),
                product: cells.text("product", 100),
                unit_price: cells.amount("unit_price"),
                rate_card_price: cells.amount("rate_card_price"),
            };
            if agreement.ends_on < agreement.starts_on {
                cells.refuse("ends_on", ViolationCode::OutOfRange, "the agreement ends before it starts");
            }
            HistoryRow::Agreement(agreement)
        }
        HistoryKind::Orders => HistoryRow::Order(HistoryOrder {
            number: cells.text("number", 100),
            agreement_number: cells.text("agreement_number", 100),
            issued_on: cells.date("issued_on"),
            quantity: cells.required("quantity", read_quantity).unwrap_or_default(),
            unit_price: cells.amount("unit_price"),
            amount: cells.amount("amount"),
            published_on: cells.optional("published_on", read_date),
            proof_url: cells.optional("proof_url", |text| read_text(text, MAX_URL)),
            proof_verified: cells.optional("proof_verified", read_bool).unwrap_or(false),
        }),
        HistoryKind::Payments => HistoryRow::Payment(HistoryPayment {
            sp2d_number: cells.text("sp2d_number", 100),
            paid_on: cells.date("paid_on"),
            company_npwp: cells.npwp("company_npwp"),
            order_number: cells.optional("order_number", |text| read_text(text, 100)),
            invoice_number: cells.text("invoice_number", 100),
            account_number: cells.text("account_number", 64),
            amount: cells.amount("amount"),
        }),
    };
    if cells.errors.is_empty() { Ok(parsed) } else { Err(cells.errors) }
}

struct Cells<'a, F: Fn(&str) -> Option<&'a str>> {
    row: u64,
    cell: F,
    errors: Vec<RowError>,
}

impl<'a, F: Fn(&str) -> Option<&'a str>> Cells<'a, F> {
    fn refuse(&mut self, column: &str, code: ViolationCode, message: impl Into<String>) {
        self.errors.push(RowError::new(self.row, column, code, message));
    }

    fn blank(&self, column: &str) -> Option<&'a str> {
        (self.cell)(column).map(str::trim).filter(|text| !text.is_empty())
    }

    fn optional<T>(&mut self, column: &str, read: impl Fn(&str) -> Result<T, (ViolationCode, String)>) -> Option<T> {
        let text = self.blank(column)?;
        match read(text) {
            Ok(value) => Some(value),
            Err((code, message)) => {
                self.refuse(column, code, message);
                None
            }
        }
    }

    fn required<T>(&mut self, column: &str, read: impl Fn(&str) -> Result<T, (ViolationCode, String)>) -> Option<T> {
        if self.blank(column).is_none() {
            self.refuse(column, ViolationCode::Required, "the column is required");
            return None;
        }
        self.optional(column, read)
    }

    fn text(&mut self, column: &str, max: usize) -> String {
        self.required(column, |text| read_text(text, max)).unwrap_or_default()
    }

    fn npwp(&mut self, column: &str) -> String {
        self.required(column, |text| {
            Npwp::parse(text)
                .map(|npwp| npwp.as_str().to_owned())
                .map_err(|violation| (violation.code, violation.message))
        })
        .unwrap_or_default()
    }

    fn date(&mut self, column: &str) -> NaiveDate {
        self.required(column, read_date).unwrap_or_default()
    }

    fn amount(&mut self, column: &str) -> Rupiah {
        self.required(column, read_amount).unwrap_or_default()
    }
}

fn read_text(text: &str, max: usize) -> Result<String, (ViolationCode, String)> {
    if text.chars().count() > max {
        return Err((ViolationCode::TooLong, format!("at most {max} characters")));
    }
    Ok(text.to_owned())
}

fn read_date(text: &str) -> Result<NaiveDate, (ViolationCode, String)> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| (ViolationCode::InvalidFormat, format!("`{text}` is not a date written YYYY-MM-DD")))
}

fn read_year(text: &str) -> Result<i32, (ViolationCode, String)> {
    let year: i32 =
        text.parse().map_err(|_| (ViolationCode::InvalidFormat, format!("`{text}` is not a year such as 2022")))?;
    FiscalYear::parse(year).map(FiscalYear::year).map_err(|violation| (violation.code, violation.message))
}

/// Whole rupiah, digits only (a spreadsheet's thousands separators are refused, not guessed).
fn read_amount(text: &str) -> Result<Rupiah, (ViolationCode, String)> {
    if let Some(digits) = text.strip_prefix('-')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err((ViolationCode::OutOfRange, "an amount of money cannot be negative".to_owned()));
    }
    if text.len() > 15 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err((ViolationCode::InvalidFormat, format!("`{text}` is not an amount in whole rupiah, digits only")));
    }
    let amount: i64 = text.parse().map_err(|_| (ViolationCode::InvalidFormat, format!("`{text}` is not an amount")))?;
    Rupiah::new(amount).map_err(|violation| (violation.code, violation.message))
}

fn read_quantity(text: &str) -> Result<i64, (ViolationCode, String)> {
    match text.parse::<i64>() {
        Ok(quantity) if (1..=1_000_000).contains(&quantity) => Ok(quantity),
        Ok(_) => Err((ViolationCode::OutOfRange, "a quantity between 1 and 1000000".to_owned())),
        Err(_) => Err((ViolationCode::InvalidFormat, format!("`{text}` is not a whole number"))),
    }
}

/// `true`/`false`, or as Indonesian spreadsheets write it, `ya`/`tidak`.
fn read_bool(text: &str) -> Result<bool, (ViolationCode, String)> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "ya" => Ok(true),
        "false" | "tidak" => Ok(false),
        _ => Err((ViolationCode::InvalidFormat, format!("`{text}` is not true, false, ya or tidak"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |column| pairs.iter().find(|(name, _)| *name == column).map(|(_, value)| *value)
    }

    #[test]
    fn a_company_reads_with_its_old_npwp_made_sixteen_digits() {
        let parsed = parse_row(
            HistoryKind::Companies,
            2,
            row(&[("npwp", "01.234.567.8-912.000"), ("legal_name", "PT Kabar OKI"), ("eligible_from", "2021-01-01")]),
        );
        let Ok(HistoryRow::Company(company)) = parsed else { panic!("{parsed:?}") };
        assert_eq!(company.npwp, "0012345678912000");
        assert_eq!(company.eligible_until, None);
        assert_eq!(company.verified_account, None);
    }

    #[test]
    fn every_unreadable_cell_of_a_row_is_named_at_its_row() {
        let parsed = parse_row(
            HistoryKind::Orders,
            7,
            row(&[
                ("number", "SP-1"),
                ("issued_on", "12/03/2022"),
                ("quantity", "0"),
                ("unit_price", "1.500.000"),
                ("amount", "-5"),
                ("proof_verified", "mungkin"),
            ]),
        );
        let errors = parsed.err().unwrap_or_default();
        let columns: Vec<(&str, ViolationCode)> = errors.iter().map(|e| (e.column.as_str(), e.code)).collect();
        assert_eq!(
            columns,
            [
                ("agreement_number", ViolationCode::Required),
                ("issued_on", ViolationCode::InvalidFormat),
                ("quantity", ViolationCode::OutOfRange),
                ("unit_price", ViolationCode::InvalidFormat),
                ("amount", ViolationCode::OutOfRange),
                ("proof_verified", ViolationCode::InvalidFormat),
            ]
        );
        assert!(errors.iter().all(|error| error.row == 7));
    }

    #[test]
    fn a_price_above_the_rate_card_is_stored_not_refused() {
        let cells = [
            ("number", "PKS-1"),
            ("fiscal_year", "2022"),
            ("company_npwp", "0012345678912000"),
            ("outlet", "Kabar"),
            ("unit_code", "DISKOMINFO"),
            ("budget_line_code", "5.1.02"),
            ("budget_line_ceiling", "100000000"),
            ("starts_on", "2022-01-01"),
            ("ends_on", "2022-12-31"),
            ("ceiling", "50000000"),
            ("product", "advertorial"),
            ("unit_price", "5000000"),
            ("rate_card_price", "2000000"),
        ];
        assert!(parse_row(HistoryKind::Agreements, 2, row(&cells)).is_ok());
    }

    #[test]
    fn booleans_read_in_english_and_indonesian() {
        assert_eq!(read_bool("Ya"), Ok(true));
        assert_eq!(read_bool("tidak"), Ok(false));
        assert_eq!(read_bool("TRUE"), Ok(true));
        assert!(read_bool("1").is_err());
    }

    #[test]
    fn the_header_names_exactly_the_kinds_columns() {
        let header: Vec<String> = ["npwp", "legal_name", "nama", "npwp"].map(str::to_owned).to_vec();
        let errors = check_header(HistoryKind::Companies, &header);
        let named: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(named, ["nama", "npwp", "eligible_from", "eligible_until", "verified_account"]);
        assert!(errors.iter().all(|e| e.row == 1));
    }

    #[test]
    fn links_name_the_record_kind() {
        let id = uuid::Uuid::nil();
        assert_eq!(HistoryRecord::Order.link(id), format!("/api/v1/history/orders/{id}"));
    }
}
