//! Several release managers, one portfolio (issue 20): `save-as`, `replica`, `changes export`,
//! `merge` and `review list|pick|value|rename`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use runway_core::Error;
use runway_core::api::replicas::Since;
use runway_core::store::replica::cards::Card;
use runway_core::store::replica::resolve::Decision;

use super::{open, open_read};
use crate::output::{say, to_json};

#[derive(Args)]
pub struct SaveAsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The new plan file: a copy that goes its own way (its own replica id).
    new: PathBuf,
    /// Replace NEW if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct ReplicaArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ChangesArgs {
    #[command(subcommand)]
    action: ChangesAction,
}

#[derive(Subcommand)]
enum ChangesAction {
    /// Write what this plan has that a peer has not seen, as a .runway-changes file.
    Export {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The peer's replica id (or its start, as `runway replica` lists it); `all` for everything.
        #[arg(long, value_name = "PEER", default_value = "all")]
        since: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct MergeArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The .runway-changes file another copy of the plan wrote.
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ReviewArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: ReviewAction,
}

#[derive(Subcommand)]
enum ReviewAction {
    /// The open review cards: what a merge left for a person to decide.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Decide a card by one of its sides (OP as `review list` shows it).
    Pick { card: String, op: String },
    /// Decide a field card with a value of one's own (JSON, e.g. '"New title"').
    Value { card: String, value: String },
    /// Decide a key card: the side KEEPS keeps the key, the other release takes KEY.
    Rename { card: String, keeps: String, key: String },
}

pub fn save_as(args: SaveAsArgs, who: &str) -> Result<(), Error> {
    let p = open_read(&args.db, who)?;
    let mut copy = p.save_as(&args.new, args.force)?;
    let info = copy.replica_info()?;
    say!("saved {} as {} (replica {})", args.db.display(), args.new.display(), info.replica);
    Ok(())
}

pub fn replica(args: ReplicaArgs, who: &str) -> Result<(), Error> {
    let mut p = open(&args.db, who)?;
    let info = p.replica_info()?;
    if args.json {
        say!("{}", to_json(&info)?);
        return Ok(());
    }
    say!("replica    {}", info.replica);
    say!("portfolio  {}", info.portfolio);
    say!("journal    {} operations", info.operations);
    say!("cards      {} open", info.open_cards);
    if let Some(old) = &info.copied_from {
        say!("copied     from replica {old} (this file was found to be a copy and took an id of its own)");
    }
    for peer in &info.peers {
        say!("peer       {}  {}  last merged {}", peer.replica, peer.author, peer.merged_at);
    }
    Ok(())
}

pub fn changes(args: ChangesArgs, who: &str) -> Result<(), Error> {
    let ChangesAction::Export { db, since, out } = args.action;
    let mut p = open(&db, who)?;
    let since = if since == "all" { Since::All } else { Since::Peer(since) };
    let n = p.export_changes_file(&since, &out)?;
    say!("wrote {n} operations to {}", out.display());
    Ok(())
}

pub fn merge(args: MergeArgs, who: &str) -> Result<(), Error> {
    let mut p = open(&args.db, who)?;
    let report = p.merge_changes_file(&args.file)?;
    if args.json {
        say!("{}", to_json(&report)?);
        return Ok(());
    }
    say!(
        "merged {} new operations from {} ({}); {} already here",
        report.added,
        report.author,
        report.replica,
        report.already_had
    );
    for c in &report.changed {
        say!("  changed {c}");
    }
    print_cards(&report.cards);
    Ok(())
}

pub fn review(args: ReviewArgs, who: &str) -> Result<(), Error> {
    match args.action {
        ReviewAction::List { json } => {
            let p = open_read(&args.db, who)?;
            let cards = p.review_cards()?;
            if json {
                say!("{}", to_json(&cards)?);
            } else {
                print_cards(&cards);
            }
        }
        ReviewAction::Pick { card, op } => decide(&args.db, who, &card, &Decision::Pick { op })?,
        ReviewAction::Value { card, value } => decide(&args.db, who, &card, &Decision::Value { value })?,
        ReviewAction::Rename { card, keeps, key } => decide(&args.db, who, &card, &Decision::Rename { keeps, key })?,
    }
    Ok(())
}

fn decide(db: &std::path::Path, who: &str, card: &str, d: &Decision) -> Result<(), Error> {
    let mut p = open(db, who)?;
    let c = p.decide_card(card, d)?;
    say!("decided card {} ({}); {} open", c.id, c.subject, p.review_cards()?.len());
    Ok(())
}

fn print_cards(cards: &[Card]) {
    if cards.is_empty() {
        say!("no review cards open");
        return;
    }
    say!("{} review card{} to decide:", cards.len(), if cards.len() == 1 { "" } else { "s" });
    for c in cards {
        let what = match c.kind {
            runway_core::store::replica::cards::CardKind::Field => format!("{} edited on both sides", c.field),
            runway_core::store::replica::cards::CardKind::Deleted => "deleted on one side, edited on the other".into(),
            runway_core::store::replica::cards::CardKind::Key => "two releases claim this key".into(),
            runway_core::store::replica::cards::CardKind::Cycle => "left out: it would close a cycle".into(),
        };
        say!("  card {}  {}: {what}", c.id, c.subject);
        for s in &c.sides {
            let mark = if s.standing { "*" } else { " " };
            say!("    {mark} {}  {}  {}  {}", s.op, s.at, s.author, s.value);
        }
    }
}

#[derive(Args)]
pub struct SyncArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The team store: postgres://USER@HOST:PORT/DATABASE. The password comes from
    /// RUNWAY_TEAM_PASSWORD (never from the plan, never stored); one in the URL works too.
    #[arg(long, value_name = "URL")]
    server: String,
    #[arg(long)]
    json: bool,
}

