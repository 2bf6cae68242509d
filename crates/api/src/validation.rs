//! The shape checks of request bodies and query strings: `validator` derives them on the
//! request types, this module turns its nested errors into [`Violations`] with paths like
//! `lines[2].unit_price`, and gives the published spec the same limits from the same source
//! (the domain's [`TextRule`]s), so the web app's forms check exactly what the server checks.

use std::borrow::Cow;

use mitra_domain::{TextRule, Violation, ViolationCode, Violations};
use utoipa::openapi::{Object, ObjectBuilder, Type};
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// Every refused field of `errors`, at its path inside the request.
pub fn violations(errors: &ValidationErrors) -> Violations {
    let mut out = Violations::new();
    collect(errors, "", &mut out);
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Violations) {
    let mut fields: Vec<(&Cow<'static, str>, &ValidationErrorsKind)> = errors.errors().iter().collect();
    // The map has no order; reports should not shuffle between runs.
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (field, kind) in fields {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(failures) => {
                for failure in failures {
                    out.push(violation(&path, failure));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

fn violation(path: &str, failure: &ValidationError) -> Violation {
    let param = |name: &str| failure.params.get(name).and_then(serde_json::Value::as_u64);
    let (code, message) = match failure.code.as_ref() {
        "length" => {
            let length = failure.params.get("value").and_then(|v| v.as_str()).map_or(0, |v| v.chars().count());
            match (param("min"), param("max")) {
                (Some(min), _) if (length as u64) < min => {
                    (ViolationCode::TooShort, format!("must be at least {min} characters"))
                }
                (_, Some(max)) => (ViolationCode::TooLong, format!("must be at most {max} characters")),
                _ => (ViolationCode::InvalidValue, "has the wrong length".to_owned()),
            }
        }
        "range" => (ViolationCode::OutOfRange, "is out of range".to_owned()),
        "required" => (ViolationCode::Required, "is required".to_owned()),
        "email" | "regex" | "url" => (ViolationCode::InvalidFormat, "has the wrong format".to_owned()),
        other => (other.parse().unwrap_or(ViolationCode::InvalidValue), "is not valid".to_owned()),
    };
    let message = failure.message.as_ref().map_or(message, ToString::to_string);
    Violation::new(path, code, format!("{path} {message}"))
}

/// The spec's schema of a text field ruled by `T`: its length bounds and pattern.
pub fn text<T: TextRule>() -> Object {
    let mut schema = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(T::MIN as usize))
        .max_length(Some(T::MAX as usize));
    if let Some(pattern) = T::PATTERN {
        schema = schema.pattern(Some(pattern));
    }
    schema.build()
}

/// [`text`], where `null` clears the field.
pub fn nullable_text<T: TextRule>() -> Object {
    let mut schema = ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]))
        .min_length(Some(T::MIN as usize))
        .max_length(Some(T::MAX as usize));
    if let Some(pattern) = T::PATTERN {
        schema = schema.pattern(Some(pattern));
    }
    schema.build()
}

/// Refuses text with control characters (a NUL byte, a line feed in a search word): never a
/// person's input, sometimes an attack, and a database error if it got that far.
pub fn no_control_characters(text: &str) -> Result<(), ValidationError> {
    if text.chars().any(char::is_control) {
        return Err(ValidationError::new("invalid_format").with_message("must not contain control characters".into()));
    }
    Ok(())
}

/// A free-text filter of a list: the longest search a query string may carry.
pub struct FilterText;

impl TextRule for FilterText {
    const MIN: u64 = 1;
    const MAX: u64 = 200;
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use validator::Validate;

    use super::*;

    #[derive(Debug, Deserialize, Validate)]
    struct Line {
        #[validate(range(min = 1))]
        quantity: i64,
        #[validate(length(min = 2, max = 5))]
        product: String,
    }

    #[derive(Debug, Deserialize, Validate)]
    struct Order {
        #[validate(length(min = 1, max = 3))]
        note: String,
        #[validate(nested)]
        lines: Vec<Line>,
    }

    #[test]
    fn nested_errors_carry_their_path() {
        let order = Order {
            note: "long note".into(),
            lines: vec![
                Line { quantity: 2, product: "ok".into() },
                Line { quantity: 0, product: "x".into() },
                Line { quantity: 1, product: "too long".into() },
            ],
        };
        let errors = order.validate().err().unwrap_or_default();
        let found: Vec<(String, ViolationCode)> =
            violations(&errors).into_vec().into_iter().map(|v| (v.field, v.code)).collect();
        assert_eq!(
            found,
            [
                ("lines[1].product".to_owned(), ViolationCode::TooShort),
                ("lines[1].quantity".to_owned(), ViolationCode::OutOfRange),
                ("lines[2].product".to_owned(), ViolationCode::TooLong),
                ("note".to_owned(), ViolationCode::TooLong),
            ]
        );
    }
}
