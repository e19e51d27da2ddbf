//! The responsibility matrix (D7): `matrix show|set|check|role|activity` and `people
//! list|add|assign|unassign`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use runway_core::Error;
use runway_core::matrix::{MatrixEdit, MatrixView};
use runway_domain::Person;
use runway_domain::matrix::{Audience, AudienceMember, Code};

use super::{open, open_read};
use crate::output::{say, to_json};

#[derive(Args)]
pub struct MatrixArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: MatrixAction,
}

#[derive(Subcommand)]
enum MatrixAction {
    /// The grid (activities × roles) with who holds each role and the broken rules; with
    /// --activity, who signs, is accountable, responsible, consulted and informed for it.
    Show {
        /// Resolve the names for this release (its own holders first).
        #[arg(long, value_name = "KEY")]
        release: Option<String>,
        /// Show it as RACI: an S shows as A* (an A that signs).
        #[arg(long)]
        raci: bool,
        /// One activity's audience (key or name, e.g. deploy); needs --release.
        #[arg(long, value_name = "ACTIVITY", requires = "release")]
        activity: Option<String>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Write the grid as CSV (for a spreadsheet) instead of printing it.
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
    /// Set one cell: CODE is S, A, R, C or I, or - (or none) to clear it. ACTIVITY and ROLE by
    /// key or name.
    Set { activity: String, role: String, code: String },
    /// Check the rules (one A, at least one R, at most one S per activity): exit 1 naming each
    /// broken one.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Add, rename, move or remove a role (a column).
    Role {
        #[command(subcommand)]
        action: RowAction,
    },
    /// Add, rename, move or remove an activity (a row).
    Activity {
        #[command(subcommand)]
        action: RowAction,
    },
}

#[derive(Subcommand)]
enum RowAction {
    /// Add a role or an activity named NAME, at the end.
    Add {
        name: String,
        /// What the activity is (activities only).
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Give KEY a new name (and, for an activity, a new description).
    Rename {
        key: String,
        name: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Move KEY to POSITION (1 is the first).
    Move { key: String, position: u32 },
    /// Remove KEY from the matrix.
    Remove { key: String },
}

#[derive(Args)]
pub struct PeopleArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: PeopleAction,
}

#[derive(Subcommand)]
enum PeopleAction {
    /// The people of the plan and the roles they hold.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a person (or update their name and organisation).
    Add {
        email: String,
        name: String,
        #[arg(long, default_value = "")]
        organisation: String,
    },
    /// PERSON (an e-mail) holds ROLE (key or name) for the portfolio, or for one release.
    Assign {
        role: String,
        person: String,
        #[arg(long, value_name = "KEY")]
        release: Option<String>,
    },
    /// Add people from a CSV of name and e-mail (a contacts export works): all or nothing, bad
    /// rows named by line; people already in the plan get the file's name and organisation.
    Import { file: PathBuf },
    /// Write the plan's people as CSV (name, email, organisation).
    Export { out: PathBuf },
    /// PERSON no longer holds ROLE (for the portfolio, or for one release).
    Unassign {
        role: String,
        person: String,
        #[arg(long, value_name = "KEY")]
        release: Option<String>,
    },
}

fn read_code(text: &str) -> Result<Option<Code>, Error> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Code::read(text).map_err(|m| Error::field("code", m))
}

pub fn matrix(args: MatrixArgs, who: &str) -> Result<ExitCode, Error> {
    match args.action {
        MatrixAction::Show { release, raci, activity, json, csv } => {
            let p = open_read(&args.db, who)?;
            if let Some(activity) = activity {
                let a = p.audience(release.as_deref().unwrap_or_default(), &activity)?;
                if json {
                    say!("{}", to_json(&a)?);
                } else {
                    let name = p.matrix()?.activity(&a.activity).map(|x| x.name.clone()).unwrap_or_default();
                    print_audience(&a, &name, release.as_deref().unwrap_or_default());
                }
            } else if let Some(out) = csv {
                p.write_matrix_csv(&out, release.as_deref(), raci)?;
                say!("wrote {}", out.display());
            } else {
                let view = p.matrix_view(release.as_deref())?;
                if json {
                    say!("{}", to_json(&view)?);
                } else {
                    print_view(&view, raci);
                }
            }
        }
        MatrixAction::Set { activity, role, code } => {
            let code = read_code(&code)?;
            let mut p = open(&args.db, who)?;
            let view = p.set_cell(&activity, &role, code)?;
            let m = &view.matrix;
            let a = m.find_activity(&activity).map_err(|e| Error::field("activity", e))?;
            let r = m.find_role(&role).map_err(|e| Error::field("role", e))?;
            match code {
                Some(c) => say!("{} × {}: {}", a.name, r.name, c.as_str()),
                None => say!("{} × {}: cleared", a.name, r.name),
            }
            for v in view.violations.iter().filter(|v| v.activity == a.key) {
                say!("  broken: {}", v.message);
            }
        }
        MatrixAction::Check { json } => {
            let p = open_read(&args.db, who)?;
            let broken = p.matrix_check()?;
            if json {
                say!("{}", to_json(&broken)?);
            } else if broken.is_empty() {
                say!("valid: every activity has one A, at least one R and at most one S");
            } else {
                for v in &broken {
                    say!("{}", v.message);
                }
            }
            return Ok(if broken.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        MatrixAction::Role { action } => {
            let mut p = open(&args.db, who)?;
            let edit = match action {
                RowAction::Add { name, .. } => MatrixEdit::AddRole { name },
                RowAction::Rename { key, name, .. } => MatrixEdit::RenameRole { key: role_key(&p, &key)?, name },
                RowAction::Move { key, position } => {
                    MatrixEdit::MoveRole { key: role_key(&p, &key)?, to: position.saturating_sub(1) }
                }
                RowAction::Remove { key } => MatrixEdit::RemoveRole { key: role_key(&p, &key)? },
            };
            let view = p.edit_matrix(&edit)?;
            say!(
                "roles: {}",
                view.matrix.roles.iter().map(|r| format!("{} ({})", r.name, r.key)).collect::<Vec<_>>().join(", ")
            );
        }
        MatrixAction::Activity { action } => {
            let mut p = open(&args.db, who)?;
            let m = p.matrix()?;
            let key = |k: &str| m.find_activity(k).map(|a| a.key.clone()).map_err(|e| Error::field("activity", e));
            let edit = match action {
                RowAction::Add { name, description } => MatrixEdit::AddActivity { name, description },
                RowAction::Rename { key: k, name, description } => {
                    let current = m.find_activity(&k).map_err(|e| Error::field("activity", e))?;
                    MatrixEdit::EditActivity {
                        key: current.key.clone(),
                        name,
                        description: description.unwrap_or_else(|| current.description.clone()),
                    }
                }
                RowAction::Move { key: k, position } => {
                    MatrixEdit::MoveActivity { key: key(&k)?, to: position.saturating_sub(1) }
                }
                RowAction::Remove { key: k } => MatrixEdit::RemoveActivity { key: key(&k)? },
            };
            let view = p.edit_matrix(&edit)?;
            say!(
                "activities: {}",
                view.matrix.activities.iter().map(|a| format!("{} ({})", a.name, a.key)).collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn role_key(p: &runway_core::Planner, text: &str) -> Result<String, Error> {
    let m = p.matrix()?;
    m.find_role(text).map(|r| r.key.clone()).map_err(|e| Error::field("role", e))
}

fn print_view(view: &MatrixView, raci: bool) {
    let m = &view.matrix;
    let title = if raci { "RACI" } else { "SARCI" };
    match &view.release {
        Some(r) => say!("Responsibility matrix ({title}) for {r}"),
        None => say!("Responsibility matrix ({title})"),
    }
    say!("Roles:");
    for (i, (r, h)) in m.roles.iter().zip(&view.holders).enumerate() {
        let names: Vec<&str> = h.people.iter().map(|p| p.name.as_str()).collect();
        let who = if names.is_empty() { "nobody".to_owned() } else { names.join(", ") };
        say!("  {:>2}  {} — {who}", i + 1, r.name);
    }
    let width = m.activities.iter().map(|a| a.name.chars().count()).max().unwrap_or(8).max(8);
    let head: String = (1..=m.roles.len()).map(|i| format!("{i:>4}")).collect();
    say!("{:width$}{head}", "Activity");
    for a in &m.activities {
        let cells: String =
            m.roles.iter().map(|r| format!("{:>4}", m.code(&a.key, &r.key).map_or(".", |c| c.shown(raci)))).collect();
        let pad = width.saturating_sub(a.name.chars().count());
        say!("{}{}{cells}", a.name, " ".repeat(pad));
    }
    let legend = if raci {
        "A* signs (S in SARCI), A accountable, R responsible, C consulted, I informed"
    } else {
        "S signature, A accountable, R responsible, C consulted, I informed"
    };
    say!("Legend: {legend}");
    if view.violations.is_empty() {
        say!("Rules: valid (every activity has one A, at least one R, at most one S)");
    } else {
        say!("Rules: {} broken", view.violations.len());
        for v in &view.violations {
            say!("  {}", v.message);
        }
    }
}

fn print_audience(a: &Audience, name: &str, release: &str) {
    say!("{name} for {release}");
    let line = |label: &str, people: &[AudienceMember]| {
        let list: Vec<String> =
            people.iter().map(|p| format!("{} <{}> ({})", p.name, p.email, p.roles.join(", "))).collect();
        say!("  {label:<12} {}", if list.is_empty() { "—".to_owned() } else { list.join("; ") });
    };
    line("Signs", &a.signature);
    line("Accountable", &a.accountable);
    line("Responsible", &a.responsible);
    line("Consulted", &a.consulted);
    line("Informed", &a.informed);
    for v in &a.violations {
        say!("  broken: {v}");
    }
    if !a.unfilled.is_empty() {
        say!("  nobody holds: {}", a.unfilled.join(", "));
    }
}

pub fn people(args: PeopleArgs, who: &str) -> Result<(), Error> {
    match args.action {
        PeopleAction::List { json } => {
            let p = open_read(&args.db, who)?;
            let people = p.people()?;
            if json {
                say!("{}", to_json(&people)?);
                return Ok(());
            }
            let m = p.matrix()?;
            for pr in &people {
                let mut roles: Vec<String> = pr.roles.iter().map(|r| m.role_name(r).to_owned()).collect();
                roles.extend(
                    pr.overrides
                        .iter()
                        .map(|a| format!("{} for {}", m.role_name(&a.role), a.release.as_deref().unwrap_or_default())),
                );
                let roles = if roles.is_empty() { "no role".to_owned() } else { roles.join(", ") };
                say!("{:<34} {:<26} {roles}", pr.person.email, pr.person.name);
            }
            say!("{} people", people.len());
        }
        PeopleAction::Add { email, name, organisation } => {
            let mut p = open(&args.db, who)?;
            let saved = p.save_person(Person::new(email, name, organisation))?;
            say!("{} <{}>", saved.name, saved.email);
        }
        PeopleAction::Assign { role, person, release } => {
            let mut p = open(&args.db, who)?;
            let view = p.assign(&role, &person, release.as_deref())?;
            let r = view.matrix.find_role(&role).map(|r| r.name.clone()).unwrap_or(role);
            match release {
                Some(k) => say!("{person} holds {r} for {k}"),
                None => say!("{person} holds {r}"),
            }
        }
        PeopleAction::Import { file } => {
            let mut p = open(&args.db, who)?;
            let done = p.import_people_csv_file(&file)?;
            say!("{} added, {} updated, {} unchanged", done.added, done.updated, done.unchanged);
        }
        PeopleAction::Export { out } => {
            let p = open_read(&args.db, who)?;
            let text = p.people_csv()?;
            runway_core::fsutil::write_atomically(&out, text.as_bytes())?;
            say!("wrote {}", out.display());
        }
        PeopleAction::Unassign { role, person, release } => {
            let mut p = open(&args.db, who)?;
            let view = p.unassign(&role, &person, release.as_deref())?;
            let r = view.matrix.find_role(&role).map(|r| r.name.clone()).unwrap_or(role);
            match release {
                Some(k) => say!("{person} no longer holds {r} for {k}"),
                None => say!("{person} no longer holds {r}"),
            }
        }
    }
    Ok(())
}
