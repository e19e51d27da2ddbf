//! The responsibility matrix on the Planner (D7): the grid and its edits (cells, roles,
//! activities), its rules, who holds each role (people and assignments, for the portfolio and
//! per release), and the audiences it names. Every edit is one audited, undoable write.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use runway_domain::matrix::{
    self, Assignment, Audience, Code, FIXED_ACTIVITIES, FIXED_ROLES, Holder, Holders, Matrix, RuleBreak,
};
use runway_domain::{Person, Release};

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::matrix_undo::{MATRIX_KEY, assignment_key};
use crate::store::tables::{matrix as table, reference, releases};
use crate::store::undo;

/// The matrix as the view shows it: the grid, its broken rules, and who holds each role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixView {
    pub matrix: Matrix,
    /// Every broken rule, row by row; the matrix is valid when there is none.
    pub violations: Vec<RuleBreak>,
    /// Per role, in the matrix's order, the people who hold it (for the release, when one is asked).
    pub holders: Vec<RoleHolders>,
    /// The release the names are resolved for; none for the portfolio.
    pub release: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleHolders {
    pub role: String,
    pub people: Vec<Holder>,
}

/// A person with the roles they hold for the portfolio and the releases that name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRoles {
    pub person: Person,
    /// The keys of the roles they hold for the portfolio, in the matrix's order.
    pub roles: Vec<String>,
    /// The roles they hold for single releases.
    pub overrides: Vec<Assignment>,
}

/// One edit of the matrix's rows or columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum MatrixEdit {
    AddRole {
        name: String,
    },
    RenameRole {
        key: String,
        name: String,
    },
    /// Moves a role to position `to` (0 is the first column).
    MoveRole {
        key: String,
        to: u32,
    },
    RemoveRole {
        key: String,
    },
    AddActivity {
        name: String,
        description: String,
    },
    EditActivity {
        key: String,
        name: String,
        description: String,
    },
    MoveActivity {
        key: String,
        to: u32,
    },
    RemoveActivity {
        key: String,
    },
}

fn name_ok(field: &str, name: &str, taken: impl Iterator<Item = String>) -> Result<String> {
    let name = name.trim().to_owned();
    if let Some(m) = matrix::check_name(&name) {
        return Err(Error::field(field, format!("The {field}'s name: {m}.")));
    }
    if taken.into_iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        return Err(Error::field(field, format!("There is already a {field} named {name:?}.")));
    }
    Ok(name)
}

fn move_to<T>(items: &mut Vec<T>, from: usize, to: u32) {
    let item = items.remove(from);
    let to = (to as usize).min(items.len());
    items.insert(to, item);
}

