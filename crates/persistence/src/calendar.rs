//! The region's calendar: business dates are Western Indonesian Time (WIB, UTC+7), whatever the
//! server's clock zone, because a fiscal year or a deadline ends at midnight in Jakarta.

use chrono::{Duration, NaiveDate, Utc};

/// Today's date in Jakarta (UTC+7 all year: Indonesia keeps no daylight saving time).
pub fn jakarta_today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}
