//! Money and rates: whole rupiah in `i64`, rates in basis points. No floating point comes near
//! an amount of money.
//!
//! On the wire an amount is `{"amount": "1500000", "currency": "IDR"}`: the amount a string of
//! whole rupiah, so that no JSON reader rounds it through a float.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::violation::{Violation, ViolationCode};

/// An amount of whole rupiah, never negative in a price, a ceiling or a threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rupiah(i64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);
    /// The largest amount the API writes (fifteen digits, Rp 999 trillion): more than any
    /// regional budget, and what a figure asked for in a query may be at most.
    pub const MOST: i64 = 999_999_999_999_999;

    /// Refuses a negative amount: nothing this system prices or caps is below zero.
    pub fn new(amount: i64) -> Result<Self, Violation> {
        if amount < 0 {
            return Err(Violation::new("", ViolationCode::OutOfRange, "an amount of money cannot be negative"));
        }
        Ok(Rupiah(amount))
    }

    pub fn amount(self) -> i64 {
        self.0
    }

    /// The sum, unless it passes what an `i64` holds.
    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_add(other.0).map(Rupiah)
    }
}

impl fmt::Display for Rupiah {
    /// As written in Indonesian documents: `Rp 1.500.000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        write!(f, "Rp {grouped}")
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    amount: String,
    currency: String,
}

impl Serialize for Rupiah {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Wire { amount: self.0.to_string(), currency: "IDR".into() }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Rupiah {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        if wire.currency != "IDR" {
            return Err(D::Error::custom("currency must be IDR"));
        }
        let whole =
            !wire.amount.is_empty() && wire.amount.len() <= 15 && wire.amount.bytes().all(|b| b.is_ascii_digit());
        if !whole {
            return Err(D::Error::custom("amount must be a string of whole rupiah, e.g. \"1500000\""));
        }
        wire.amount.parse::<i64>().map(Rupiah).map_err(D::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Rupiah {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .description(Some("Whole rupiah; the amount is a string so that no reader rounds it."))
            .property(
                "amount",
                ObjectBuilder::new().schema_type(Type::String).pattern(Some("^[0-9]{1,15}$")).examples(["1500000"]),
            )
            .property("currency", ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["IDR"])))
            .required("amount")
            .required("currency")
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Rupiah {}

/// A rate in basis points (1/100 of a percent): 2 % is 200.
pub type BasisPoints = u32;

/// The largest rate a tax or a share can be: 100 %.
pub const FULL: BasisPoints = 10_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_travel_as_strings_of_whole_rupiah() {
        let price = Rupiah::new(1_500_000).unwrap_or_default();
        let json = serde_json::to_value(price).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "amount": "1500000", "currency": "IDR" }));
        assert_eq!(serde_json::from_value::<Rupiah>(json).ok(), Some(price));
        for bad in [
            serde_json::json!({ "amount": 1500000, "currency": "IDR" }),
            serde_json::json!({ "amount": "15.5", "currency": "IDR" }),
            serde_json::json!({ "amount": "-1", "currency": "IDR" }),
            serde_json::json!({ "amount": "1", "currency": "USD" }),
            serde_json::json!({ "amount": "9999999999999999", "currency": "IDR" }),
        ] {
            assert!(serde_json::from_value::<Rupiah>(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_print_as_indonesian_documents_write_them() {
        assert_eq!(Rupiah(1_500_000).to_string(), "Rp 1.500.000");
        assert_eq!(Rupiah(500).to_string(), "Rp 500");
    }

    #[test]
    fn negative_amounts_are_refused() {
        assert!(Rupiah::new(-1).is_err());
        assert_eq!(Rupiah::new(0), Ok(Rupiah::ZERO));
    }
}