/// Pushes the plan's journal to the team store and merges everyone else's. A server that is down,
/// refuses the login or has another schema: a message, and the plan is untouched (its changes wait
/// for the next sync).
pub fn sync(args: SyncArgs, who: &str) -> Result<(), Error> {
    let url = with_password(&args.server, std::env::var("RUNWAY_TEAM_PASSWORD").ok());
    let mut p = open(&args.db, who)?;
    let (_, portfolio) = p.replica_ids()?;
    let store = runway_sync::blocking::TeamStore::connect(&url, &portfolio).map_err(sync_error)?;
    let server = store.server();
    let marks = p.sync_marks(&server)?;
    let (ops, last) = p.journal_after(marks.pushed)?;
    let rows: Vec<runway_sync::OpRow> = ops
        .into_iter()
        .map(|(op, body)| runway_sync::OpRow { id: op.id, replica: op.replica, counter: op.counter, body })
        .collect();
    let pushed = store.push(&rows).map_err(sync_error)?;
    let (pulled, high) = store.pull(marks.pulled).map_err(sync_error)?;
    let bodies: Vec<String> = pulled.into_iter().map(|r| r.body).collect();
    let marks = runway_core::api::team::SyncMarks { pushed: last, pulled: high };
    let mut report = p.merge_pulled(&server, &bodies, marks)?;
    report.pushed = pushed;
    if args.json {
        say!("{}", to_json(&report)?);
        return Ok(());
    }
    say!(
        "synced with {server}: {pushed} operations pushed, {} pulled, {} new here; {} review cards open",
        report.pulled,
        report.merged,
        report.open_cards
    );
    for c in &report.changed {
        say!("  changed {c}");
    }
    Ok(())
}

/// The URL with the password from the environment put in, if it has none.
fn with_password(url: &str, password: Option<String>) -> String {
    let Some(password) = password.filter(|p| !p.is_empty()) else { return url.to_owned() };
    let Some(rest) = url.strip_prefix("postgres://").or_else(|| url.strip_prefix("postgresql://")) else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user, host)) if !user.contains(':') => {
            let encoded: String = password
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect();
            format!("postgres://{user}:{encoded}@{host}")
        }
        _ => url.to_owned(),
    }
}

fn sync_error(e: runway_sync::SyncError) -> Error {
    Error::Conflict(format!("{e}; the plan is unchanged and its changes will go with the next sync"))
}
