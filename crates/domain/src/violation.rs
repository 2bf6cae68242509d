//! Why a value was refused, in words the API turns into per-field problem details.

use std::fmt;

use crate::vocabulary;

vocabulary! {
    /// The stable reason a field was refused; the web app translates it, so never rename one.
    #[cfg_attr(feature = "openapi", schema(as = FieldErrorCode))]
    pub enum ViolationCode ("field error code") {
        Required = "required",
        TooShort = "too_short",
        TooLong = "too_long",
        /// A number outside its allowed range.
        OutOfRange = "out_of_range",
        InvalidFormat = "invalid_format",
        InvalidValue = "invalid_value",
        /// The field names a record that does not exist in the caller's organisation.
        UnknownReference = "unknown_reference",
    }
}

/// One refused field with a short English explanation for API clients that do not translate.
/// `field` is a path into the request: `name`, `lines[2].unit_price`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: String,
    pub code: ViolationCode,
    pub message: String,
}

impl Violation {
    pub fn new(field: impl Into<String>, code: ViolationCode, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }

    /// The same violation reported under another field name (a type does not know its field).
    pub fn at(mut self, field: &str) -> Self {
        self.field = field.to_owned();
        self
    }

    /// The same violation seen from the enclosing value: `unit_price` within `lines[2]` is
    /// `lines[2].unit_price`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = join_path(prefix, &self.field);
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for Violation {}

/// Collects every violation of one request so a user fixes a form in one round trip.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the parsed value, or records why `field` was refused.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, Violation>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(violation) => {
                self.0.push(violation.at(field));
                None
            }
        }
    }

    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// Parses every item of a list, keeping the parsed list only when all items pass; each
    /// refusal is reported at its place, `lines[2].unit_price`.
    pub fn check_each<I, T>(
        &mut self,
        field: &str,
        items: impl IntoIterator<Item = I>,
        parse: impl Fn(I) -> Result<T, Violations>,
    ) -> Option<Vec<T>> {
        let mut parsed = Vec::new();
        let mut refused = false;
        for (index, item) in items.into_iter().enumerate() {
            match parse(item) {
                Ok(value) => parsed.push(value),
                Err(inner) => {
                    refused = true;
                    let place = format!("{field}[{index}]");
                    self.0.extend(inner.0.into_iter().map(|violation| violation.within(&place)));
                }
            }
        }
        (!refused).then_some(parsed)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter()
    }

    /// Every violation seen from the enclosing value (see [`Violation::within`]).
    pub fn within(self, prefix: &str) -> Self {
        Violations(self.0.into_iter().map(|violation| violation.within(prefix)).collect())
    }

    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }

    /// `Ok(value)` when nothing was refused; the value is built only then.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Violations> {
        if !self.0.is_empty() {
            return Err(self);
        }
        build().ok_or(self)
    }
}

impl From<Violation> for Violations {
    fn from(violation: Violation) -> Self {
        Self(vec![violation])
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for Violations {}

/// The text a newtype accepts: its length in characters, and (for the published spec and the
/// web app's forms) its characters as a regular expression. The newtype's parser is the judge;
/// the pattern sits next to it so the two are read together.
pub trait TextRule {
    const MIN: u64;
    const MAX: u64;
    const PATTERN: Option<&'static str> = None;
}

/// `prefix` and `field` joined into one path; an empty `field` is the prefix itself.
fn join_path(prefix: &str, field: &str) -> String {
    match field {
        "" => prefix.to_owned(),
        _ if field.starts_with('[') => format!("{prefix}{field}"),
        _ => format!("{prefix}.{field}"),
    }
}

/// Checks a trimmed text's length in characters (not bytes: Indonesian names carry no ASCII promise).
pub(crate) fn bounded_text(raw: &str, min: u64, max: u64, what: &str) -> Result<String, Violation> {
    let trimmed = raw.trim();
    let len = trimmed.chars().count() as u64;
    if len == 0 {
        return Err(Violation::new("", ViolationCode::Required, format!("{what} is required")));
    }
    if len < min {
        return Err(Violation::new("", ViolationCode::TooShort, format!("{what} must be at least {min} characters")));
    }
    if len > max {
        return Err(Violation::new("", ViolationCode::TooLong, format!("{what} must be at most {max} characters")));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Violation::new(
            "",
            ViolationCode::InvalidFormat,
            format!("{what} must not contain control characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positive(n: i64) -> Result<i64, Violations> {
        if n > 0 {
            Ok(n)
        } else {
            Err(Violation::new("unit_price", ViolationCode::OutOfRange, "must be positive").into())
        }
    }

    #[test]
    fn list_items_are_reported_at_their_place() {
        let mut violations = Violations::new();
        assert_eq!(violations.check_each("lines", [5, 0, 7, -1], positive), None);
        let fields: Vec<String> = violations.into_vec().into_iter().map(|v| v.field).collect();
        assert_eq!(fields, ["lines[1].unit_price", "lines[3].unit_price"]);
    }

    #[test]
    fn a_list_that_passes_is_kept_in_order() {
        let mut violations = Violations::new();
        assert_eq!(violations.check_each("lines", [3, 1, 2], positive), Some(vec![3, 1, 2]));
        assert!(violations.is_empty());
    }

    #[test]
    fn paths_nest() {
        let violation = Violation::new("", ViolationCode::Required, "x").within("quantity").within("lines[0]");
        assert_eq!(violation.field, "lines[0].quantity");
        assert_eq!(Violation::new("[1]", ViolationCode::Required, "x").within("tags").field, "tags[1]");
    }
}
