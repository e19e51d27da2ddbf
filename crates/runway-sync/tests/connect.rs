//! Connecting to a real PostgreSQL server (started by `PgServer`): the schema made, checked,
//! migrated or refused, and every way a connection fails told in words without the password.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use runway_sync::testing::{PgServer, USER};
use runway_sync::{SCHEMA_VERSION, SyncError, TeamStore};

fn version(pg: &PgServer, database: &str) -> String {
    pg.admin_sql(database, "SELECT schema_version FROM runway_meta")
}

#[tokio::test]
async fn the_first_connect_creates_the_schema_and_the_second_accepts_it() {
    let Some(pg) = PgServer::start() else { return };
    TeamStore::connect(&pg.url, "acme").await.expect("first connect");
    assert_eq!(version(&pg, "runway"), SCHEMA_VERSION.to_string());
    let tables = pg.admin_sql(
        "runway",
        "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE tableowner = 'runway'",
    );
    assert_eq!(tables, "runway_meta,runway_op");
    let triggers = pg.admin_sql("runway", "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'runway_op'::regclass");
    assert_eq!(triggers, "2");

    TeamStore::connect(&pg.url, "acme").await.expect("second connect");
    TeamStore::connect(&pg.url, "another portfolio").await.expect("another portfolio, same schema");
    assert_eq!(version(&pg, "runway"), SCHEMA_VERSION.to_string());
}

#[tokio::test]
async fn clients_connecting_to_a_new_server_at_once_create_the_schema_once() {
    let Some(pg) = PgServer::start() else { return };
    let connects = (0..4).map(|i| {
        let url = pg.url.clone();
        tokio::spawn(async move { TeamStore::connect(&url, &format!("p{i}")).await.map(|_| ()) })
    });
    for connect in connects.collect::<Vec<_>>() {
        connect.await.expect("task").expect("connect");
    }
    assert_eq!(version(&pg, "runway"), SCHEMA_VERSION.to_string());
}

#[tokio::test]
async fn a_server_with_a_newer_schema_is_refused_and_left_as_it_is() {
    let Some(pg) = PgServer::start() else { return };
    TeamStore::connect(&pg.url, "acme").await.expect("first connect");
    pg.admin_sql("runway", "UPDATE runway_meta SET schema_version = 99");
    let e = TeamStore::connect(&pg.url, "acme").await.unwrap_err();
    assert!(matches!(e, SyncError::NewerSchema { found: 99, .. }), "{e:?}");
    let expected = format!(
        "the team store at 127.0.0.1:{}/runway has schema 99; this Runway knows up to {SCHEMA_VERSION}: update Runway",
        pg.port()
    );
    assert_eq!(e.to_string(), expected);
    assert_eq!(version(&pg, "runway"), "99");
}

#[tokio::test]
async fn a_server_with_an_older_schema_is_migrated_and_keeps_its_rows() {
    let Some(pg) = PgServer::start() else { return };
    pg.admin_sql("runway", include_str!("fixtures/schema-1.sql"));
    assert_eq!(version(&pg, "runway"), "1");

    let store = TeamStore::connect(&pg.url, "acme").await.expect("connect migrates");
    assert_eq!(version(&pg, "runway"), SCHEMA_VERSION.to_string());
    let (rows, high_water) = store.pull(0).await.unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["base:00ff", "0190c3e2-0000-7000-8000-000000000001:1"]);
    assert_eq!(high_water, 2);
    // Schema 2's trigger is there: the migrated journal is insert-only too.
    let triggers = pg.admin_sql("runway", "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'runway_op'::regclass");
    assert_eq!(triggers, "2");
}

#[tokio::test]
async fn a_migration_that_fails_leaves_the_older_schema_as_it_was() {
    let Some(pg) = PgServer::start() else { return };
    pg.admin_sql("runway", include_str!("fixtures/schema-1.sql"));
    // A function of that name (someone else's) makes schema 2's CREATE FUNCTION fail.
    pg.admin_sql(
        "runway",
        "SET ROLE runway; CREATE FUNCTION runway_op_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;",
    );
    let e = TeamStore::connect(&pg.url, "acme").await.unwrap_err();
    assert!(matches!(e, SyncError::Server { .. }), "{e:?}");
    assert!(e.to_string().contains("already exists"), "{e}");
    assert_eq!(version(&pg, "runway"), "1", "rolled back whole");
}

/// A port nothing listens on: bound, then let go.
fn dead_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
async fn a_server_that_is_down_is_told_quickly() {
    let port = dead_port();
    let started = Instant::now();
    let e =
        TeamStore::connect(&format!("postgres://runway:sekrit-pw@127.0.0.1:{port}/runway"), "acme").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.starts_with(&format!("cannot reach the team store at 127.0.0.1:{port}/runway: ")), "{text}");
    assert!(!text.contains("sekrit-pw") && !format!("{e:?}").contains("sekrit-pw"), "{text}");
}

#[tokio::test]
async fn a_wrong_password_is_a_refused_login() {
    let Some(pg) = PgServer::start() else { return };
    let wrong = pg.url.replace(pg.password(), "not-the-password");
    let e = TeamStore::connect(&wrong, "acme").await.unwrap_err();
    assert!(matches!(e, SyncError::LoginRefused { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.starts_with(&format!("the team store refused the login for {USER}: ")), "{text}");
    assert!(text.contains("password authentication failed"), "{text}");
    assert!(!text.contains("not-the-password"), "{text}");

    let nobody = pg.url.replace(&format!("{USER}:"), "nobody_here:");
    let e = TeamStore::connect(&nobody, "acme").await.unwrap_err();
    assert!(matches!(e, SyncError::LoginRefused { .. }), "{e:?}");
}

#[tokio::test]
async fn no_error_shows_the_password() {
    let Some(pg) = PgServer::start() else { return };
    let password = pg.password().to_owned();
    let port = pg.port();
    let mut errors: Vec<SyncError> = vec![];
    let at = |path: &str| format!("postgres://{USER}:{password}@127.0.0.1:{port}/{path}");
    for (url, portfolio) in [
        (at("no_such_db"), "acme"),
        (format!("postgres://{USER}:{password}@127.0.0.1:{}/runway", dead_port()), "acme"),
        (format!("postgres://{USER}:{password}x@127.0.0.1:{port}/runway"), "acme"),
        (format!("postgres://{USER}:{password}@127.0.0.1:{port}:9/runway"), "acme"),
        (format!("host=127.0.0.1 user={USER} password={password}"), "acme"),
        (at("runway"), " "),
    ] {
        errors.push(TeamStore::connect(&url, portfolio).await.unwrap_err());
    }
    let store = TeamStore::connect(&pg.url, "acme").await.unwrap();
    // A body PostgreSQL cannot store (a NUL character): the server's own error.
    let bad = runway_sync::OpRow { id: "r:1".into(), replica: "r".into(), counter: 1, body: "\0".into() };
    errors.push(store.push(&[bad]).await.unwrap_err());
    pg.admin_sql("runway", "UPDATE runway_meta SET schema_version = 99");
    errors.push(TeamStore::connect(&pg.url, "acme").await.unwrap_err());

    assert!(matches!(errors[0], SyncError::NoDatabase { .. }), "{:?}", errors[0]);
    for e in &errors {
        let (text, debug) = (e.to_string(), format!("{e:?}"));
        assert!(!text.contains(&password) && !debug.contains(&password), "{text}\n{debug}");
    }
    assert!(!format!("{store:?}").contains(&password));
}
