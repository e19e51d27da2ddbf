//! The phases and milestones of a release (D4): the seven built-in kinds every template knows,
//! and custom phases a user names ("SIT", "UAT sign-off", "Dress rehearsal", "Deploy to
//! Pre-prod").
//!
//! A release holds at most one phase of each kind, and a custom phase is its own kind: the name
//! is its identity within the release, as a built-in kind's wire name is. Dependencies, baselines,
//! the schedule, the roadmap, the what-if, the calendar, the poster and the reports address both
//! alike. What only a built-in kind means stays with it: the CAB date is the `cab` phase's, the
//! deployment the `deployment` phase's, bookings and lifecycle evidence follow the built-ins.
//!
//! On the wire (JSON, the plan file's `kind` columns, CSV) a kind is one string: a built-in's
//! wire name (`early_life_support`) or the custom phase's name. [`MilestoneKind::named`] reads
//! what a person or another program wrote: a built-in's wire name or label in any case is that
//! kind ("UAT" is custom, "Test" and "test" are the built-in), anything else a custom phase, if it
//! is a usable name.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// The longest name a custom phase may have, in characters.
pub const PHASE_NAME_MAX_LEN: usize = 60;
/// The most phases and milestones one release may hold.
pub const MAX_PHASES: usize = 100;

/// The kind of a phase or milestone: a built-in one, or a custom phase by its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub enum MilestoneKind {
    Planning,
    Build,
    Test,
    Cab,
    Deployment,
    EarlyLifeSupport,
    Closure,
    /// A phase the user named; the name is checked by [`MilestoneKind::named`].
    Custom(Arc<str>),
}

const BUILT_IN: [(MilestoneKind, &str, &str); 7] = [
    (MilestoneKind::Planning, "planning", "Planning"),
    (MilestoneKind::Build, "build", "Build"),
    (MilestoneKind::Test, "test", "Test"),
    (MilestoneKind::Cab, "cab", "CAB"),
    (MilestoneKind::Deployment, "deployment", "Deployment"),
    (MilestoneKind::EarlyLifeSupport, "early_life_support", "Early life support"),
    (MilestoneKind::Closure, "closure", "Closure"),
];

impl MilestoneKind {
    /// The seven built-in kinds, in lifecycle order.
    pub const ALL: &'static [MilestoneKind] = &[
        MilestoneKind::Planning,
        MilestoneKind::Build,
        MilestoneKind::Test,
        MilestoneKind::Cab,
        MilestoneKind::Deployment,
        MilestoneKind::EarlyLifeSupport,
        MilestoneKind::Closure,
    ];

    fn built_in(&self) -> Option<&'static (MilestoneKind, &'static str, &'static str)> {
        BUILT_IN.iter().find(|(k, _, _)| k == self)
    }

    /// The value as stored in the plan file and in JSON: the built-in's wire name, or the custom
    /// phase's name.
    pub fn as_str(&self) -> &str {
        match self {
            MilestoneKind::Custom(name) => name,
            k => k.built_in().map_or("", |(_, wire, _)| wire),
        }
    }

    /// The words a user sees: the built-in's label, or the custom phase's name.
    pub fn label(&self) -> &str {
        match self {
            MilestoneKind::Custom(name) => name,
            k => k.built_in().map_or("", |(_, _, label)| label),
        }
    }

    /// The kind inside a sentence ("R1 early life support", "R1 Dress rehearsal"): a built-in's
    /// label in lower case, a custom phase's name as its user wrote it.
    pub fn in_sentence(&self) -> String {
        match self {
            MilestoneKind::Custom(name) => name.to_string(),
            k => k.label().to_lowercase(),
        }
    }

    /// A built-in kind by its wire name; None for anything else (custom phases included).
    pub fn parse(s: &str) -> Option<Self> {
        BUILT_IN.iter().find(|(_, wire, _)| *wire == s).map(|(k, _, _)| k.clone())
    }

    /// Whether this is a phase the user named.
    pub fn is_custom(&self) -> bool {
        matches!(self, MilestoneKind::Custom(_))
    }

    /// The kind a person or another program means by `name`: a built-in kind by its wire name or
    /// label in any case ("cab", "CAB", "Early life support"), else a custom phase of that name,
    /// trimmed. Refused, with the reason: an empty name, one longer than
    /// [`PHASE_NAME_MAX_LEN`] characters, or one holding a control character.
    pub fn named(name: &str) -> Result<Self, String> {
        let name = name.trim();
        if let Some((k, _, _)) = BUILT_IN.iter().find(|(_, wire, label)| {
            wire.eq_ignore_ascii_case(name)
                || label.eq_ignore_ascii_case(name)
                || wire.replace('_', " ").eq_ignore_ascii_case(name)
        }) {
            return Ok(k.clone());
        }
        if name.is_empty() {
            return Err("a phase needs a name".into());
        }
        let chars = name.chars().count();
        if chars > PHASE_NAME_MAX_LEN {
            return Err(format!("a phase's name has at most {PHASE_NAME_MAX_LEN} characters ({chars} given)"));
        }
        if name.chars().any(char::is_control) {
            return Err(format!("{name:?}: a phase's name cannot hold a line break, tab or other control character"));
        }
        Ok(MilestoneKind::Custom(Arc::from(name)))
    }
}

impl std::fmt::Display for MilestoneKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for MilestoneKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MilestoneKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        MilestoneKind::named(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::MilestoneKind as K;

    #[test]
    fn built_in_kinds_read_by_wire_name_or_label_in_any_case() {
        assert_eq!(K::named("cab"), Ok(K::Cab));
        assert_eq!(K::named(" CAB "), Ok(K::Cab));
        assert_eq!(K::named("Early life support"), Ok(K::EarlyLifeSupport));
        assert_eq!(K::named("early_life_support"), Ok(K::EarlyLifeSupport));
        assert_eq!(K::named("test"), Ok(K::Test));
        for k in K::ALL {
            assert_eq!(K::named(k.as_str()).as_ref(), Ok(k));
            assert_eq!(K::parse(k.as_str()).as_ref(), Some(k));
        }
    }

    #[test]
    fn anything_else_is_a_custom_phase_if_its_name_is_usable() {
        let sit = K::named("  SIT ").unwrap();
        assert!(sit.is_custom());
        assert_eq!(sit.as_str(), "SIT");
        assert_eq!(sit.label(), "SIT");
        assert_eq!(K::parse("SIT"), None);
        assert_eq!(serde_json::to_string(&sit).unwrap(), "\"SIT\"");
        assert_eq!(serde_json::from_str::<K>("\"SIT\"").unwrap(), sit);
        assert_eq!(serde_json::from_str::<K>("\"early_life_support\"").unwrap(), K::EarlyLifeSupport);
        assert!(K::named("").unwrap_err().contains("needs a name"));
        assert!(K::named("a\nb").unwrap_err().contains("control character"));
        assert!(K::named(&"x".repeat(61)).unwrap_err().contains("at most 60"));
        assert!(serde_json::from_str::<K>("\"\"").is_err());
    }

    #[test]
    fn built_in_kinds_sort_in_lifecycle_order_before_custom_phases() {
        let mut v = [K::named("UAT").unwrap(), K::Closure, K::named("SIT").unwrap(), K::Planning];
        v.sort();
        let names: Vec<&str> = v.iter().map(K::as_str).collect();
        assert_eq!(names, ["planning", "closure", "SIT", "UAT"]);
    }
}
