//! Several release managers, one portfolio (issue 20): the plan's replica id, change files out
//! and in, and the review cards a merge leaves. The journal and the merge rules are runway-store's
//! (`store::replica`); this module gives them to the front ends.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::replica::cards::{self, Card};
use crate::store::replica::changes::{self, ChangeFile, FORMAT, VERSION};
use crate::store::replica::resolve::{self, Decision};
use crate::store::replica::{log, merge};
use crate::store::tables::reference;

/// The plan's place among its copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplicaInfo {
    pub replica: String,
    pub portfolio: String,
    /// Operations in the journal.
    pub operations: u64,
    /// The copies this plan has merged changes from: replica, who wrote the last file, when.
    pub peers: Vec<Peer>,
    pub open_cards: u32,
    /// Set when the plan was found to be a copy of another file and given its own replica id.
    pub copied_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Peer {
    pub replica: String,
    pub author: String,
    pub merged_at: String,
}

/// What merging a change file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeReport {
    pub source: String,
    /// Who wrote the change file, and from which copy.
    pub author: String,
    pub replica: String,
    pub added: u32,
    pub already_had: u32,
    /// What changed in the plan (release keys, dependencies).
    pub changed: Vec<String>,
    /// The plan's open review cards after the merge.
    pub cards: Vec<Card>,
}

/// From which point a change file starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// Everything the plan knows (the peer is new, or its state unknown).
    All,
    /// What this replica has not seen, as far as the plan knows from the peer's last change file.
    Peer(String),
}

impl Planner {
    /// The replica id, portfolio id, peers and open cards.
    pub fn replica_info(&mut self) -> Result<ReplicaInfo> {
        let (replica, portfolio) = self.replica_ids()?;
        let operations = log::count(&self.conn)?;
        Ok(ReplicaInfo {
            replica,
            portfolio,
            operations,
            peers: changes::peers(&self.conn)?
                .into_iter()
                .map(|(replica, author, merged_at)| Peer { replica, author, merged_at })
                .collect(),
            open_cards: u32::try_from(cards::open(&self.conn)?.len()).unwrap_or(u32::MAX),
            copied_from: reference::meta(&self.conn, "copied_from")?,
        })
    }

    /// The plan's replica and portfolio ids (made on first use).
    pub fn replica_ids(&mut self) -> Result<(String, String)> {
        let ours =
            reference::meta(&self.conn, "replica_file")?.as_deref() == Some(log::file_identity(&self.path).as_str());
        if let (true, Some(r), Some(p)) =
            (ours, reference::meta(&self.conn, "replica_id")?, reference::meta(&self.conn, "portfolio_id")?)
        {
            return Ok((r, p));
        }
        if !self.is_owner() {
            return Err(Error::Conflict("open the plan as its owner to see or give its replica id".into()));
        }
        self.write(|w| {
            let r = w.replica_state()?;
            Ok((r.id.clone(), r.portfolio.clone()))
        })
    }

    /// The operations a peer has not seen, as a change file.
    pub fn export_changes(&mut self, since: &Since) -> Result<ChangeFile> {
        // A plan from before the journal describes what it holds first.
        self.write(|w| log::seed_all(w.tx()).map(drop))?;
        let (replica, portfolio) = self.replica_ids()?;
        let seen = match since {
            Since::All => changes::Vector::new(),
            Since::Peer(p) => {
                let peer = self.peer_id(p)?;
                changes::peer_vector(&self.conn, &peer)?.unwrap_or_default()
            }
        };
        let ops = changes::ops_since(&self.conn, &seen)?;
        Ok(ChangeFile {
            format: FORMAT.into(),
            version: VERSION,
            portfolio,
            portfolio_name: reference::meta(&self.conn, "name")?.unwrap_or_default(),
            replica,
            author: self.actor.clone(),
            vector: changes::vector(&self.conn)?,
            digest: changes::digest(&ops)?,
            ops,
        })
    }

    /// Writes [`Planner::export_changes`] to `out` (atomically). Answers how many operations.
    pub fn export_changes_file(&mut self, since: &Since, out: &Path) -> Result<usize> {
        let file = self.export_changes(since)?;
        let json =
            serde_json::to_vec(&file).map_err(|e| Error::Internal(format!("cannot write {}: {e}", out.display())))?;
        crate::fsutil::write_atomically(out, &json)?;
        Ok(file.ops.len())
    }

