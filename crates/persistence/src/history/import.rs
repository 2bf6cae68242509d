//! Reading an import file: every row parsed and checked against what is already stored, every
//! refusal named by row and column; then either a preview, or all rows stored in the one write
//! with one audit event for the batch - never a part of a file.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::Utc;
use mitra_domain::ViolationCode;
use mitra_domain::audit::AuditAction;
use mitra_domain::history::{HistoryKind, HistoryRow, RowError, check_header, parse_row};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QuerySelect};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::BatchRecord;
use crate::entities::{history_agreement, history_batch, history_company, history_order, history_payment};
use crate::scope::{self, OrgOwned, OrgScope};
use crate::{Store, StoreError, Tx};

/// Refusals listed at most; a file refused this often is the wrong file.
pub const MAX_ERRORS: usize = 1000;
/// Parsed rows a preview shows.
pub const SAMPLE_ROWS: usize = 20;
/// Values looked up in one query.
const CHUNK: usize = 500;
/// Rows inserted by one statement: 14 columns each stay well under SQLite's and PostgreSQL's
/// limits on bound values.
const INSERT_CHUNK: usize = 200;

/// What an import would store, stored nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub kind: HistoryKind,
    /// Data rows in the file (the header not counted).
    pub rows: u64,
    pub errors: Vec<RowError>,
    /// The first rows as they would be stored.
    pub sample: Vec<HistoryRow>,
    pub sha256: String,
}

/// The file read and checked.
struct Checked {
    rows: Vec<HistoryRow>,
    count: u64,
    errors: Vec<RowError>,
    sha256: String,
}

/// Reads `content` as a file of `kind` and says what importing it would do.
pub async fn preview(store: &Store, scope: OrgScope, kind: HistoryKind, content: &[u8]) -> Result<Preview, StoreError> {
    let checked = check(store.db(), scope, kind, content).await?;
    Ok(Preview {
        kind,
        rows: checked.count,
        sample: checked.rows.into_iter().take(SAMPLE_ROWS).collect(),
        errors: checked.errors,
        sha256: checked.sha256,
    })
}

