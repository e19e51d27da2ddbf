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
}

pub fn list(args: ReleasesArgs, who: &str) -> Result<(), Error> {
    let ReleasesArgs { db, json } = args;
    let p = open_read(&db, who)?;
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
