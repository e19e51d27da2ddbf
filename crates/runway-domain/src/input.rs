//! What a user edits on the release form, and the rules it must satisfy.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ReleaseKind, ReleaseUnit, Risk, Window};

/// The editable fields of a release (the form). Status, links and milestones have their own
/// operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseInput {
    pub key: String,
    pub title: String,
    pub kind: ReleaseKind,
    pub unit: ReleaseUnit,
    pub applications: Vec<String>,
    pub owner: Option<String>,
    pub manager: Option<String>,
    pub environments: Vec<String>,
    pub window: Option<Window>,
    pub risk: Risk,
    pub acceptance_criteria: String,
    pub backout_plan: String,
    pub backout_tested: bool,
    pub notes: String,
}

/// A problem with one field of a form, named so the UI can show it at the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field's name as in [`ReleaseInput`] (`key`, `title`, `window`, `owner`, ...).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.to_owned(), message: message.into() }
    }
}

/// The most characters of a key (of a release or an RFC).
pub const KEY_MAX_LEN: usize = 40;
/// The most characters of a title (of a release or an RFC).
pub const TITLE_MAX_LEN: usize = 200;
/// The most characters of a name: the plan's, an application's, an environment's, a person's or
/// organisation's, a configuration item's name or kind.
pub const NAME_MAX_LEN: usize = 200;
/// The most characters of an application's code (a short code, `PAY`).
pub const CODE_MAX_LEN: usize = KEY_MAX_LEN;
/// The most characters of an e-mail address (RFC 5321's limit).
pub const EMAIL_MAX_LEN: usize = 254;
/// The most characters of a configuration item's version in a bill of materials.
pub const VERSION_MAX_LEN: usize = 100;
/// The most characters of an incident's reference (the service desk's `INC-20417`).
pub const REFERENCE_MAX_LEN: usize = 40;
/// The most characters of a baseline's name.
pub const BASELINE_NAME_MAX_LEN: usize = 80;
/// The most characters of who recorded an event (an e-mail, or a profile `Name <email> (…)`).
pub const ACTOR_MAX_LEN: usize = 500;
/// Acceptance criteria, backout plan, notes, and an event's reason and conditions: about ten
/// pages of text each.
pub const TEXT_MAX_LEN: usize = 20_000;

/// Checks a text's length against `max` characters: "The title is 5000000 characters long; the
/// most is 200." `what` names the value ("title", "text").
pub fn check_len(what: &str, text: &str, max: usize) -> Option<String> {
    // Counting stops one past the limit, so a huge text costs no more than a long one.
    let n = text.chars().take(max + 1).count();
    (n > max).then(|| format!("The {what} is {} characters long; the most is {max}.", text.chars().count()))
}

/// Checks a free-text field's length ([`TEXT_MAX_LEN`]).
pub fn check_text(text: &str) -> Option<String> {
    check_len("text", text, TEXT_MAX_LEN)
}

/// Checks a required title: not blank, at most [`TITLE_MAX_LEN`] characters.
pub fn check_title(title: &str) -> Option<String> {
    if title.trim().is_empty() {
        return Some("The title is required.".into());
    }
    check_len("title", title, TITLE_MAX_LEN)
}

/// Checks a key (of a release or an RFC): 1 to 40 characters of letters, digits, `-`, `.` and
/// `_`. `example` is shown when the key is missing (`REL-2027.03.01`, `RFC-4711`).
pub fn check_key(key: &str, example: &str) -> Option<String> {
    if key.trim().is_empty() {
        return Some(format!("The key is required (for example {example})."));
    }
    if let Some(m) = check_len("key", key, KEY_MAX_LEN) {
        return Some(m);
    }
    if let Some(c) = key.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))) {
        return Some(format!("The key may hold letters, digits, '-', '.' and '_' only; {c:?} is not allowed."));
    }
    None
}

/// Checks a deployment window: years 1 to 9999, whole seconds, and it must end after it starts.
pub fn check_window(window: &Window) -> Option<String> {
    use chrono::Timelike;
    if let Some(m) = crate::dates::check_datetime(window.start).or_else(|| crate::dates::check_datetime(window.end)) {
        return Some(format!("The window is out of range: {m}."));
    }
    if window.start.nanosecond() != 0 || window.end.nanosecond() != 0 {
        return Some("The window is given to fractions of a second; use whole seconds.".into());
    }
    (window.end <= window.start).then(|| {
        format!(
            "The window ends ({}) before or when it starts ({}).",
            window.end.format("%Y-%m-%d %H:%M"),
            window.start.format("%Y-%m-%d %H:%M")
        )
    })
}

/// The rules an RFC must satisfy, wherever it comes from (the form or an import).
pub fn check_rfc(rfc: &crate::model::Rfc) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(m) = check_key(&rfc.key, "RFC-4711") {
        errors.push(FieldError::new("key", m));
    }
    if let Some(m) = check_title(&rfc.title) {
        errors.push(FieldError::new("title", m));
    }
    errors
}

