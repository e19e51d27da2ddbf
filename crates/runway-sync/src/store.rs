//! One connection to the team store, scoped to one portfolio: push the rows the server lacks, pull
//! the rows past a high-water mark.
//!
//! Ordering: `seq` is a sequence, and a sequence hands out numbers before their transactions
//! commit, so without care a puller could see 11 committed while 10 is still in flight, move its
//! high-water mark to 11 and never see 10. Every push therefore holds a per-portfolio advisory lock
//! from before its first `nextval` until its commit: within one portfolio, rows become visible in
//! `seq` order, and a high-water mark never skips a row.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio_postgres::types::Type;
use tokio_postgres::{Client, NoTls, Statement};

use crate::address::Address;
use crate::error::{connect_error, server_error};
use crate::{OpRow, SyncError, schema};

/// How long `connect` waits for the server: the TCP connection, the login and the schema check.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Rows per INSERT statement: about 1.5 MB of 300-byte bodies, a few ms of server work each.
const BATCH: usize = 5_000;

/// The class of the per-portfolio advisory locks ("RWAY"); the key is `hashtext(portfolio)`.
const PORTFOLIO_LOCK: i32 = 0x5257_4159;

const INSERT: &str = "INSERT INTO runway_op (portfolio, id, replica, counter, body) \
     SELECT $1, o.id, o.replica, o.counter, o.body \
     FROM UNNEST($2::text[], $3::text[], $4::int8[], $5::text[]) WITH ORDINALITY AS o(id, replica, counter, body, n) \
     ORDER BY o.n \
     ON CONFLICT (portfolio, id) DO NOTHING";

const PULL: &str = "SELECT seq, id, replica, counter, body FROM runway_op \
     WHERE portfolio = $1 AND seq > $2 ORDER BY seq";

/// A connection to the team store for one portfolio. Calls on one `TeamStore` run one at a time.
pub struct TeamStore {
    connection: Mutex<Connection>,
    address: Address,
    portfolio: String,
}

struct Connection {
    client: Client,
    insert: Statement,
    pull: Statement,
}

impl std::fmt::Debug for TeamStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamStore")
            .field("place", &self.address.place)
            .field("user", &self.address.user)
            .field("portfolio", &self.portfolio)
            .finish_non_exhaustive()
    }
}

impl TeamStore {
    /// Connects (within [`CONNECT_TIMEOUT`]) and creates or checks the server schema: an older
    /// one is migrated up in one transaction, a newer one refused. Must run inside a tokio runtime
    /// with IO and timers, which then drives the connection for as long as the store lives (or
    /// use [`crate::blocking::TeamStore`]).
    pub async fn connect(url: &str, portfolio: &str) -> Result<TeamStore, SyncError> {
        if portfolio.trim().is_empty() {
            return Err(SyncError::NoPortfolio);
        }
        let address = Address::parse(url, CONNECT_TIMEOUT)?;
        let (mut client, connection) = match tokio::time::timeout(CONNECT_TIMEOUT, address.config.connect(NoTls)).await
        {
            Ok(Ok(pair)) => pair,
            Ok(Err(e)) => return Err(connect_error(&address, &e)),
            Err(_) => {
                let reason = format!("no answer in {} s", CONNECT_TIMEOUT.as_secs());
                return Err(SyncError::Unreachable { place: address.place.clone(), reason });
            }
        };
        // The connection task ends when the client is dropped (or the server goes away, which the
        // next call reports).
        tokio::spawn(async move {
            let _ = connection.await;
        });
        let checked = tokio::time::timeout(CONNECT_TIMEOUT, schema::prepare(&mut client, &address)).await;
        match checked {
            Ok(result) => result?,
            Err(_) => {
                let reason = format!("the schema check got no answer in {} s", CONNECT_TIMEOUT.as_secs());
                return Err(SyncError::Server { place: address.place.clone(), reason });
            }
        }
        let fail = |e: tokio_postgres::Error| server_error(&address, &e);
        let text_array = Type::TEXT_ARRAY;
        let insert = client
            .prepare_typed(INSERT, &[Type::TEXT, text_array.clone(), text_array.clone(), Type::INT8_ARRAY, text_array])
            .await
            .map_err(fail)?;
        let pull = client.prepare_typed(PULL, &[Type::TEXT, Type::INT8]).await.map_err(fail)?;
        let connection = Mutex::new(Connection { client, insert, pull });
        Ok(TeamStore { connection, address, portfolio: portfolio.to_owned() })
    }

    /// The portfolio this store reads and writes.
    pub fn portfolio(&self) -> &str {
        &self.portfolio
    }

    /// `user@host:port/database`: the server as a plan may name it (never the password).
    pub fn server(&self) -> String {
        format!("{}@{}", self.address.user, self.address.place)
    }

    /// Inserts the rows the server does not have yet, in their order, and answers how many were
    /// new. Idempotent: a row whose `id` the portfolio already holds is skipped, so pushing the same
    /// rows twice changes nothing. One transaction, [`BATCH`] rows per statement.
    pub async fn push(&self, rows: &[OpRow]) -> Result<u64, SyncError> {
        if rows.is_empty() {
            return Ok(0);
        }
        let fail = |e: tokio_postgres::Error| server_error(&self.address, &e);
        let mut connection = self.connection.lock().await;
        let Connection { client, insert, .. } = &mut *connection;
        // Dropped before its commit (an error, a cancelled future), the transaction rolls back.
        let tx = client.transaction().await.map_err(fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", &[&PORTFOLIO_LOCK, &self.portfolio])
            .await
            .map_err(fail)?;
        let mut new = 0;
        for chunk in rows.chunks(BATCH) {
            let ids: Vec<&str> = chunk.iter().map(|r| r.id.as_str()).collect();
            let replicas: Vec<&str> = chunk.iter().map(|r| r.replica.as_str()).collect();
            let counters: Vec<i64> = chunk.iter().map(|r| r.counter).collect();
            let bodies: Vec<&str> = chunk.iter().map(|r| r.body.as_str()).collect();
            new += tx.execute(&*insert, &[&self.portfolio, &ids, &replicas, &counters, &bodies]).await.map_err(fail)?;
        }
        tx.commit().await.map_err(fail)?;
        Ok(new)
    }

    /// Every row of the portfolio with server sequence > `after`, in server sequence order, and
    /// the new high-water mark (the last row's sequence, or `after` when nothing is new).
    pub async fn pull(&self, after: i64) -> Result<(Vec<OpRow>, i64), SyncError> {
        let connection = self.connection.lock().await;
        let found = connection
            .client
            .query(&connection.pull, &[&self.portfolio, &after])
            .await
            .map_err(|e| server_error(&self.address, &e))?;
        let mut high_water = after;
        let mut rows = Vec::with_capacity(found.len());
        for row in found {
            high_water = row.get(0);
            rows.push(OpRow { id: row.get(1), replica: row.get(2), counter: row.get(3), body: row.get(4) });
        }
        Ok((rows, high_water))
    }
}
