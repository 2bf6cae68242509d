//! The content bank: the organisation's press releases and materials, which an order names as
//! what the press company is asked to publish. The government supplies the material; the
//! newsroom keeps its independence over everything else.

use chrono::NaiveDate;

use crate::violation::{TextRule, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// What a content item is.
    pub enum ContentKind ("content kind") {
        /// A press release (*siaran pers*) for the press to publish or report on.
        PressRelease = "press_release",
        /// Material for an advertorial, an announcement or a public service spot.
        Material = "material",
    }
}

pub struct ContentTitle;

impl TextRule for ContentTitle {
    const MIN: u64 = 3;
    const MAX: u64 = 300;
}

pub struct ContentBody;

impl TextRule for ContentBody {
    const MIN: u64 = 1;
    const MAX: u64 = 20_000;
}

/// A press release or material as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContent {
    pub kind: ContentKind,
    pub title: String,
    pub body: String,
    /// The day it is released for publication.
    pub released_on: NaiveDate,
}

impl NewContent {
    pub fn new(kind: ContentKind, title: &str, body: &str, released_on: NaiveDate) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let title = violations.check(
            "title",
            bounded_text(title, ContentTitle::MIN, ContentTitle::MAX, "title").map_err(|v| v.at("title")),
        );
        let body = violations.check("body", body_text(body));
        violations.finish(|| Some(NewContent { kind, title: title?, body: body?, released_on }))
    }
}

/// A body keeps its line breaks (a release has paragraphs); other control characters are refused.
fn body_text(raw: &str) -> Result<String, crate::Violation> {
    let body = raw.trim();
    let length = body.chars().count() as u64;
    if !(ContentBody::MIN..=ContentBody::MAX).contains(&length) {
        return Err(crate::Violation::new(
            "body",
            crate::ViolationCode::OutOfRange,
            format!("{} to {} characters", ContentBody::MIN, ContentBody::MAX),
        ));
    }
    if body.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(crate::Violation::new("body", crate::ViolationCode::InvalidFormat, "no control characters"));
    }
    Ok(body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_keeps_its_paragraphs_and_needs_a_title() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap_or_default();
        let release =
            NewContent::new(ContentKind::PressRelease, "HUT RI ke-81", "Paragraf satu.\n\nParagraf dua.", day);
        assert_eq!(release.map(|r| r.body.matches('\n').count()).ok(), Some(2));
        let refused = NewContent::new(ContentKind::Material, "x", "a\u{0}b", day).err().unwrap_or_default();
        let fields: Vec<&str> = refused.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["title", "body"]);
    }
}
