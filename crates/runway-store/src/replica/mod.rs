//! Several release managers, one portfolio (issue 20): stable identity, the change journal, change
//! files and their merge. ARCHITECTURE.md ("Replicas, the journal and merging") has the design;
//! in short:
//!
//! - every plan file is a *replica* with its own id; copies of one plan share a *portfolio* id;
//! - every object a merge can name has a uid (the `object` table, next to its natural key);
//! - every local write appends, in its transaction, one [`log::Op`] per changed field, link or
//!   existence (`@`), naming the operations on that field its author had seen (`parents`);
//! - a merge adds the operations the plan lacks and brings each touched object to the state its
//!   operations give: per field, the head with the greatest clock (ties by replica) stands, so
//!   every copy that has seen the same operations holds the same plan; where two heads differ, a
//!   person decides ([`cards`]).

pub mod cards;
pub mod changes;
pub mod clock;
pub mod fields;
pub mod log;
pub mod merge;
pub mod owners;
pub mod resolve;

/// The namespace of uids made from a natural key (objects that existed before the journal), so
/// copies of one plan give them the same uid.
pub const UID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_5b1e_9d3c_4f2a_8e07_52c4_0b9d_7a31);
