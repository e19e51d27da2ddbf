//! The consolidated view (issue 20): for each release, which replica (which release manager) made
//! it and which last changed it, read from the journal.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clock::Hlc;
use crate::error::Result;

/// Who made a release and who last changed it, as the journal has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Ownership {
    pub key: String,
    /// The author of the operation that made it ("" for a release from before the journal).
    pub made_by: String,
    pub made_on: String,
    pub last_changed_by: String,
    pub last_changed_on: String,
    /// When, by the author's clock (RFC 3339, UTC); empty before the journal.
    pub last_changed_at: String,
}

/// Every release of the plan the journal knows, by key.
pub fn releases(conn: &Connection) -> Result<Vec<Ownership>> {
    let mut stmt = conn.prepare(
        "SELECT o.key,
                (SELECT author || char(31) || replica FROM op WHERE object = o.uid AND field = '@' AND value IS NOT NULL
                 ORDER BY hlc, replica, id LIMIT 1),
                (SELECT author || char(31) || replica || char(31) || hlc FROM op WHERE object = o.uid
                 ORDER BY hlc DESC, replica DESC, id DESC LIMIT 1)
         FROM object o JOIN release r ON r.key = o.key
         WHERE o.entity = 'release' ORDER BY o.key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (key, made, last) = row?;
        let made = made.unwrap_or_default();
        let mut made = made.split('\u{1f}');
        let last = last.unwrap_or_default();
        let mut last = last.split('\u{1f}');
        let (made_by, made_on) =
            (made.next().unwrap_or_default().to_owned(), made.next().unwrap_or_default().to_owned());
        let (by, on, hlc) =
            (last.next().unwrap_or_default(), last.next().unwrap_or_default(), last.next().unwrap_or_default());
        let at = Hlc::parse(hlc)
            .filter(|h| *h != Hlc::BASE)
            .and_then(|h| chrono::DateTime::from_timestamp_millis(h.ms))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        out.push(Ownership {
            key,
            made_by,
            made_on,
            last_changed_by: by.to_owned(),
            last_changed_on: on.to_owned(),
            last_changed_at: at,
        });
    }
    Ok(out)
}