    /// A peer by its replica id, or its start or end (as `runway replica` lists them).
    fn peer_id(&self, given: &str) -> Result<String> {
        let peers = changes::peers(&self.conn)?;
        // UUIDv7s made close together share their start: the end tells copies apart too.
        let found: Vec<_> = peers.iter().filter(|(r, _, _)| r.starts_with(given) || r.ends_with(given)).collect();
        match found.as_slice() {
            [(r, _, _)] => Ok(r.clone()),
            [] => Err(Error::NotFound(format!(
                "this plan has merged nothing from a replica {given:?}; use --since all for everything it holds"
            ))),
            _ => Err(Error::field("since", format!("{given:?} names more than one replica; give more of its id"))),
        }
    }

    /// Merges a change file (`bytes`, named `source` in messages): its operations this plan lacks
    /// are added and the plan brought to the state they give, in one transaction; what a person
    /// must decide becomes a review card. A file of another portfolio, a damaged one, or one
    /// from a copy sharing this plan's replica id is refused and nothing changes.
    pub fn merge_changes(&mut self, bytes: &[u8], source: &str) -> Result<MergeReport> {
        let file = changes::read(bytes, source)?;
        let (replica, portfolio) = self.replica_ids()?;
        if file.portfolio != portfolio {
            let ours = reference::meta(&self.conn, "name")?.unwrap_or_default();
            return Err(Error::Import(format!(
                "{source} holds changes of the portfolio {:?} ({}), not of this plan's {ours:?} ({portfolio}); nothing was merged",
                file.portfolio_name, file.portfolio
            )));
        }
        if file.replica == replica {
            let foreign =
                file.ops.iter().any(|op| op.replica == replica && !log::has(&self.conn, &op.id).unwrap_or(true));
            if foreign {
                return Err(Error::Import(format!(
                    "{source} was written by another copy of this plan that has the same replica id ({replica}); open that copy in Runway once (it then takes an id of its own) and export its changes again. Nothing was merged"
                )));
            }
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let merged = self.write(|w| {
            let m = merge::apply(w, &file.ops)?;
            let vector = serde_json::to_string(&file.vector).map_err(|e| Error::Internal(e.to_string()))?;
            reference::set_meta(w.tx(), &format!("peer.{}", file.replica), &vector)?;
            reference::set_meta(
                w.tx(),
                &format!("peer-seen.{}", file.replica),
                &format!("{}\u{1f}{now}", file.author),
            )?;
            if m.added > 0 {
                let summary = format!("{} operations from {} ({})", m.added, file.author, file.replica);
                w.record::<str>(Action::Merge, Entity::Plan, source, None, Some(&summary))?;
            }
            Ok(m)
        })?;
        Ok(MergeReport {
            source: source.to_owned(),
            author: file.author,
            replica: file.replica,
            added: u32::try_from(merged.added).unwrap_or(u32::MAX),
            already_had: u32::try_from(merged.known).unwrap_or(u32::MAX),
            changed: merged.changed,
            cards: cards::open(&self.conn)?,
        })
    }

    /// Reads the change file at `path` and merges it.
    pub fn merge_changes_file(&mut self, path: &Path) -> Result<MergeReport> {
        let len =
            std::fs::metadata(path).map_err(|e| Error::Import(format!("cannot read {}: {e}", path.display())))?.len();
        if len > changes::MAX_BYTES {
            return Err(Error::Import(format!(
                "{} is {} MB, more than a change file can be",
                path.display(),
                len >> 20
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::Import(format!("cannot read {}: {e}", path.display())))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.merge_changes(&bytes, &name)
    }

    /// The consolidated view: for each release, who made it and who last changed it, and on
    /// which copy (a release the journal does not know yet, from before it, is not listed).
    pub fn release_owners(&self) -> Result<Vec<crate::store::replica::owners::Ownership>> {
        crate::store::replica::owners::releases(&self.conn)
    }

    /// The open review cards.
    pub fn review_cards(&self) -> Result<Vec<Card>> {
        cards::open(&self.conn)
    }

    /// Decides a review card; the decision is audited, undoable and travels like any change.
    pub fn decide_card(&mut self, id: &str, decision: &Decision) -> Result<Card> {
        self.write(|w| resolve::decide(w, id, decision))
    }
}
