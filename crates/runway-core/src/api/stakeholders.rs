//! Stakeholders on the Planner (D8): distribution lists (members, what each follows), the people a
//! list reaches, the lists following a release, and the people's CSV in and out. Every list edit is
//! one audited, undoable write; a CSV import is all or nothing, audited like the JSON import.

use runway_domain::Person;
use runway_domain::stakeholders::{self, DistributionList, Member, Names};

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::tables::{reference, releases, stakeholders as table};
use crate::store::undo;

/// What a people's CSV import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PeopleImport {
    /// People new to the plan.
    pub added: usize,
    /// People the plan had, whose name or organisation the file changed.
    pub updated: usize,
    /// People the plan had as the file says.
    pub unchanged: usize,
}

impl Planner {
    /// Every distribution list, by name.
    pub fn lists(&self) -> Result<Vec<DistributionList>> {
        table::lists(&self.conn)
    }

    fn names(&self) -> Result<Names> {
        let known = reference::known(&self.conn)?;
        Ok(Names {
            people: known.people.iter().map(|p| p.to_lowercase()).collect(),
            releases: known.releases,
            applications: known.applications,
        })
    }

    /// Adds a list (`original` none) or replaces the list named `original` (it may be renamed).
    /// A bad list (empty, an unknown member, itself through another list…) is refused field by
    /// field and changes nothing.
    pub fn save_list(&mut self, original: Option<&str>, mut list: DistributionList) -> Result<DistributionList> {
        list.name = list.name.trim().to_owned();
        list.purpose = list.purpose.trim().to_owned();
        let mut all = self.lists()?;
        if let Some(o) = original {
            if !all.iter().any(|l| l.name.eq_ignore_ascii_case(o)) {
                return Err(Error::NotFound(format!("There is no list {o:?} in this plan.")));
            }
            all.retain(|l| !l.name.eq_ignore_ascii_case(o));
        }
        if all.iter().any(|l| l.name.eq_ignore_ascii_case(&list.name)) {
            return Err(Error::field("name", format!("A list named {:?} exists already.", list.name)));
        }
        // Members and follows as the plan spells them.
        let people = reference::catalog(&self.conn)?.people;
        for m in &mut list.members {
            match m {
                Member::Person(e) => {
                    if let Some(p) = people.iter().find(|p| p.email.eq_ignore_ascii_case(e.trim())) {
                        *e = p.email.clone();
                    }
                }
                Member::List(n) => {
                    if let Some(l) = all.iter().find(|l| l.name.eq_ignore_ascii_case(n.trim())) {
                        *n = l.name.clone();
                    }
                }
            }
        }
        let errors = stakeholders::check(&list, &all, &self.names()?);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            let before = match original {
                Some(o) => table::list(w.tx(), o)?,
                None => None,
            };
            if before.as_ref() == Some(&list) {
                return Ok(());
            }
            table::save_list(w.tx(), original, &list)?;
            let action = if before.is_some() { Action::Update } else { Action::Add };
            let seq = w.record_seq(action, Entity::List, &list.name, before.as_ref(), Some(&list))?;
            undo::push(w, seq)
        })?;
        Ok(list)
    }

    /// Removes a list; one that other lists contain is refused, naming them.
    pub fn remove_list(&mut self, name: &str) -> Result<()> {
        let all = self.lists()?;
        let list = all
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or_else(|| Error::NotFound(format!("There is no list {name:?} in this plan.")))?;
        let containing: Vec<&str> = all
            .iter()
            .filter(|l| l.members.iter().any(|m| matches!(m, Member::List(n) if n.eq_ignore_ascii_case(&list.name))))
            .map(|l| l.name.as_str())
            .collect();
        if !containing.is_empty() {
            return Err(Error::Conflict(format!(
                "{:?} is a member of {}: take it out of them first",
                list.name,
                containing.join(", ")
            )));
        }
        self.write(|w| {
            table::delete_list(w.tx(), &list.name)?;
            let seq = w.record_seq(Action::Remove, Entity::List, &list.name, Some(&list), None)?;
            undo::push(w, seq)
        })
    }

    /// The people a list reaches, through the lists it contains, each once.
    pub fn list_people(&self, name: &str) -> Result<Vec<Person>> {
        let all = self.lists()?;
        if !all.iter().any(|l| l.name.eq_ignore_ascii_case(name)) {
            return Err(Error::NotFound(format!("There is no list {name:?} in this plan.")));
        }
        let people = reference::catalog(&self.conn)?.people;
        Ok(stakeholders::expand(&all, name)
            .into_iter()
            .filter_map(|e| people.iter().find(|p| p.email.eq_ignore_ascii_case(&e)).cloned())
            .collect())
    }

    /// The lists that follow a release (by its key or one of its applications).
    pub fn lists_following(&self, key: &str) -> Result<Vec<DistributionList>> {
        let id = releases::require(&self.conn, key)?;
        let r = releases::load(&self.conn, id)?;
        let all = self.lists()?;
        Ok(stakeholders::following(&all, &r).into_iter().cloned().collect())
    }

    /// Imports people from CSV text (name and e-mail, optionally organisation; a mail client's
    /// contacts export works too): all or nothing, every bad row named by its line. People the
    /// plan has (by e-mail) get the file's name and organisation.
    pub fn import_people_csv(&mut self, text: &str, source: &str) -> Result<PeopleImport> {
        let people = stakeholders::read_people(text).map_err(|errors| {
            let shown: Vec<&str> = errors.iter().take(20).map(String::as_str).collect();
            let more = errors.len().saturating_sub(20);
            Error::Import(format!(
                "{source}: {} problem{} found, nothing was imported: {}{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                shown.join("; "),
                if more > 0 { format!("; and {more} more") } else { String::new() }
            ))
        })?;
        self.write(|w| {
            let mut out = PeopleImport { added: 0, updated: 0, unchanged: 0 };
            for p in &people {
                // The plan's spelling of a known address is kept.
                let mut p = p.clone();
                if let Some(existing) = reference::person(w.tx(), &p.email)? {
                    p.email = existing.email;
                }
                let before = reference::upsert_person(w.tx(), &p)?;
                match &before {
                    None => out.added += 1,
                    Some(b) if b == &p => {
                        out.unchanged += 1;
                        continue;
                    }
                    Some(_) => out.updated += 1,
                }
                w.record(Action::Import, Entity::Person, &p.email, before.as_ref(), Some(&p))?;
            }
            Ok(out)
        })
    }

    /// Imports people from a CSV file, in whatever encoding the mail client wrote it (UTF-8,
    /// UTF-16 with a byte-order mark as Google writes it, Windows-1252 as older Outlook does).
    pub fn import_people_csv_file(&mut self, path: &std::path::Path) -> Result<PeopleImport> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let source = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        self.import_people_csv(&stakeholders::decode(&bytes), &source)
    }

    /// The plan's people as CSV (name, email, organisation).
    pub fn people_csv(&self) -> Result<String> {
        Ok(stakeholders::write_people(&reference::catalog(&self.conn)?.people))
    }
}
