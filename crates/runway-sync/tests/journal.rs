//! Pushing and pulling journal rows on a real PostgreSQL server (started by `PgServer`).

use runway_sync::testing::PgServer;
use runway_sync::{OpRow, SyncError, TeamStore};

fn op(replica: &str, counter: i64) -> OpRow {
    OpRow {
        id: format!("{replica}:{counter}"),
        replica: replica.to_owned(),
        counter,
        body: format!(r#"{{"op":"rename","to":"Release {counter}"}}"#),
    }
}

fn ids(rows: &[OpRow]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

#[tokio::test]
async fn pushing_the_same_rows_twice_adds_nothing_the_second_time() {
    let Some(pg) = PgServer::start() else { return };
    let store = TeamStore::connect(&pg.url, "acme").await.unwrap();
    let rows: Vec<OpRow> = (1..=12_000).map(|c| op("a", c)).collect();
    assert_eq!(store.push(&rows).await.unwrap(), 12_000, "more than one batch");
    assert_eq!(store.push(&rows).await.unwrap(), 0);
    assert_eq!(store.push(&[]).await.unwrap(), 0);
    assert_eq!(pg.admin_sql("runway", "SELECT count(*) FROM runway_op"), "12000");

    // A push with some rows known and some new answers the new ones, and a row twice in one push
    // is stored once.
    let mixed = vec![op("a", 1), op("a", 12_001), op("a", 12_001), op("b", 1)];
    assert_eq!(store.push(&mixed).await.unwrap(), 2);
}

#[tokio::test]
async fn a_pull_answers_the_rows_after_the_high_water_mark_in_server_order() {
    let Some(pg) = PgServer::start() else { return };
    let store = TeamStore::connect(&pg.url, "acme").await.unwrap();
    let (rows, empty_mark) = store.pull(0).await.unwrap();
    assert!(rows.is_empty());
    assert_eq!(empty_mark, 0, "nothing new: the mark stays");

    let first = vec![op("a", 1), op("a", 2), op("b", 1)];
    store.push(&first).await.unwrap();
    let (rows, mark) = store.pull(0).await.unwrap();
    assert_eq!(rows, first, "every field back, in push order");

    store.push(&[op("a", 2), op("b", 2), op("a", 3)]).await.unwrap();
    let (rows, next) = store.pull(mark).await.unwrap();
    assert_eq!(ids(&rows), ["b:2", "a:3"]);
    assert!(next > mark);

    let (rows, same) = store.pull(next).await.unwrap();
    assert!(rows.is_empty());
    assert_eq!(same, next);

    // Another replica's client sees the same rows in the same order.
    let other = TeamStore::connect(&pg.url, "acme").await.unwrap();
    let (all, all_mark) = other.pull(0).await.unwrap();
    assert_eq!(ids(&all), ["a:1", "a:2", "b:1", "b:2", "a:3"]);
    assert_eq!(all_mark, next);
}

#[tokio::test]
async fn two_portfolios_do_not_see_each_others_rows() {
    let Some(pg) = PgServer::start() else { return };
    let acme = TeamStore::connect(&pg.url, "acme").await.unwrap();
    let zenith = TeamStore::connect(&pg.url, "zenith").await.unwrap();
    assert_eq!(acme.push(&[op("a", 1), op("a", 2)]).await.unwrap(), 2);
    // The same id in another portfolio is another row.
    assert_eq!(zenith.push(&[op("a", 1), op("z", 1)]).await.unwrap(), 2);

    let (rows, _) = acme.pull(0).await.unwrap();
    assert_eq!(ids(&rows), ["a:1", "a:2"]);
    let (rows, _) = zenith.pull(0).await.unwrap();
    assert_eq!(ids(&rows), ["a:1", "z:1"]);
}

#[tokio::test]
async fn concurrent_pushes_never_let_a_pull_skip_a_row() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.url.clone();
    let pushers: Vec<_> = (0..4)
        .map(|w| {
            let url = url.clone();
            tokio::spawn(async move {
                let store = TeamStore::connect(&url, "acme").await.unwrap();
                for batch in 0..10 {
                    let rows: Vec<OpRow> = (0..200).map(|i| op(&format!("w{w}"), batch * 200 + i)).collect();
                    store.push(&rows).await.unwrap();
                }
            })
        })
        .collect();
    // A puller following along with its high-water mark, as a replica would.
    let puller = TeamStore::connect(&pg.url, "acme").await.unwrap();
    let (mut seen, mut mark) = (0, 0);
    loop {
        let done = pushers.iter().all(|p| p.is_finished());
        let (rows, next) = puller.pull(mark).await.unwrap();
        seen += rows.len();
        mark = next;
        if done {
            break;
        }
        tokio::task::yield_now().await;
    }
    for p in pushers {
        p.await.unwrap();
    }
    let (rest, _) = puller.pull(mark).await.unwrap();
    assert_eq!(seen + rest.len(), 4 * 10 * 200);
}

#[tokio::test]
async fn the_server_refuses_to_change_or_delete_a_row() {
    let Some(pg) = PgServer::start() else { return };
    let store = TeamStore::connect(&pg.url, "acme").await.unwrap();
    store.push(&[op("a", 1)]).await.unwrap();

    // Any client, even the table's owner with plain SQL.
    let (client, connection) = tokio_postgres::connect(&pg.url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    for sql in ["UPDATE runway_op SET body = '{}'", "DELETE FROM runway_op", "TRUNCATE runway_op"] {
        let e = client.batch_execute(sql).await.unwrap_err();
        let message = e.as_db_error().map(|d| d.message().to_owned()).unwrap_or_default();
        assert!(message.starts_with("runway_op is insert-only"), "{sql}: {e:?}");
    }
    let (rows, _) = store.pull(0).await.unwrap();
    assert_eq!(rows, [op("a", 1)]);
}

#[tokio::test]
async fn a_server_that_goes_away_is_an_error_not_a_hang() {
    let Some(pg) = PgServer::start() else { return };
    let store = TeamStore::connect(&pg.url, "acme").await.unwrap();
    drop(pg);
    let e = store.pull(0).await.unwrap_err();
    assert!(matches!(e, SyncError::Server { .. }), "{e:?}");
}

#[test]
fn the_blocking_store_connects_pushes_and_pulls() {
    let Some(pg) = PgServer::start() else { return };
    let store = runway_sync::blocking::TeamStore::connect(&pg.url, "acme").unwrap();
    assert_eq!(store.portfolio(), "acme");
    assert_eq!(store.push(&[op("a", 1), op("a", 2)]).unwrap(), 2);
    let (rows, mark) = store.pull(0).unwrap();
    assert_eq!(ids(&rows), ["a:1", "a:2"]);
    let (rows, same) = store.pull(mark).unwrap();
    assert!(rows.is_empty());
    assert_eq!(same, mark);
}
