//! The team store from the command line, against a real PostgreSQL server the test starts on
//! 127.0.0.1: two copies of one plan sync through it and converge; syncing again with nothing new
//! changes nothing; the password comes from the environment and is stored nowhere in the plan; a
//! server that is down leaves the plan untouched and says so.

use std::process::{Command, Output};

use runway_sync::testing::PgServer;

fn runway(who: &str, args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway"))
        .args(["--as", who])
        .args(args)
        .env("RUNWAY_SETTINGS_DIR", "/nonexistent")
        .env("RUNWAY_TEAM_PASSWORD", password)
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn two_copies_sync_through_postgresql_and_converge() {
    let Some(server) = PgServer::start() else { return };
    let pw = server.password().to_owned();
    // The URL without its password: the password comes from RUNWAY_TEAM_PASSWORD.
    let url = server.url.replace(&format!(":{pw}@"), "@");
    assert!(!url.contains(&pw));
    let dir = tempfile::tempdir().unwrap();
    let path = |n: &str| dir.path().join(n).display().to_string();
    let (a, b) = (path("a.runway"), path("b.runway"));
    let (ana, ben) = ("Ana <ana@example.com>", "Ben <ben@example.com>");
    ok(runway(ana, &["demo", "--db", &a, "--releases", "6", "--today", "2026-11-22"], ""));
    ok(runway(ana, &["save-as", "--db", &a, &b], ""));
    let all: serde_json::Value =
        serde_json::from_str(&ok(runway(ana, &["releases", "--db", &a, "--json"], ""))).unwrap();
    let key = all[0]["key"].as_str().unwrap().to_owned();

    ok(runway(ana, &["phase", "--db", &a, "set", &key, "Dress rehearsal", "2027-01-04", "2027-01-05"], ""));
    ok(runway(ben, &["phase", "--db", &b, "set", &key, "SIT", "2027-01-06", "2027-01-08"], ""));

    let first = ok(runway(ana, &["sync", "--db", &a, "--server", &url], &pw));
    assert!(first.contains("operations pushed"), "{first}");
    ok(runway(ben, &["sync", "--db", &b, "--server", &url], &pw));
    ok(runway(ana, &["sync", "--db", &a, "--server", &url], &pw));
    let export = |db: &str| {
        let out = path(&format!("{}.json", db.len()));
        ok(runway(ana, &["export", "--db", db, "--out", &out], ""));
        std::fs::read_to_string(&out).unwrap()
    };
    let (ea, eb) = (export(&a), export(&b));
    assert_eq!(ea, eb, "both copies hold the same plan");
    assert!(ea.contains("Dress rehearsal") && ea.contains("SIT"));

    // Nothing new: nothing pushed that is new to the server, nothing merged, the plan as it was.
    let again: serde_json::Value =
        serde_json::from_str(&ok(runway(ben, &["sync", "--db", &b, "--server", &url, "--json"], &pw))).unwrap();
    assert_eq!((again["pushed"].as_u64(), again["merged"].as_u64()), (Some(0), Some(0)), "{again}");
    assert_eq!(export(&b), eb);

    // The password is in neither plan file.
    for db in [&a, &b] {
        let bytes = std::fs::read(db).unwrap();
        assert!(!bytes.windows(pw.len()).any(|w| w == pw.as_bytes()), "the password is in {db}");
    }

    // A server that is down: a message, and the plan is untouched.
    let before = std::fs::read(&a).unwrap();
    let down = format!("postgres://runway@127.0.0.1:{}/runway", free_port());
    let o = runway(ana, &["sync", "--db", &a, "--server", &down], &pw);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot reach the team store") && err.contains("plan is unchanged"), "{err}");
    assert!(!err.contains(&pw));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