/// Applies `edit` to `m`, or says why not (`held`: who holds each role, to refuse removing one).
fn apply(m: &mut Matrix, edit: &MatrixEdit, held: &[Assignment]) -> Result<()> {
    let role_ix = |m: &Matrix, key: &str| {
        m.roles
            .iter()
            .position(|r| r.key == key)
            .ok_or_else(|| Error::field("role", m.find_role(key).err().unwrap_or_default()))
    };
    let activity_ix = |m: &Matrix, key: &str| {
        m.activities
            .iter()
            .position(|a| a.key == key)
            .ok_or_else(|| Error::field("activity", m.find_activity(key).err().unwrap_or_default()))
    };
    match edit {
        MatrixEdit::AddRole { name } => {
            let name = name_ok("role", name, m.roles.iter().map(|r| r.name.clone()))?;
            let taken: Vec<&str> = m.roles.iter().map(|r| r.key.as_str()).collect();
            let key = matrix::key_for(&name, &taken);
            m.roles.push(matrix::RoleDef { key, name });
        }
        MatrixEdit::RenameRole { key, name } => {
            let i = role_ix(m, key)?;
            let others = m.roles.iter().filter(|r| &r.key != key).map(|r| r.name.clone()).collect::<Vec<_>>();
            m.roles[i].name = name_ok("role", name, others.into_iter())?;
        }
        MatrixEdit::MoveRole { key, to } => {
            let i = role_ix(m, key)?;
            move_to(&mut m.roles, i, *to);
        }
        MatrixEdit::RemoveRole { key } => {
            let i = role_ix(m, key)?;
            let name = m.roles[i].name.clone();
            if FIXED_ROLES.contains(&key.as_str()) {
                return Err(Error::field(
                    "role",
                    format!(
                        "{name} cannot be removed: each release's record names who holds it (its owner or manager)."
                    ),
                ));
            }
            let holders: Vec<String> = held
                .iter()
                .filter(|a| &a.role == key)
                .map(|a| match &a.release {
                    Some(r) => format!("{} (for {r})", a.person),
                    None => a.person.clone(),
                })
                .collect();
            if !holders.is_empty() {
                return Err(Error::field(
                    "role",
                    format!("{name} cannot be removed: {} hold it. Unassign them first.", holders.join(", ")),
                ));
            }
            m.roles.remove(i);
            m.cells.retain(|c| &c.role != key);
        }
        MatrixEdit::AddActivity { name, description } => {
            let name = name_ok("activity", name, m.activities.iter().map(|a| a.name.clone()))?;
            let taken: Vec<&str> = m.activities.iter().map(|a| a.key.as_str()).collect();
            let key = matrix::key_for(&name, &taken);
            m.activities.push(matrix::Activity { key, name, description: description.trim().to_owned() });
        }
        MatrixEdit::EditActivity { key, name, description } => {
            let i = activity_ix(m, key)?;
            let others = m.activities.iter().filter(|a| &a.key != key).map(|a| a.name.clone()).collect::<Vec<_>>();
            m.activities[i].name = name_ok("activity", name, others.into_iter())?;
            if description.chars().count() > 500 {
                return Err(Error::field("description", "A description is at most 500 characters."));
            }
            m.activities[i].description = description.trim().to_owned();
        }
        MatrixEdit::MoveActivity { key, to } => {
            let i = activity_ix(m, key)?;
            move_to(&mut m.activities, i, *to);
        }
        MatrixEdit::RemoveActivity { key } => {
            let i = activity_ix(m, key)?;
            if FIXED_ACTIVITIES.contains(&key.as_str()) {
                return Err(Error::field(
                    "activity",
                    format!(
                        "{} cannot be removed: its gate asks it who decides. Rename it if you call it otherwise.",
                        m.activities[i].name
                    ),
                ));
            }
            m.activities.remove(i);
            m.cells.retain(|c| &c.activity != key);
        }
    }
    m.sort_cells();
    Ok(())
}

impl Planner {
    /// The plan's matrix.
    pub fn matrix(&self) -> Result<Matrix> {
        table::matrix(&self.conn)
    }

    /// The broken rules of the matrix (none: it is valid).
    pub fn matrix_check(&self) -> Result<Vec<RuleBreak>> {
        Ok(matrix::check(&self.matrix()?))
    }

    /// The matrix with its rules checked and the people of each role, for the portfolio or
    /// resolved for one release (its own holders first).
    pub fn matrix_view(&self, release: Option<&str>) -> Result<MatrixView> {
        let m = self.matrix()?;
        let people = reference::catalog(&self.conn)?.people;
        let (assignments, release) = match release {
            Some(key) => {
                let id = releases::require(&self.conn, key)?;
                (table::assignments_for(&self.conn, key)?, Some(releases::load(&self.conn, id)?))
            }
            None => (table::assignments(&self.conn)?, None),
        };
        let holders = Holders::new(&m, &people, &assignments);
        let rows = m
            .roles
            .iter()
            .map(|r| RoleHolders { role: r.key.clone(), people: holders.of(release.as_ref(), &r.key) })
            .collect();
        Ok(MatrixView { violations: matrix::check(&m), holders: rows, release: release.map(|r| r.key), matrix: m })
    }

