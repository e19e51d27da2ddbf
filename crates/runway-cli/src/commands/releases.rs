//! `releases`: the list of a plan's releases, as a table or JSON.

use std::path::PathBuf;

use clap::Args;

use runway_core::Error;

use super::open_read;
use crate::output::say;

#[derive(Args)]
pub struct ReleasesArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Who made and who last changed each release, and on which copy of the plan (from its
    /// journal): the portfolio manager's consolidated view.
    #[arg(long)]
    owners: bool,
    /// Only the releases this person made or last changed (part of their name or e-mail).
    #[arg(long, value_name = "WHO")]
    owner: Option<String>,
}

pub fn list(args: ReleasesArgs, who: &str) -> Result<(), Error> {
    let ReleasesArgs { db, json, owners, owner } = args;
    let p = open_read(&db, who)?;
    if owners || owner.is_some() {
        return print_owners(&p, json, owner.as_deref());
    }
    let list = p.list_releases()?;
    if json {
        say!("{}", serde_json::to_string_pretty(&list).map_err(|e| Error::Internal(e.to_string()))?);
    } else {
        print_table(&list);
    }
    Ok(())
}

fn print_table(list: &[runway_core::dto::ReleaseSummary]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "{:<18} {:<9} {:<22} {:<16} {:<10} TITLE", "KEY", "KIND", "STATUS", "WINDOW", "APPS");
    for r in list {
        let window = r.window.map(|w| w.start.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:<18} {:<9} {:<22} {:<16} {:<10} {}",
            r.key,
            r.kind.label(),
            r.status.label(),
            window,
            r.applications.join(","),
            r.title
        );
    }
    let _ = writeln!(out, "{} releases", list.len());
}

fn print_owners(p: &runway_core::Planner, json: bool, only: Option<&str>) -> Result<(), Error> {
    let needle = only.map(str::to_lowercase);
    let list: Vec<_> = p
        .release_owners()?
        .into_iter()
        .filter(|o| {
            needle
                .as_ref()
                .is_none_or(|n| o.made_by.to_lowercase().contains(n) || o.last_changed_by.to_lowercase().contains(n))
        })
        .collect();
    if json {
        say!("{}", serde_json::to_string_pretty(&list).map_err(|e| Error::Internal(e.to_string()))?);
        return Ok(());
    }
    let short = |r: &str| r.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect::<String>();
    say!("{:<18} {:<34} {:<34} {:<20}", "KEY", "MADE BY (COPY)", "LAST CHANGED BY (COPY)", "WHEN");
    for o in &list {
        let made = if o.made_by.is_empty() {
            "(before the journal)".to_owned()
        } else {
            format!("{} ({})", o.made_by, short(&o.made_on))
        };
        let last = if o.last_changed_by.is_empty() {
            "-".to_owned()
        } else {
            format!("{} ({})", o.last_changed_by, short(&o.last_changed_on))
        };
        say!("{:<18} {:<34} {:<34} {}", o.key, made, last, o.last_changed_at);
    }
    say!("{} releases", list.len());
    Ok(())
}
