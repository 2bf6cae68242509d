//! Slowing down password guessing without locking honest users out for long, and sharing the
//! public pages fairly between their readers.

use chrono::{DateTime, Duration, Utc};

/// At most `max_failures` failed logins per key within a sliding `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: usize,
    pub window: Duration,
}

impl ThrottlePolicy {
    /// Per login name: enough for typos, far too few for guessing.
    pub const PER_USERNAME: ThrottlePolicy = ThrottlePolicy { max_failures: 5, window: Duration::minutes(15) };
    /// Per client address: an office behind one NAT shares this, so it is looser.
    pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy { max_failures: 30, window: Duration::minutes(15) };

    /// How long the caller must wait before another attempt, given the instants of its past
    /// failures (any order; those outside the window are ignored). `None` means go ahead.
    pub fn retry_after(&self, failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
        let since = now - self.window;
        let mut recent: Vec<DateTime<Utc>> = failures.iter().copied().filter(|t| *t > since).collect();
        if recent.len() < self.max_failures {
            return None;
        }
        recent.sort_unstable();
        // Once this failure leaves the window, fewer than `max_failures` remain.
        let freeing = recent[recent.len() - self.max_failures];
        let wait = freeing + self.window - now;
        Some(wait.max(Duration::seconds(1)))
    }
}

/// At most `requests` per client within each `window` (a fixed window: simple to reason
/// about, and a burst at a window's edge is at most twice the rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
}

/// What one client has used of its current window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    started: Option<DateTime<Utc>>,
    used: u32,
}

impl Usage {
    /// Whether the window this usage counts in has ended by `now` (and the usage can be forgotten).
    pub fn expired(&self, limit: &RateLimit, now: DateTime<Utc>) -> bool {
        self.started.is_none_or(|started| now >= started + limit.window)
    }
}

impl RateLimit {
    /// Counts a request at `now`; `Err` with how long to wait when the window is used up (a
    /// refused request does not count).
    pub fn admit(&self, usage: &mut Usage, now: DateTime<Utc>) -> Result<(), Duration> {
        match usage.started {
            Some(started) if now < started + self.window => {
                if usage.used >= self.requests {
                    return Err((started + self.window - now).max(Duration::seconds(1)));
                }
                usage.used += 1;
            }
            _ => *usage = Usage { started: Some(now), used: 1 },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_admits_its_requests_then_refuses_until_it_ends() {
        let limit = RateLimit { requests: 3, window: Duration::minutes(1) };
        let mut usage = Usage::default();
        for second in 0..3 {
            assert_eq!(limit.admit(&mut usage, at(0) + Duration::seconds(second)), Ok(()));
        }
        assert_eq!(limit.admit(&mut usage, at(0) + Duration::seconds(20)), Err(Duration::seconds(40)));
        assert!(!usage.expired(&limit, at(0) + Duration::seconds(59)));
        assert!(usage.expired(&limit, at(1)));
        assert_eq!(limit.admit(&mut usage, at(1)), Ok(()), "a new window");
        assert_eq!(limit.admit(&mut usage, at(1)), Ok(()));
    }

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(1_000 + minute)
    }

    #[test]
    fn allows_attempts_below_the_limit() {
        let failures: Vec<_> = (0..4).map(at).collect();
        assert_eq!(ThrottlePolicy::PER_USERNAME.retry_after(&failures, at(5)), None);
    }

    #[test]
    fn blocks_until_the_oldest_counted_failure_leaves_the_window() {
        let failures: Vec<_> = (0..5).map(at).collect();
        let wait = ThrottlePolicy::PER_USERNAME.retry_after(&failures, at(5));
        assert_eq!(wait, Some(Duration::minutes(10)));
        assert_eq!(ThrottlePolicy::PER_USERNAME.retry_after(&failures, at(15)), None);
    }

    #[test]
    fn old_failures_do_not_count() {
        let failures = vec![at(-60), at(-50), at(-40), at(-30), at(1)];
        assert_eq!(ThrottlePolicy::PER_USERNAME.retry_after(&failures, at(2)), None);
    }

    #[test]
    fn many_failures_wait_for_enough_of_them_to_expire() {
        let failures: Vec<_> = (0..8).map(at).collect();
        // 8 failures at minutes 0..7: the 4th oldest (minute 3) must expire, at minute 18.
        assert_eq!(ThrottlePolicy::PER_USERNAME.retry_after(&failures, at(8)), Some(Duration::minutes(10)));
    }
}
