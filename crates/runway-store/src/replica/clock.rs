//! The hybrid logical clock: wall time in milliseconds and a counter for operations within the
//! same millisecond, or behind a clock seen from another replica. Its text form sorts as it
//! orders, so SQLite compares it as text.

use std::fmt;

/// A hybrid logical clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hlc {
    pub ms: i64,
    pub logical: u32,
}

impl Hlc {
    /// The reading of operations that describe a plan as it was before the journal.
    pub const BASE: Hlc = Hlc { ms: 0, logical: 0 };

    /// The next reading after `self` at wall time `now_ms`.
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.ms { Hlc { ms: now_ms, logical: 0 } } else { Hlc { ms: self.ms, logical: self.logical + 1 } }
    }

    pub fn parse(text: &str) -> Option<Hlc> {
        let (ms, logical) = text.split_once('.')?;
        Some(Hlc { ms: ms.parse().ok()?, logical: logical.parse().ok()? })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}.{:05}", self.ms, self.logical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_sort_as_text_as_they_order_and_never_go_back() {
        let a = Hlc { ms: 1_700_000_000_000, logical: 0 };
        let b = a.tick(1_600_000_000_000);
        let c = b.tick(1_800_000_000_000);
        assert!(a < b && b < c);
        assert!(a.to_string() < b.to_string() && b.to_string() < c.to_string());
        assert_eq!(Hlc::parse(&b.to_string()), Some(b));
        assert_eq!(Hlc::BASE.to_string(), "000000000000000.00000");
    }
}
