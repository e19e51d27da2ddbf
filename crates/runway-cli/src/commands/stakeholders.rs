//! Distribution lists (D8): `lists list|show|add|remove`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use runway_core::Error;
use runway_domain::stakeholders::{DistributionList, Follow, Member};

use super::{open, open_read};
use crate::output::{say, to_json};

#[derive(Args)]
pub struct ListsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: ListsAction,
}

#[derive(Subcommand)]
enum ListsAction {
    /// The distribution lists, their members and what they follow.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The people a list reaches (through the lists it contains), each once.
    Show { name: String },
    /// Add a list, or replace the list of that name.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        purpose: String,
        /// A member: a person's e-mail, or @NAME for another list (repeat for more).
        #[arg(long = "member", value_name = "EMAIL|@LIST", required = true)]
        members: Vec<String>,
        /// What the list follows: a release key, or app:CODE for every release of an application.
        #[arg(long = "follow", value_name = "KEY|app:CODE")]
        follows: Vec<String>,
    },
    /// Remove a list (refused while another list contains it).
    Remove { name: String },
}

fn member(s: &str) -> Member {
    match s.trim().strip_prefix('@') {
        Some(list) => Member::List(list.trim().to_owned()),
        None => Member::Person(s.trim().to_owned()),
    }
}

fn follow(s: &str) -> Follow {
    match s.trim().strip_prefix("app:") {
        Some(code) => Follow::Application(code.trim().to_owned()),
        None => Follow::Release(s.trim().to_owned()),
    }
}

fn describe(l: &DistributionList) -> String {
    let members: Vec<String> = l
        .members
        .iter()
        .map(|m| match m {
            Member::Person(e) => e.clone(),
            Member::List(n) => format!("@{n}"),
        })
        .collect();
    let follows: Vec<String> = l
        .follows
        .iter()
        .map(|f| match f {
            Follow::Release(k) => k.clone(),
            Follow::Application(c) => format!("app:{c}"),
        })
        .collect();
    let mut out = format!("{}: {}", l.name, members.join(", "));
    if !follows.is_empty() {
        out.push_str(&format!(" (follows {})", follows.join(", ")));
    }
    if !l.purpose.is_empty() {
        out.push_str(&format!(" — {}", l.purpose));
    }
    out
}

pub fn lists(args: ListsArgs, who: &str) -> Result<(), Error> {
    match args.action {
        ListsAction::List { json } => {
            let p = open_read(&args.db, who)?;
            let lists = p.lists()?;
            if json {
                say!("{}", to_json(&lists)?);
            } else {
                for l in &lists {
                    say!("{}", describe(l));
                }
                say!("{} lists", lists.len());
            }
        }
        ListsAction::Show { name } => {
            let p = open_read(&args.db, who)?;
            let people = p.list_people(&name)?;
            for person in &people {
                say!("{} <{}>", person.name, person.email);
            }
            say!("{} people", people.len());
        }
        ListsAction::Add { name, purpose, members, follows } => {
            let mut p = open(&args.db, who)?;
            let exists = p.lists()?.iter().any(|l| l.name.eq_ignore_ascii_case(name.trim()));
            let list = DistributionList {
                name: name.clone(),
                purpose,
                members: members.iter().map(|m| member(m)).collect(),
                follows: follows.iter().map(|f| follow(f)).collect(),
            };
            let saved = p.save_list(exists.then_some(name.as_str()), list)?;
            say!("{}", describe(&saved));
        }
        ListsAction::Remove { name } => {
            let mut p = open(&args.db, who)?;
            p.remove_list(&name)?;
            say!("removed {name}");
        }
    }
    Ok(())
}