    fn save_matrix(&mut self, change: impl FnOnce(&mut Matrix, &[Assignment]) -> Result<()>) -> Result<MatrixView> {
        self.write(|w| {
            let before = table::matrix(w.tx())?;
            let held = table::assignments(w.tx())?;
            let mut after = before.clone();
            change(&mut after, &held)?;
            if after != before {
                table::set_matrix(w.tx(), &after)?;
                let seq = w.record_seq(Action::Update, Entity::Matrix, MATRIX_KEY, Some(&before), Some(&after))?;
                undo::push(w, seq)?;
            }
            Ok(())
        })?;
        self.matrix_view(None)
    }

    /// Sets one cell (activity and role by key or name) to a code, or clears it. A rule may
    /// break on the way (a matrix is edited in steps); it shows until it is fixed.
    pub fn set_cell(&mut self, activity: &str, role: &str, code: Option<Code>) -> Result<MatrixView> {
        self.save_matrix(|m, _| {
            let a = m.find_activity(activity).map_err(|e| Error::field("activity", e))?.key.clone();
            let r = m.find_role(role).map_err(|e| Error::field("role", e))?.key.clone();
            m.set(&a, &r, code).map_err(|e| Error::field("cell", e))
        })
    }

    /// Adds, renames, reorders or removes a role or an activity.
    pub fn edit_matrix(&mut self, edit: &MatrixEdit) -> Result<MatrixView> {
        self.save_matrix(|m, held| apply(m, edit, held))
    }

    /// The people of the plan with the roles they hold.
    pub fn people(&self) -> Result<Vec<PersonRoles>> {
        let m = self.matrix()?;
        let assignments = table::assignments(&self.conn)?;
        Ok(reference::catalog(&self.conn)?
            .people
            .into_iter()
            .map(|p| {
                let mine = |a: &&Assignment| a.person.eq_ignore_ascii_case(&p.email);
                let roles = m
                    .roles
                    .iter()
                    .filter(|r| assignments.iter().filter(mine).any(|a| a.release.is_none() && a.role == r.key))
                    .map(|r| r.key.clone())
                    .collect();
                let overrides = assignments.iter().filter(mine).filter(|a| a.release.is_some()).cloned().collect();
                PersonRoles { person: p, roles, overrides }
            })
            .collect())
    }

