//! Message templates: a subject and a body per trigger, with `{placeholder}` fields filled from a
//! [`Change`]'s facts. Plain text: a value is inserted as it is and never read again (a title
//! holding `{title}` stays `{title}`), nothing is markup. `{{` and `}}` write a brace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Trigger};
use crate::input::FieldError;

/// The message a trigger makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub trigger: Trigger,
    pub subject: String,
    pub body: String,
    /// Whether its messages go out without a person approving each (off unless a user turns it
    /// on for this kind of event).
    #[serde(default)]
    pub auto_approve: bool,
}

const MOVED: &[&str] = &[
    "release",
    "title",
    "applications",
    "stage",
    "window",
    "zone",
    "what",
    "before",
    "after",
    "environments",
    "risk",
    "backout",
    "dependents",
    "who",
    "when",
    "reason",
];

/// The placeholders a trigger's template may use (each change of that trigger has a value for
/// every one, `—` when the fact is missing).
pub fn placeholders(trigger: Trigger) -> &'static [&'static str] {
    match trigger {
        Trigger::StatusChanged => {
            &["release", "title", "applications", "stage", "window", "zone", "before", "after", "who", "when", "reason"]
        }
        Trigger::DateMoved | Trigger::Downtime => MOVED,
        Trigger::GateDecision => &[
            "release",
            "title",
            "applications",
            "stage",
            "window",
            "zone",
            "decision",
            "who",
            "when",
            "reason",
            "conditions",
        ],
        Trigger::Overdue => &["release", "title", "applications", "stage", "window", "zone", "days", "limit", "since"],
        Trigger::CabAgenda => &["period", "count", "agenda", "zone"],
        Trigger::Cancelled => {
            &["release", "title", "applications", "stage", "window", "zone", "before", "who", "when", "reason"]
        }
    }
}

/// The template a plan starts with for `trigger`, in the words of seed 003 (release, deployment
/// window, CAB, back-out).
pub fn default_template(trigger: Trigger) -> Template {
    let (subject, body) = match trigger {
        Trigger::StatusChanged => (
            "{release} {title}: now {after}",
            "Release {release} ({title}) has moved from {before} to {after}.\n\n\
             Applications: {applications}\n\
             Deployment window: {window} ({zone})\n\
             Changed by {who} on {when}.\n\
             Reason: {reason}\n",
        ),
        Trigger::DateMoved => (
            "{release} {title}: {what} moved",
            "The {what} of release {release} ({title}) has moved.\n\n\
             Was: {before}\n\
             Now: {after}\n\n\
             Releases that depend on it: {dependents}\n\
             Applications: {applications}\n\
             Moved by {who} on {when}.\n\
             Reason: {reason}\n",
        ),
        Trigger::GateDecision => (
            "{release} {title}: {decision}",
            "{decision} for release {release} ({title}).\n\n\
             Decided by {who} on {when}.\n\
             Reason: {reason}\n\
             Conditions: {conditions}\n\n\
             The release is now: {stage}\n\
             Deployment window: {window} ({zone})\n",
        ),
        Trigger::Downtime => (
            "Downtime: {release} {title}, {window}",
            "A production deployment window is planned for release {release} ({title}).\n\n\
             Deployment window: {window} ({zone})\n\
             Before this change: {before}\n\
             Environments: {environments}\n\
             Applications: {applications}\n\
             Risk: {risk}\n\
             Back-out plan: {backout}\n\n\
             The attached invitation holds the window in your calendar and is updated when it moves.\n\
             Planned by {who} on {when}.\n\
             Reason: {reason}\n",
        ),
        Trigger::Overdue => (
            "{release} {title}: overdue in {stage}",
            "Release {release} ({title}) has been in {stage} for {days} days since {since}; \
             the release policy allows {limit}.\n\n\
             Applications: {applications}\n\
             Deployment window: {window} ({zone})\n\n\
             Please move it on, or agree a new plan with the Release Manager.\n",
        ),
        Trigger::CabAgenda => (
            "CAB agenda, {period}: {count} releases",
            "The Change Advisory Board (CAB) will consider these releases, {period}:\n\n\
             {agenda}\n\n\
             Times are in {zone}.\n",
        ),
        Trigger::Cancelled => (
            "Cancelled: {release} {title}",
            "Release {release} ({title}) has been cancelled; it was {before}.\n\n\
             Its deployment window is withdrawn: {window} ({zone}).\n\
             Applications: {applications}\n\
             Cancelled by {who} on {when}.\n\
             Reason: {reason}\n",
        ),
    };
    Template { trigger, subject: subject.into(), body: body.into(), auto_approve: false }
}

