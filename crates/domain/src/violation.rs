//! Why a value was refused, in words the API turns into per-field problem details.

use std::fmt;

/// The stable reason a field was refused; the web app translates it, so never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationCode {
    Required,
    TooShort,
    TooLong,
    InvalidFormat,
    InvalidValue,
}

impl ViolationCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
            Self::InvalidFormat => "invalid_format",
            Self::InvalidValue => "invalid_value",
        }
    }
}

/// One refused field with a short English explanation for API clients that do not translate.
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

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

/// Checks a trimmed text's length in characters (not bytes: Indonesian names carry no ASCII promise).
pub(crate) fn bounded_text(raw: &str, min: usize, max: usize, what: &str) -> Result<String, Violation> {
    let trimmed = raw.trim();
    let len = trimmed.chars().count();
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
