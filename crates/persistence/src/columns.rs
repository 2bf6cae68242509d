//! Conversions between columns and domain values that every area's rows need.

use mitra_domain::vocabulary::UnknownName;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, DbErr};

/// A vocabulary value stored by its name; a name the code does not know is a corrupt row.
pub(crate) fn vocabulary<T: std::str::FromStr<Err = UnknownName>>(text: &str) -> Result<T, DbErr> {
    text.parse().map_err(|err: UnknownName| DbErr::Type(err.to_string()))
}

/// A count stored as a signed integer, read back (a negative one was never written).
pub(crate) fn whole(value: Option<i64>) -> Option<u64> {
    value.and_then(|v| u64::try_from(v).ok())
}

pub(crate) fn stored(value: Option<u64>) -> Option<i64> {
    value.and_then(|v| i64::try_from(v).ok())
}

/// A JSON column read into its type; one that does not read is a corrupt row.
pub(crate) fn json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, DbErr> {
    serde_json::from_value(value).map_err(|err| DbErr::Json(err.to_string()))
}

/// `column` contains `text`, ignoring case; `%` and `_` typed by a user are searched literally.
pub(crate) fn contains(column: impl ColumnTrait, text: &str) -> SimpleExpr {
    let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// An amount of money column (whole rupiah); a negative one is a corrupt row.
pub(crate) fn rupiah(amount: i64) -> Result<mitra_domain::money::Rupiah, DbErr> {
    mitra_domain::money::Rupiah::new(amount).map_err(|err| DbErr::Type(err.to_string()))
}