/// Every trigger's default template, in the order of [`Trigger::ALL`].
pub fn default_templates() -> Vec<Template> {
    Trigger::ALL.iter().map(|&t| default_template(t)).collect()
}

/// A piece of a template: text, or a placeholder's name.
enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
    /// A `{` that opens no placeholder (`{ a`, `{}`, one left open): written as it is.
    Stray(usize),
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits a template into pieces, `{{` and `}}` each giving one brace.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = vec![];
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest.find(['{', '}']) {
        out.push(Piece::Text(&rest[..i]));
        let tail = &rest[i..];
        let step = if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(Piece::Text(&tail[..1]));
            2
        } else if tail.starts_with('}') {
            out.push(Piece::Text("}"));
            1
        } else {
            match tail[1..].find('}').map(|j| &tail[1..=j]) {
                Some(name) if is_name(name) => {
                    out.push(Piece::Field(name));
                    name.len() + 2
                }
                _ => {
                    out.push(Piece::Stray(at + i));
                    out.push(Piece::Text("{"));
                    1
                }
            }
        };
        at += i + step;
        rest = &tail[step..];
    }
    out.push(Piece::Text(rest));
    out
}

/// What is wrong with a template, by field (`subject`, `body`): a placeholder its trigger does not
/// have (named, with the ones it has), a `{` that opens none, an empty or overlong subject.
pub fn check(t: &Template) -> Vec<FieldError> {
    let known = placeholders(t.trigger);
    let list = known.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ");
    let mut out = vec![];
    for (field, text) in [("subject", &t.subject), ("body", &t.body)] {
        for piece in pieces(text) {
            match piece {
                Piece::Field(name) if !known.contains(&name) => out.push(FieldError::new(
                    field,
                    format!("{{{name}}} is not a placeholder of {}; use one of {list}.", t.trigger.label()),
                )),
                Piece::Stray(at) => out.push(FieldError::new(
                    field,
                    format!(
                        "The {{ at character {} opens no placeholder; write {{{{ for a brace, or a placeholder such as {{{}}}.",
                        text[..at].chars().count() + 1,
                        known[0]
                    ),
                )),
                _ => {}
            }
        }
    }
    if t.subject.trim().is_empty() {
        out.push(FieldError::new("subject", "A message needs a subject."));
    } else if t.subject.chars().count() > 200 {
        out.push(FieldError::new("subject", "At most 200 characters."));
    }
    if t.body.chars().count() > 20_000 {
        out.push(FieldError::new("body", "At most 20,000 characters."));
    }
    out
}

fn fill(text: &str, change: &Change) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for piece in pieces(text) {
        match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Field(name) => match change.fact(name) {
                Some(value) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
            Piece::Stray(_) => {}
        }
    }
    out
}

/// The subject and body of a change's message: each placeholder replaced by its value, verbatim
/// (a placeholder the change has no value for is left as it is written). The subject is one
/// line: line breaks in it (from a value) become spaces.
pub fn render(t: &Template, change: &Change) -> (String, String) {
    let subject = fill(&t.subject, change);
    let subject = subject.split(['\r', '\n']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    (subject, fill(&t.body, change))
}
