//! Official numbers: sequential per organisation, kind of document and year, with no gap and no
//! twin, also under concurrency.
//!
//! The sequence row is created or moved by one statement (`INSERT ... ON CONFLICT DO UPDATE SET
//! last = last + 1 RETURNING last`) inside the transaction that writes the numbered document: a
//! concurrent writer waits on the row lock and gets the next number, and a write that fails gives
//! its number back when it rolls back. Numbers are never reused, because nothing numbered is ever
//! deleted.

use chrono::{Datelike, NaiveDate};
use mitra_domain::policy::{NumberedDocument, Policy};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use uuid::Uuid;

use crate::entities::number_sequence;
use crate::{Refusal, StoreError, Tx};

/// Takes the next number of `document` for `year` and renders it with the policy's pattern, the
/// issuing unit's code and the month of `on`.
pub(crate) async fn next(
    tx: &mut Tx,
    policy: &Policy,
    document: NumberedDocument,
    year: i32,
    unit_code: &str,
    on: NaiveDate,
) -> Result<String, StoreError> {
    let pattern = policy.numbering_of(document).ok_or(StoreError::Refused(Refusal::NoNumberingPattern))?.clone();
    let sequence = take_many(tx, document, year, 1).await?;
    Ok(pattern.render(sequence, year, on.month(), unit_code))
}

/// Takes the next `count` numbers of `document` for `year` at once (orders issued together) and
/// returns the first; the others follow it without a gap.
pub(crate) async fn take_many(
    tx: &mut Tx,
    document: NumberedDocument,
    year: i32,
    count: u64,
) -> Result<u64, StoreError> {
    let count = i64::try_from(count).map_err(|err| sea_orm::DbErr::Type(err.to_string()))?;
    // One statement: the year's first numbers create the sequence, every later take moves it.
    let mut conflict = OnConflict::columns([
        number_sequence::Column::OrganisationId,
        number_sequence::Column::Document,
        number_sequence::Column::Year,
    ]);
    conflict.value(
        number_sequence::Column::Last,
        Expr::col((number_sequence::Entity, number_sequence::Column::Last)).add(count),
    );
    let row = number_sequence::ActiveModel {
        id: Set(Uuid::now_v7()),
        document: Set(document.as_str().to_owned()),
        year: Set(year),
        last: Set(count),
        ..Default::default()
    };
    let moved = tx.upsert(row, conflict).await?.ok_or(StoreError::NotFound)?;
    u64::try_from(moved.last - count + 1).map_err(|err| sea_orm::DbErr::Type(err.to_string()).into())
}
