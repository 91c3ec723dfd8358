//! The workshop timer: a countdown for the activity at hand, shown in the header
//! and in presentation mode. It is editor state only: it never touches the map or
//! the undo history, and it is not saved.
//!
//! Time comes from a `Clock` the app holds, so tests set the time by hand instead
//! of sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The length `t` offers when settings.ron names none.
pub const DEFAULT_MINUTES: u64 = 10;
/// The longest countdown `t` takes: a whole workshop day.
pub const MAX_MINUTES: u64 = 24 * 60;

/// Where the timer reads the time.
#[derive(Debug, Clone)]
pub enum Clock {
    /// The system's monotonic clock, from when the editor started.
    System(Instant),
    /// Milliseconds set by hand (tests).
    Manual(Arc<AtomicU64>),
}

impl Default for Clock {
    fn default() -> Self {
        Clock::System(Instant::now())
    }
}

impl Clock {
    /// A clock at 0 that moves only when the returned handle is set.
    pub fn manual() -> (Clock, Arc<AtomicU64>) {
        let ms = Arc::new(AtomicU64::new(0));
        (Clock::Manual(ms.clone()), ms)
    }

    pub fn now(&self) -> Duration {
        match self {
            Clock::System(start) => start.elapsed(),
            Clock::Manual(ms) => Duration::from_millis(ms.load(Ordering::Relaxed)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// The activity: the stage selected when it started.
    pub activity: String,
    pub length: Duration,
    pub started: Duration,
}

impl Timer {
    /// Time left at `now`; `None` once it has run out.
    pub fn remaining(&self, now: Duration) -> Option<Duration> {
        let end = self.started + self.length;
        (now < end).then(|| end - now)
    }

    /// What the header shows: "⏱ 9:59 Decision", or "⏱ Time is up: Decision".
    /// Seconds are rounded up, so a fresh 10-minute timer reads 10:00 and 0:00
    /// is never shown while time is left.
    pub fn label(&self, now: Duration) -> String {
        match self.remaining(now) {
            Some(left) => {
                let secs = left.as_millis().div_ceil(1000);
                format!("⏱ {}:{:02} {}", secs / 60, secs % 60, self.activity)
            }
            None => format!("⏱ Time is up: {}", self.activity),
        }
    }

    pub fn is_up(&self, now: Duration) -> bool {
        self.remaining(now).is_none()
    }
}

/// The minutes typed in `t`'s prompt: a whole number from 1 to [`MAX_MINUTES`].
pub fn parse_minutes(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_MINUTES).contains(&n) => Ok(n),
        _ => Err(format!(
            "Timer not started: minutes are a whole number from 1 to {MAX_MINUTES}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_in_minutes_and_seconds_then_says_time_is_up() {
        let t = Timer {
            activity: "Decision".into(),
            length: Duration::from_secs(600),
            started: Duration::from_secs(5),
        };
        assert_eq!(t.label(Duration::from_secs(5)), "⏱ 10:00 Decision");
        assert_eq!(t.label(Duration::from_millis(5_500)), "⏱ 10:00 Decision");
        assert_eq!(t.label(Duration::from_secs(6)), "⏱ 9:59 Decision");
        assert_eq!(t.label(Duration::from_millis(604_999)), "⏱ 0:01 Decision");
        assert!(!t.is_up(Duration::from_millis(604_999)));
        assert_eq!(t.label(Duration::from_secs(605)), "⏱ Time is up: Decision");
        assert!(t.is_up(Duration::from_secs(9_999)));
    }

    #[test]
    fn minutes_are_checked() {
        assert_eq!(parse_minutes(" 15 "), Ok(15));
        for bad in ["0", "-1", "ten", "", "1.5", "100000"] {
            assert!(parse_minutes(bad).is_err(), "{bad}");
        }
    }
}
