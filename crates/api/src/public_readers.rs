//! The readers of the public transparency pages, counted per client address so that one
//! scraper cannot crowd out everyone else: past the configured requests a minute, an address
//! is answered 429 with `Retry-After` until its window ends.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{Duration, Utc};
use mitra_domain::throttle::{RateLimit, Usage};

use crate::problem::ApiError;

/// Addresses remembered before the ones whose window has ended are forgotten.
const REMEMBERED: usize = 10_000;

#[derive(Debug)]
pub struct PublicReaders {
    limit: RateLimit,
    usage: Mutex<HashMap<IpAddr, Usage>>,
}

impl PublicReaders {
    pub fn new(requests_per_minute: u32) -> Self {
        PublicReaders {
            limit: RateLimit { requests: requests_per_minute, window: Duration::minutes(1) },
            usage: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request from `address`, or refuses it with 429 `too_many_requests`.
    pub fn admit(&self, address: Option<IpAddr>) -> Result<(), ApiError> {
        let now = Utc::now();
        // A poisoned lock only means another request panicked mid-count: the counts still hold.
        let mut usage = self.usage.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if usage.len() >= REMEMBERED {
            usage.retain(|_, used| !used.expired(&self.limit, now));
        }
        let address = address.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        self.limit
            .admit(usage.entry(address).or_default(), now)
            .map_err(|wait| ApiError::too_many_requests(wait.num_seconds().max(1) as u64))
    }
}
