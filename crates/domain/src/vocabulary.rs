//! Closed vocabularies: enums whose every value has one stable name.
//!
//! The name is what travels: on the wire (serde), in the database, in the published OpenAPI
//! document (as an `enum`, with the `openapi` feature) and in the web app, which translates every
//! value. Declaring a vocabulary with [`vocabulary!`] keeps all of those one source.

use std::fmt;

/// A name that is not one of a vocabulary's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub vocabulary: &'static str,
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.vocabulary, self.name)
    }
}

impl std::error::Error for UnknownName {}

#[doc(hidden)]
#[macro_export]
macro_rules! __count {
    () => { 0 };
    ($head:ident $($tail:ident)*) => { 1 + $crate::__count!($($tail)*) };
}

/// Declares a vocabulary: the enum, `ALL` in declaration order, `as_str`, `Display`, `FromStr`,
/// serde and (with the `openapi` feature) its schema, all from one `Variant = "name"` list. Only
/// this crate declares vocabularies, so the feature is always this crate's.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:tt ),+ $(,)?
        }
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(::utoipa::ToSchema))]
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; $crate::__count!($($variant)+)] = [$($name::$variant),+];

            /// The value's stable name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::vocabulary::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.into_iter().find(|value| value.as_str() == s).ok_or_else(|| {
                    $crate::vocabulary::UnknownName { vocabulary: $what, name: s.to_owned() }
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::access::{Action, Role};
    use crate::audit::{AuditAction, ChainFault, EntityType};
    use crate::violation::ViolationCode;

    /// Each vocabulary's names are unique, parse back to their value, and are what serde writes.
    fn check<T>(all: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + std::str::FromStr + serde::Serialize,
    {
        let mut names: Vec<String> = all.iter().map(ToString::to_string).collect();
        for (value, name) in all.iter().zip(&names) {
            assert_eq!(name.parse::<T>().ok(), Some(*value), "{name}");
            assert_eq!(serde_json::to_value(value).ok(), Some(serde_json::Value::String(name.clone())));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len(), "duplicate names");
    }

    #[test]
    fn every_vocabulary_round_trips_through_its_names() {
        check(&Role::ALL);
        check(&Action::ALL);
        check(&AuditAction::ALL);
        check(&EntityType::ALL);
        check(&ChainFault::ALL);
        check(&ViolationCode::ALL);
        check(&crate::history::HistoryKind::ALL);
        check(&crate::history::HistoryRecord::ALL);
        check(&crate::history::ExceptionClass::ALL);
    }

    #[test]
    fn unknown_names_are_refused_with_the_vocabulary_named() {
        let err = "emperor".parse::<Role>().err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("unknown role `emperor`"));
        assert!("Admin".parse::<Role>().is_err(), "names are case-sensitive");
    }
}