    /// Adds a person to the plan, or updates their name and organisation.
    pub fn save_person(&mut self, person: Person) -> Result<Person> {
        let p = Person::new(person.email.trim(), person.name.trim(), person.organisation.trim());
        let mut errors = vec![];
        if !runway_domain::stakeholders::is_address(&p.email) {
            errors.push(runway_domain::FieldError::new("email", format!("{:?} is not an e-mail address.", p.email)));
        }
        for (field, text, max) in [
            ("email", &p.email, runway_domain::input::EMAIL_MAX_LEN),
            ("name", &p.name, runway_domain::input::NAME_MAX_LEN),
            ("organisation", &p.organisation, runway_domain::input::NAME_MAX_LEN),
        ] {
            if let Some(m) = runway_domain::input::check_len(field, text, max) {
                errors.push(runway_domain::FieldError::new(field, m));
            }
        }
        if p.name.is_empty() {
            errors.push(runway_domain::FieldError::new("name", "A person needs a name."));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            let before = reference::upsert_person(w.tx(), &p)?;
            if before.as_ref() != Some(&p) {
                let action = if before.is_some() { Action::Update } else { Action::Create };
                let seq = w.record_seq(action, Entity::Person, &p.email, before.as_ref(), Some(&p))?;
                undo::push(w, seq)?;
            }
            Ok(())
        })?;
        Ok(p)
    }

    /// Resolves what a user typed (a role's key or name, a person's e-mail, a release key) into
    /// an assignment as the plan stores it.
    fn resolve_assignment(
        &self,
        role: &str,
        person: &str,
        release: Option<&str>,
    ) -> Result<(Assignment, Option<Release>)> {
        let m = self.matrix()?;
        let role = m.find_role(role).map_err(|e| Error::field("role", e))?.key.clone();
        let people = reference::catalog(&self.conn)?.people;
        let p = people.iter().find(|p| p.email.eq_ignore_ascii_case(person.trim())).ok_or_else(|| {
            Error::field(
                "person",
                format!("{} is not a person in this plan (add them first: runway people add).", person.trim()),
            )
        })?;
        let release = match release {
            Some(k) => {
                let id = releases::require(&self.conn, k)?;
                Some(releases::load(&self.conn, id)?)
            }
            None => None,
        };
        Ok((Assignment { role, person: p.email.clone(), release: release.as_ref().map(|r| r.key.clone()) }, release))
    }

    /// Makes `person` hold `role` for the portfolio, or for one release. A release's Release
    /// Owner and Release Manager are its record's owner and manager: assigning one for a release
    /// sets the record. A person assigned twice to the same role is refused.
    pub fn assign(&mut self, role: &str, person: &str, release: Option<&str>) -> Result<MatrixView> {
        let (a, rel) = self.resolve_assignment(role, person, release)?;
        let name = self.matrix()?.role_name(&a.role).to_owned();
        if let Some(r) = &rel
            && let Some(field) = record_field(&a.role)
        {
            if record_holder(r, field) == Some(a.person.as_str()) {
                return Err(Error::field("person", format!("{} is already the {name} of {}.", a.person, r.key)));
            }
            let key = r.key.clone();
            let email = a.person.clone();
            self.change_release_with(&key, Action::Update, move |tx, id| {
                let mut current = releases::load(tx, id)?;
                set_record_holder(&mut current, field, Some(email));
                releases::replace(tx, id, &current)
            })?;
            return self.matrix_view(Some(&r.key));
        }
        if table::has_assignment(&self.conn, &a)? {
            let whose = a.release.as_deref().map_or_else(|| "the portfolio".to_owned(), |r| r.to_owned());
            return Err(Error::field("person", format!("{} already holds {name} for {whose}.", a.person)));
        }
        self.write(|w| {
            table::add_assignment(w.tx(), &a)?;
            let seq = w.record_seq(Action::Add, Entity::Assignment, &assignment_key(&a), None, Some(&a))?;
            undo::push(w, seq)
        })?;
        self.matrix_view(a.release.as_deref())
    }

    /// Ends `person`'s holding of `role` (for the portfolio, or for one release).
    pub fn unassign(&mut self, role: &str, person: &str, release: Option<&str>) -> Result<MatrixView> {
        let (a, rel) = self.resolve_assignment(role, person, release)?;
        let name = self.matrix()?.role_name(&a.role).to_owned();
        if let Some(r) = &rel
            && let Some(field) = record_field(&a.role)
            && record_holder(r, field) == Some(a.person.as_str())
        {
            let key = r.key.clone();
            self.change_release_with(&key, Action::Update, move |tx, id| {
                let mut current = releases::load(tx, id)?;
                set_record_holder(&mut current, field, None);
                releases::replace(tx, id, &current)
            })?;
            return self.matrix_view(Some(&r.key));
        }
        let removed = self.write(|w| {
            if !table::remove_assignment(w.tx(), &a)? {
                return Ok(false);
            }
            let seq = w.record_seq(Action::Remove, Entity::Assignment, &assignment_key(&a), Some(&a), None)?;
            undo::push(w, seq)?;
            Ok(true)
        })?;
        if !removed {
            let whose = a.release.as_deref().map_or_else(|| "the portfolio".to_owned(), |r| r.to_owned());
            return Err(Error::field("person", format!("{} does not hold {name} for {whose}.", a.person)));
        }
        self.matrix_view(a.release.as_deref())
    }

    /// Who is responsible, consulted and informed (and accountable, and signs) for an activity
    /// of a release: what the notifications tell (D8).
    pub fn audience(&self, release: &str, activity: &str) -> Result<Audience> {
        let m = self.matrix()?;
        let activity = m.find_activity(activity).map_err(|e| Error::field("activity", e))?.key.clone();
        let id = releases::require(&self.conn, release)?;
        let r = releases::load(&self.conn, id)?;
        let people = reference::catalog(&self.conn)?.people;
        let assignments = table::assignments_for(&self.conn, release)?;
        Ok(Holders::new(&m, &people, &assignments).audience(Some(&r), &activity))
    }

    /// Every activity's audience for every release, by release key (the benchmark's measure, and
    /// what a notification run reads).
    pub fn audiences(&self) -> Result<Vec<(String, Vec<Audience>)>> {
        let m = self.matrix()?;
        let people = reference::catalog(&self.conn)?.people;
        let assignments = table::assignments(&self.conn)?;
        let holders = Holders::new(&m, &people, &assignments);
        Ok(releases::all(&self.conn)?
            .iter()
            .map(|r| (r.key.clone(), m.activities.iter().map(|a| holders.audience(Some(r), &a.key)).collect()))
            .collect())
    }
}

