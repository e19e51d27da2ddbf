//! A second Runway process for the scenarios: this test binary started again, running only
//! [`peer_process`], which opens a plan the way another window would and takes orders on stdin.
//!
//! Orders, one per line; each is answered with one line, `ok …` or `err <code> <message>`:
//! - `open` — open the plan as its owner (another window); `read` — open it to read (a report).
//! - `create KEY` — create a release (a committed edit); `count` — the number of releases.
//! - `hold` — start a read transaction and keep it open (a long report reading the plan).
//! - `quit` — end (dropping the plan as a process does when it exits cleanly).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use runway_core::Planner;
use runway_domain::ReleaseInput;

const PLAN_VAR: &str = "RUNWAY_SCENARIO_PEER_PLAN";

/// The other process, seen from the test.
pub struct Peer {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Peer {
    /// Starts a peer process on `plan` (it opens nothing until told to).
    pub fn start(plan: &Path) -> Peer {
        let exe = std::env::current_exe().unwrap();
        let mut child = Command::new(exe)
            .args(["peer::peer_process", "--exact", "--nocapture", "--test-threads=1", "--quiet"])
            .env(PLAN_VAR, plan)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut peer = Peer { child, stdin, stdout };
        assert_eq!(peer.answer(), "ok ready");
        peer
    }

    fn answer(&mut self) -> String {
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the peer process ended");
            let line = line.trim_end();
            // libtest's own lines ("running 1 test") are not answers.
            if line.starts_with("ok ") || line.starts_with("err ") {
                return line.to_owned();
            }
        }
    }

    /// Sends one order and returns the answer line.
    pub fn ask(&mut self, order: &str) -> String {
        writeln!(self.stdin, "{order}").unwrap();
        self.stdin.flush().unwrap();
        self.answer()
    }

    /// Sends an order that must succeed.
    pub fn must(&mut self, order: &str) -> String {
        let a = self.ask(order);
        assert!(a.starts_with("ok"), "peer `{order}`: {a}");
        a
    }

    /// Ends the peer cleanly.
    pub fn quit(mut self) {
        let _ = self.ask("quit");
        assert!(self.child.wait().unwrap().success());
    }

    /// Ends the peer as a crash or `kill -9` would: no clean-up of any kind.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }
}

/// A new release like the plan's first one, under `key`.
fn release_like_the_first(p: &Planner, key: &str) -> Result<ReleaseInput, runway_core::Error> {
    let first = p.list_releases()?.into_iter().next().expect("a plan with releases");
    let r = p.release(&first.key)?.release;
    Ok(ReleaseInput { key: key.into(), title: format!("Release {key}"), ..ReleaseInput::from(&r) })
}

/// The peer's side. As a plain test (no peer variable set) it does nothing.
#[test]
fn peer_process() {
    let Some(plan) = std::env::var_os(PLAN_VAR) else { return };
    let plan = std::path::PathBuf::from(plan);
    let mut out = std::io::stdout().lock();
    let mut planner: Option<Planner> = None;
    let mut held: Option<rusqlite::Connection> = None;
    writeln!(out, "ok ready").unwrap();
    out.flush().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let (order, arg) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let answer: Result<String, runway_core::Error> = match order {
            "open" => Planner::open(&plan, "Peer <peer@example.com>").map(|p| {
                planner = Some(p);
                "opened".into()
            }),
            "read" => Planner::open_read(&plan, "Peer <peer@example.com>").map(|p| {
                planner = Some(p);
                "opened to read".into()
            }),
            "create" => {
                let p = planner.as_mut().expect("open first");
                release_like_the_first(p, arg).and_then(|input| p.create_release(input)).map(|d| d.release.key)
            }
            "count" => planner.as_ref().expect("open first").list_releases().map(|l| l.len().to_string()),
            "hold" => {
                let c =
                    rusqlite::Connection::open_with_flags(&plan, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
                c.execute_batch("BEGIN").unwrap();
                let n: i64 = c.query_row("SELECT count(*) FROM release", [], |r| r.get(0)).unwrap();
                held = Some(c);
                Ok(format!("holding a snapshot of {n} releases"))
            }
            "quit" => {
                drop(held.take());
                drop(planner.take());
                writeln!(out, "ok bye").unwrap();
                out.flush().unwrap();
                return;
            }
            other => panic!("unknown order {other}"),
        };
        match answer {
            Ok(text) => writeln!(out, "ok {text}").unwrap(),
            Err(e) => writeln!(out, "err {:?} {e}", e.code()).unwrap(),
        }
        out.flush().unwrap();
    }
}