/// Stores every row of `content`, a file of `kind` named `file_name`, as one batch, or nothing:
/// a file with any refused row is [`StoreError::ImportRejected`] with every refusal.
pub async fn import(
    tx: &mut Tx,
    kind: HistoryKind,
    file_name: &str,
    content: &[u8],
) -> Result<BatchRecord, StoreError> {
    let scope = tx.scope()?;
    let checked = check(tx.conn(), scope, kind, content).await?;
    if !checked.errors.is_empty() {
        return Err(StoreError::ImportRejected(checked.errors));
    }
    let rows = i32::try_from(checked.count).map_err(|_| DbErr::Custom("too many rows".to_owned()))?;
    let batch = tx
        .insert(history_batch::ActiveModel {
            id: Set(Uuid::now_v7()),
            kind: Set(kind.as_str().to_owned()),
            file_name: Set(file_name.to_owned()),
            sha256: Set(checked.sha256),
            rows: Set(rows),
            imported_by: Set(tx.actor_id()),
            imported_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    for rows in checked.rows.chunks(INSERT_CHUNK) {
        store_rows(tx, batch.id, rows).await?;
    }
    tx.record(AuditAction::HistoryImported, None, Some(&batch))?;
    BatchRecord::try_from(batch)
}

/// Stores rows of one kind, one statement for all of them.
async fn store_rows(tx: &mut Tx, batch_id: Uuid, rows: &[HistoryRow]) -> Result<(), StoreError> {
    let (mut companies, mut agreements, mut orders, mut payments) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for row in rows.iter().cloned() {
        let id = Uuid::now_v7();
        match row {
            HistoryRow::Company(company) => companies.push(history_company::ActiveModel {
                id: Set(id),
                batch_id: Set(batch_id),
                npwp: Set(company.npwp),
                legal_name: Set(company.legal_name),
                eligible_from: Set(company.eligible_from),
                eligible_until: Set(company.eligible_until),
                verified_account: Set(company.verified_account),
                ..Default::default()
            }),
            HistoryRow::Agreement(agreement) => agreements.push(history_agreement::ActiveModel {
                id: Set(id),
                batch_id: Set(batch_id),
                number: Set(agreement.number),
                fiscal_year: Set(agreement.fiscal_year),
                company_npwp: Set(agreement.company_npwp),
                outlet: Set(agreement.outlet),
                unit_code: Set(agreement.unit_code),
                budget_line_code: Set(agreement.budget_line_code),
                budget_line_ceiling: Set(agreement.budget_line_ceiling.amount()),
                starts_on: Set(agreement.starts_on),
                ends_on: Set(agreement.ends_on),
                ceiling: Set(agreement.ceiling.amount()),
                product: Set(agreement.product),
                unit_price: Set(agreement.unit_price.amount()),
                rate_card_price: Set(agreement.rate_card_price.amount()),
                ..Default::default()
            }),
            HistoryRow::Order(order) => orders.push(history_order::ActiveModel {
                id: Set(id),
                batch_id: Set(batch_id),
                number: Set(order.number),
                agreement_number: Set(order.agreement_number),
                issued_on: Set(order.issued_on),
                quantity: Set(order.quantity),
                unit_price: Set(order.unit_price.amount()),
                amount: Set(order.amount.amount()),
                published_on: Set(order.published_on),
                proof_url: Set(order.proof_url),
                proof_verified: Set(order.proof_verified),
                ..Default::default()
            }),
            HistoryRow::Payment(payment) => payments.push(history_payment::ActiveModel {
                id: Set(id),
                batch_id: Set(batch_id),
                sp2d_number: Set(payment.sp2d_number),
                paid_on: Set(payment.paid_on),
                company_npwp: Set(payment.company_npwp),
                order_number: Set(payment.order_number),
                invoice_number: Set(payment.invoice_number),
                account_number: Set(payment.account_number),
                amount: Set(payment.amount.amount()),
                ..Default::default()
            }),
        }
    }
    tx.insert_many(companies).await?;
    tx.insert_many(agreements).await?;
    tx.insert_many(orders).await?;
    tx.insert_many(payments).await
}

/// Parses the file, then checks its numbers and references against the organisation's history.
async fn check(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    kind: HistoryKind,
    content: &[u8],
) -> Result<Checked, StoreError> {
    let sha256: String = Sha256::digest(content).iter().map(|byte| format!("{byte:02x}")).collect();
    let (numbered, count, mut errors) = parse(kind, content);
    if errors.iter().all(|error| error.row != 1) {
        let same_file = scope::select::<history_batch::Entity>(scope)
            .filter(history_batch::Column::Kind.eq(kind.as_str()))
            .filter(history_batch::Column::Sha256.eq(&sha256))
            .one(conn)
            .await?;
        if let Some(batch) = same_file {
            let message =
                format!("this file was already imported on {} ({})", batch.imported_at.date_naive(), batch.file_name);
            errors.push(RowError::new(1, "file", ViolationCode::InvalidValue, message));
        }
    }
    let values = |pick: fn(&HistoryRow) -> Option<&str>| -> BTreeSet<String> {
        numbered.iter().filter_map(|(_, row)| pick(row)).map(str::to_owned).collect()
    };
    // Numbers already taken by earlier imports.
    let key_column = key_column(kind);
    let taken = match kind {
        HistoryKind::Companies => {
            existing::<history_company::Entity>(
                conn,
                scope,
                history_company::Column::Npwp,
                values(HistoryRow::unique_key),
            )
            .await?
        }
        HistoryKind::Agreements => {
            existing::<history_agreement::Entity>(
                conn,
                scope,
                history_agreement::Column::Number,
                values(HistoryRow::unique_key),
            )
            .await?
        }
        HistoryKind::Orders => {
            existing::<history_order::Entity>(
                conn,
                scope,
                history_order::Column::Number,
                values(HistoryRow::unique_key),
            )
            .await?
        }
        HistoryKind::Payments => HashSet::new(),
    };
    // What the rows refer to.
    let companies =
        existing::<history_company::Entity>(conn, scope, history_company::Column::Npwp, values(company_of)).await?;
    let agreements =
        existing::<history_agreement::Entity>(conn, scope, history_agreement::Column::Number, values(agreement_of))
            .await?;
    let orders =
        existing::<history_order::Entity>(conn, scope, history_order::Column::Number, values(order_of)).await?;
    let mut first_row: HashMap<&str, u64> = HashMap::new();
    let mut rows = Vec::with_capacity(numbered.len());
    for (row, parsed) in &numbered {
        let row = *row;
        let before = errors.len();
        if let Some(key) = parsed.unique_key() {
            if let Some(first) = first_row.get(key) {
                let message = format!("`{key}` is also in row {first}");
                errors.push(RowError::new(row, key_column, ViolationCode::InvalidValue, message));
            } else {
                first_row.insert(key, row);
            }
            if taken.contains(key) {
                let message = format!("`{key}` was already imported");
                errors.push(RowError::new(row, key_column, ViolationCode::InvalidValue, message));
            }
        }
        let mut refer = |column: &str, value: Option<&str>, known: &HashSet<String>, what: &str| {
            if let Some(value) = value
                && !known.contains(value)
            {
                let message = format!("no {what} `{value}` was imported; import the {what}s first");
                errors.push(RowError::new(row, column, ViolationCode::UnknownReference, message));
            }
        };
        match parsed {
            HistoryRow::Company(_) => {}
            HistoryRow::Agreement(agreement) => {
                refer("company_npwp", Some(&agreement.company_npwp), &companies, "company");
            }
            HistoryRow::Order(order) => {
                refer("agreement_number", Some(&order.agreement_number), &agreements, "agreement")
            }
            HistoryRow::Payment(payment) => {
                refer("company_npwp", Some(&payment.company_npwp), &companies, "company");
                refer("order_number", payment.order_number.as_deref(), &orders, "order");
            }
        }
        if errors.len() == before {
            rows.push(parsed.clone());
        }
    }
    errors.sort_by_key(|error| error.row);
    errors.truncate(MAX_ERRORS);
    Ok(Checked { rows, count, errors, sha256 })
}

fn key_column(kind: HistoryKind) -> &'static str {
    match kind {
        HistoryKind::Companies => "npwp",
        HistoryKind::Agreements | HistoryKind::Orders => "number",
        HistoryKind::Payments => "sp2d_number",
    }
}

fn company_of(row: &HistoryRow) -> Option<&str> {
    match row {
        HistoryRow::Agreement(agreement) => Some(&agreement.company_npwp),
        HistoryRow::Payment(payment) => Some(&payment.company_npwp),
        _ => None,
    }
}

fn agreement_of(row: &HistoryRow) -> Option<&str> {
    match row {
        HistoryRow::Order(order) => Some(&order.agreement_number),
        _ => None,
    }
}

fn order_of(row: &HistoryRow) -> Option<&str> {
    match row {
        HistoryRow::Payment(payment) => payment.order_number.as_deref(),
        _ => None,
    }
}

/// Which of `values` the organisation's rows of `E` hold in `column`.
async fn existing<E: OrgOwned>(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    column: E::Column,
    values: BTreeSet<String>,
) -> Result<HashSet<String>, DbErr> {
    let values: Vec<String> = values.into_iter().collect();
    let mut found = HashSet::new();
    for chunk in values.chunks(CHUNK) {
        let rows: Vec<String> = scope::select::<E>(scope)
            .select_only()
            .column(column)
            .filter(column.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(conn)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}

/// Reads the CSV: its header, then each row with the row number a spreadsheet shows (the header
/// is row 1). Returns the rows that read, how many data rows there were, and the refusals.
fn parse(kind: HistoryKind, content: &[u8]) -> (Vec<(u64, HistoryRow)>, u64, Vec<RowError>) {
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(content);
    let mut errors = Vec::new();
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|name| name.trim().to_owned()).collect(),
        Err(err) => {
            return (Vec::new(), 0, vec![RowError::new(1, "file", ViolationCode::InvalidFormat, describe(&err))]);
        }
    };
    if header.iter().all(String::is_empty) {
        let message = format!("the file is empty; its first row names the columns: {}", kind.columns().join(","));
        return (Vec::new(), 0, vec![RowError::new(1, "file", ViolationCode::Required, message)]);
    }
    errors.extend(check_header(kind, &header));
    if !errors.is_empty() {
        return (Vec::new(), 0, errors);
    }
    let index: HashMap<&str, usize> = header.iter().enumerate().map(|(at, name)| (name.as_str(), at)).collect();
    let mut rows = Vec::new();
    let mut count = 0u64;
    for (at, record) in reader.records().enumerate() {
        let row = at as u64 + 2;
        count += 1;
        match record {
            Err(err) => errors.push(RowError::new(row, "file", ViolationCode::InvalidFormat, describe(&err))),
            Ok(record) => match parse_row(kind, row, |column| index.get(column).and_then(|&at| record.get(at))) {
                Ok(parsed) => rows.push((row, parsed)),
                Err(refused) => errors.extend(refused),
            },
        }
    }
    if count == 0 {
        errors.push(RowError::new(1, "file", ViolationCode::Required, "the file has a header but no rows"));
    }
    (rows, count, errors)
}

fn describe(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_owned(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("the row has {len} fields where the header has {expected_len}")
        }
        _ => "the row is not comma-separated text".to_owned(),
    }
}