#[derive(Clone, Copy)]
enum RecordField {
    Owner,
    Manager,
}

fn record_field(role: &str) -> Option<RecordField> {
    match role {
        "release_owner" => Some(RecordField::Owner),
        "release_manager" => Some(RecordField::Manager),
        _ => None,
    }
}

fn record_holder(r: &Release, f: RecordField) -> Option<&str> {
    match f {
        RecordField::Owner => r.owner.as_deref(),
        RecordField::Manager => r.manager.as_deref(),
    }
}

fn set_record_holder(r: &mut Release, f: RecordField, who: Option<String>) {
    match f {
        RecordField::Owner => r.owner = who,
        RecordField::Manager => r.manager = who,
    }
}

impl Planner {
    /// The grid as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
    /// names right): a header of roles, one row per activity with its codes (`raci`: S shows as
    /// `A*`), and a last row with who holds each role (for `release`, when given).
    pub fn matrix_csv(&self, release: Option<&str>, raci: bool) -> Result<String> {
        let view = self.matrix_view(release)?;
        let m = &view.matrix;
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
        let bad = |e: csv::Error| Error::Internal(format!("cannot write CSV: {e}"));
        let mut header = vec!["Activity".to_owned()];
        // Role and activity names and people's names are the user's text: shown, never run.
        let safe = |t: &str| runway_domain::interchange::csv::safe(t).into_owned();
        header.extend(m.roles.iter().map(|r| safe(&r.name)));
        w.write_record(&header).map_err(bad)?;
        for a in &m.activities {
            let mut row = vec![safe(&a.name)];
            row.extend(m.roles.iter().map(|r| m.code(&a.key, &r.key).map_or("", |c| c.shown(raci)).to_owned()));
            w.write_record(&row).map_err(bad)?;
        }
        let mut held = vec![match &view.release {
            Some(r) => format!("Held by (for {r})"),
            None => "Held by".to_owned(),
        }];
        held.extend(
            view.holders.iter().map(|h| safe(&h.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; "))),
        );
        w.write_record(&held).map_err(bad)?;
        let bytes = w.into_inner().map_err(|e| Error::Internal(format!("cannot write CSV: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Internal(format!("CSV is not UTF-8: {e}")))?;
        Ok(format!("\u{feff}{text}"))
    }

    /// Writes [`Planner::matrix_csv`] to `out` (atomically).
    pub fn write_matrix_csv(&self, out: &std::path::Path, release: Option<&str>, raci: bool) -> Result<()> {
        let text = self.matrix_csv(release, raci)?;
        crate::fsutil::write_atomically(out, text.as_bytes())
    }
}
