//! What the audit log speaks of: the entities of a plan and the actions on them, as closed sets.
//! Each is stored by its wire name (`release`, `link_rfc`), which the audit chain's hashes cover:
//! a name, once written to a plan, never changes.

/// A kind of thing in a plan that the audit log records changes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Entity {
    /// The plan itself (its name).
    Plan,
    Release,
    /// A dependency between milestones or releases.
    Dependency,
    /// A dependency between two configuration items.
    CiDependency,
    Rfc,
    Application,
    Environment,
    Person,
    Ci,
    Baseline,
    Policy,
    /// A change window (freeze, blackout, maintenance, green zone).
    Window,
    /// An environment booking made by hand.
    Booking,
    /// The plan's time zone.
    TimeZone,
    /// The responsibility matrix: its roles, activities and cells, as one state.
    Matrix,
    /// A person holding a role, for the portfolio or for one release.
    Assignment,
    /// A distribution list (D8).
    List,
    /// A message of the outbox (D8): made by a change, edited, approved, discarded, sent.
    Message,
    /// A message template, and whether its messages are approved without a person.
    Template,
    /// A plan's own template of phases for a kind of release (absent: the default).
    ReleaseTemplate,
    /// An import into a plan (MS Project XML) as a whole: what it added and changed, one undo step.
    Import,
}

/// What was done to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    LinkRfc,
    UnlinkRfc,
    LinkCi,
    UnlinkCi,
    /// New planned dates (a what-if applied, a bar dragged).
    Reschedule,
    /// A dependency added or removed.
    Add,
    Remove,
    /// An edit undone or redone: the entry holds the state before and after, like the edit.
    Undo,
    Redo,
    /// Written by an import of a portfolio document.
    Import,
    /// A lifecycle move; a decision or piece of evidence recorded; one revoked.
    Move,
    Decide,
    Revoke,
    /// A baseline saved.
    Save,
    /// A message approved to be sent, or discarded.
    Approve,
    Discard,
    /// A message handed to the mail server (`sending`), and what came of it (`sent`, `failed`).
    Send,
    /// A change merged from another copy of the plan (a change file, the team store).
    Merge,
    /// A review card decided: which of two edits stands.
    Resolve,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The entity a stored name stands for; None for a name this build does not know.
    pub fn parse(name: &str) -> Option<Entity> {
        name.parse().ok()
    }
}

impl Action {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(name: &str) -> Option<Action> {
        name.parse().ok()
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    /// The names already written into plans (and covered by their audit hashes) must not change.
    #[test]
    fn the_stored_names_are_the_ones_plans_already_hold() {
        let entities: Vec<&str> = Entity::VARIANTS.iter().map(|e| e.as_str()).collect();
        assert_eq!(
            entities,
            [
                "plan",
                "release",
                "dependency",
                "ci_dependency",
                "rfc",
                "application",
                "environment",
                "person",
                "ci",
                "baseline",
                "policy",
                "window",
                "booking",
                "time_zone",
                "matrix",
                "assignment",
                "list",
                "message",
                "template",
                "release_template",
                "import"
            ]
        );
        let actions: Vec<&str> = Action::VARIANTS.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            actions,
            [
                "create",
                "update",
                "delete",
                "link_rfc",
                "unlink_rfc",
                "link_ci",
                "unlink_ci",
                "reschedule",
                "add",
                "remove",
                "undo",
                "redo",
                "import",
                "move",
                "decide",
                "revoke",
                "save",
                "approve",
                "discard",
                "send",
                "merge",
                "resolve"
            ]
        );
        for e in Entity::VARIANTS {
            assert_eq!(Entity::parse(e.as_str()), Some(*e));
        }
        for a in Action::VARIANTS {
            assert_eq!(Action::parse(a.as_str()), Some(*a));
        }
        assert_eq!(Entity::parse("stakeholder"), None);
    }
}
