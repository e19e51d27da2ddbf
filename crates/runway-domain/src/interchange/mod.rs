//! Interchange with the tools people already use (D11), beyond Runway's own JSON document
//! (`portfolio.rs`): `csv.rs`, the releases, milestones and RFCs as spreadsheet tables, safe from
//! formula injection.

pub mod csv;
