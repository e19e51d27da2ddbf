//! One layout per report: a report model from runway-domain onto pages with the [`Composer`].

pub mod cab;
pub mod fsc;
pub mod kpi;
pub mod matrix;
pub mod release;

use chrono::{DateTime, NaiveDate, Utc};
use runway_domain::report::{AppRef, ReleaseLine};

/// "12.5 %", or "—" when there is nothing to divide.
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1} %"))
}

/// "14.5 days", or "—".
pub fn days(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1} days"))
}

/// "3 Mar 2027".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

pub fn maybe_day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), day)
}

/// "3 Mar 2027 14:05 UTC".
pub fn moment(t: DateTime<Utc>) -> String {
    t.format("%-d %b %Y %H:%M UTC").to_string()
}

/// "+3", "−2", "0", "—".
pub fn signed(v: Option<i32>) -> String {
    match v {
        None => "—".into(),
        Some(0) => "0".into(),
        Some(v) if v > 0 => format!("+{v}"),
        Some(v) => format!("−{}", -v),
    }
}

pub fn apps(list: &[AppRef]) -> String {
    if list.is_empty() { "—".into() } else { list.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ") }
}

/// "REL-1 · Title" for a one-column release cell.
pub fn release_cell(r: &ReleaseLine) -> String {
    format!("{}  {}", r.key, r.title)
}

pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() { "—".into() } else { s.trim().to_string() }
}

/// A decision's reason, and its conditions on a line of their own.
pub fn reason_and_conditions(reason: &str, conditions: &str) -> String {
    let mut text = or_dash(reason);
    if !conditions.trim().is_empty() {
        text.push_str(&format!("\nConditions: {}", conditions.trim()));
    }
    text
}

/// Who decided, with their role under the name when there is one.
pub fn by_whom(name: &str, role: &str) -> String {
    if role.is_empty() { name.to_string() } else { format!("{name}\n{role}") }
}

/// The colour of a CAB decision.
pub fn decision_color(d: runway_domain::CabDecision) -> crate::page::Rgb {
    use crate::page::Rgb;
    match d {
        runway_domain::CabDecision::Approve => Rgb::GOOD,
        runway_domain::CabDecision::Reject => Rgb::BAD,
        runway_domain::CabDecision::Defer => Rgb::WARN,
    }
}
