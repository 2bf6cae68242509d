//! Cursor pagination shared by every list: `limit` (default 20, at most 100) and an opaque
//! `cursor` taken from the previous page's `next_cursor`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mitra_persistence::{Page, PageRequest};
use std::str::FromStr;

use crate::problem::{ApiError, FieldError};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// A page of a list, before it is put in the list's own response type.
#[derive(Debug)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Paged<T> {
    pub fn from_page<R, C: ToString>(page: Page<R, C>, view: impl FnMut(R) -> T) -> Self {
        Paged {
            items: page.items.into_iter().map(view).collect(),
            next_cursor: page.next.map(|c| encode(&c.to_string())),
        }
    }
}

fn encode(raw: &str) -> String {
    URL_SAFE_NO_PAD.encode(raw)
}

fn invalid(field: &str, code: &str, message: &str) -> ApiError {
    ApiError::new(actix_web::http::StatusCode::BAD_REQUEST, "invalid_query_parameter", message.to_owned())
        .with_errors(vec![FieldError { field: field.into(), code: code.into(), message: message.into() }])
}

/// Checks `limit` and decodes `cursor` into the list's key type.
pub fn page_request<C: FromStr>(limit: Option<u64>, cursor: Option<&str>) -> Result<PageRequest<C>, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(invalid("limit", "invalid_value", "limit must be between 1 and 100"));
    }
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(cursor) => {
            let decoded = URL_SAFE_NO_PAD
                .decode(cursor)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|text| text.parse::<C>().ok())
                .ok_or_else(|| invalid("cursor", "invalid_format", "cursor is not one this API gave out"))?;
            Some(decoded)
        }
    };
    Ok(PageRequest { limit, after })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let request = page_request::<i64>(Some(5), Some(&encode("42"))).map_err(|e| e.code());
        assert_eq!(request, Ok(PageRequest { limit: 5, after: Some(42) }));
    }

    #[test]
    fn bad_limits_and_cursors_are_refused() {
        assert!(page_request::<i64>(Some(0), None).is_err());
        assert!(page_request::<i64>(Some(101), None).is_err());
        assert!(page_request::<i64>(None, Some("!!")).is_err());
        assert!(page_request::<uuid::Uuid>(None, Some(&encode("12"))).is_err());
        assert_eq!(page_request::<i64>(None, None).map(|p| p.limit).map_err(|e| e.code()), Ok(20));
    }
}