impl ReleaseInput {
    /// The rules that need nothing but the input itself. Rules that need the plan (a duplicate
    /// key, an unknown person) are checked by the store against its data.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(m) = check_key(&self.key, "REL-2027.03.01") {
            errors.push(FieldError::new("key", m));
        }
        if let Some(m) = check_title(&self.title) {
            errors.push(FieldError::new("title", m));
        }
        if let Some(m) = self.window.as_ref().and_then(check_window) {
            errors.push(FieldError::new("window", m));
        }
        for (field, text) in [
            ("acceptance_criteria", &self.acceptance_criteria),
            ("backout_plan", &self.backout_plan),
            ("notes", &self.notes),
        ] {
            if let Some(m) = check_text(text) {
                errors.push(FieldError::new(field, m));
            }
        }
        errors
    }

    /// Trims surrounding white space from the key and title.
    pub fn normalised(mut self) -> Self {
        self.key = self.key.trim().to_owned();
        self.title = self.title.trim().to_owned();
        self.owner = self.owner.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self.manager = self.manager.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self
    }
}

impl From<&crate::model::Release> for ReleaseInput {
    /// The form's fields of a release, as the form shows them for editing.
    fn from(r: &crate::model::Release) -> Self {
        ReleaseInput {
            key: r.key.clone(),
            title: r.title.clone(),
            kind: r.kind,
            unit: r.unit,
            applications: r.applications.clone(),
            owner: r.owner.clone(),
            manager: r.manager.clone(),
            environments: r.environments.clone(),
            window: r.window,
            risk: r.risk,
            acceptance_criteria: r.acceptance_criteria.clone(),
            backout_plan: r.backout_plan.clone(),
            backout_tested: r.backout_tested,
            notes: r.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn input() -> ReleaseInput {
        ReleaseInput {
            key: "REL-2027.03.01".into(),
            title: "Payments 4.2".into(),
            kind: ReleaseKind::Minor,
            unit: ReleaseUnit::Delta,
            applications: vec![],
            owner: None,
            manager: None,
            environments: vec![],
            window: None,
            risk: Risk::Low,
            acceptance_criteria: String::new(),
            backout_plan: String::new(),
            backout_tested: false,
            notes: String::new(),
        }
    }

    fn at(d: u32, h: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn a_good_input_passes() {
        assert_eq!(input().validate(), vec![]);
    }

    #[test]
    fn empty_title_is_named() {
        let errors = ReleaseInput { title: "  ".into(), ..input() }.validate();
        assert_eq!(errors[0].field, "title");
    }

    #[test]
    fn key_with_space_is_refused_and_the_character_named() {
        let errors = ReleaseInput { key: "REL 1".into(), ..input() }.validate();
        assert_eq!(errors[0].field, "key");
        assert!(errors[0].message.contains("' '"), "{}", errors[0].message);
    }

    #[test]
    fn window_ending_before_it_starts_is_refused() {
        let window = Some(Window { start: at(14, 22), end: at(14, 20) });
        let errors = ReleaseInput { window, ..input() }.validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "window");
        assert!(errors[0].message.contains("2027-03-14 20:00"));
    }

    #[test]
    fn an_overlong_note_is_refused_at_its_field() {
        let errors = ReleaseInput { notes: "x".repeat(TEXT_MAX_LEN + 1), ..input() }.validate();
        assert_eq!(errors[0].field, "notes");
        assert!(ReleaseInput { notes: "x".repeat(TEXT_MAX_LEN), ..input() }.validate().is_empty());
    }

    #[test]
    fn zero_length_window_is_refused() {
        let window = Some(Window { start: at(14, 22), end: at(14, 22) });
        assert_eq!(ReleaseInput { window, ..input() }.validate()[0].field, "window");
    }

    #[test]
    fn a_five_million_character_rfc_title_is_refused_with_the_limit_and_its_length() {
        let rfc = crate::model::Rfc {
            key: "RFC-4711".into(),
            title: "x".repeat(5_000_000),
            status: crate::model::RfcStatus::Submitted,
        };
        let errors = check_rfc(&rfc);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field, "title");
        assert!(errors[0].message.contains("5000000") && errors[0].message.contains("200"), "{}", errors[0].message);
        assert!(check_rfc(&crate::model::Rfc { title: "x".repeat(TITLE_MAX_LEN), ..rfc.clone() }).is_empty());
        assert_eq!(check_rfc(&crate::model::Rfc { title: " ".into(), ..rfc })[0].field, "title");
    }

    #[test]
    fn overlong_keys_and_titles_say_the_limit_and_the_length() {
        let errors = ReleaseInput { key: "K".repeat(41), title: "t".repeat(201), ..input() }.validate();
        let by = |f: &str| errors.iter().find(|e| e.field == f).map(|e| e.message.clone()).unwrap_or_default();
        assert!(by("key").contains("41 characters") && by("key").contains("40"), "{}", by("key"));
        assert!(by("title").contains("201 characters") && by("title").contains("200"), "{}", by("title"));
        let n = TEXT_MAX_LEN + 5;
        let errors = ReleaseInput { backout_plan: "é".repeat(n), ..input() }.validate();
        assert!(errors[0].message.contains(&n.to_string()), "{}", errors[0].message);
    }

    #[test]
    fn a_window_outside_the_years_1_to_9999_is_refused_naming_the_range() {
        for start in [NaiveDate::MAX.and_hms_opt(0, 0, 0).unwrap(), NaiveDate::MIN.and_hms_opt(0, 0, 0).unwrap()] {
            let window = Some(Window { start, end: start });
            let errors = ReleaseInput { window, ..input() }.validate();
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, "window");
            assert!(errors[0].message.contains("1 to 9999"), "{}", errors[0].message);
        }
        let last = crate::dates::LAST_DAY.and_hms_opt(20, 0, 0).unwrap();
        let window = Some(Window { start: last, end: last + chrono::Duration::hours(2) });
        assert_eq!(ReleaseInput { window, ..input() }.validate(), vec![]);
    }
}
