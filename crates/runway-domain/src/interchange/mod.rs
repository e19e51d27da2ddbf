//! Interchange with the tools people already use (D11), beyond Runway's own JSON document
//! (`portfolio.rs`): `csv.rs`, the releases, milestones and RFCs as spreadsheet tables, safe from
//! formula injection; `read.rs`, the same tables read back, all or nothing, each bad cell named
//! by row and column.

pub mod csv;
pub mod read;
