//! A throwaway PostgreSQL server for tests and benches (feature `testing`): Debian's server
//! programs, `initdb` into a temporary folder, `pg_ctl start` on a free port of 127.0.0.1, a login
//! role `runway` with a random password (scram-sha-256), stopped and removed on drop. About a
//! second. PostgreSQL refuses to run as root, so as root the server runs as `nobody` (or
//! `$RUNWAY_PG_USER`) through `runuser`.
//!
//! The server does not flush to disk unless `RUNWAY_PG_DURABLE=1` (for benchmark figures).
//!
//! Missing programs fail the test with how to install them; `RUNWAY_SKIP_PG=1` skips instead
//! (`start` answers `None`). `RUNWAY_PG_BIN` names the folder of `initdb`, `pg_ctl` and `psql` when
//! they are not where Debian puts them.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The superuser `initdb` creates; it logs in over the Unix socket only (trust), for the setup.
const ADMIN: &str = "runway_admin";
/// The login role the URL names: it owns the database `runway`, and nothing more.
pub const USER: &str = "runway";

const INSTALL: &str = "the team store tests need PostgreSQL's server programs (initdb, pg_ctl, postgres, psql), \
    and they are not installed. On Debian or Ubuntu: `sudo apt-get install -y postgresql` (Debian 12: \
    postgresql-15 and postgresql-client-15). Elsewhere put them on PATH or set RUNWAY_PG_BIN to their folder. \
    RUNWAY_SKIP_PG=1 skips these tests instead";

/// A running PostgreSQL server, stopped and deleted on drop.
pub struct PgServer {
    /// `postgres://runway:PASSWORD@127.0.0.1:PORT/runway`.
    pub url: String,
    port: u16,
    password: String,
    bin: PathBuf,
    /// The account the server runs as when the tests run as root.
    run_as: Option<String>,
    /// Holds `data/` (the cluster), the socket and `server.log`.
    dir: tempfile::TempDir,
}

impl PgServer {
    /// Starts a server, or `None` when `RUNWAY_SKIP_PG=1`. Panics (failing the test) when
    /// PostgreSQL is missing or does not start, with what to do about it.
    pub fn start() -> Option<PgServer> {
        if std::env::var("RUNWAY_SKIP_PG").is_ok_and(|v| v == "1") {
            eprintln!("RUNWAY_SKIP_PG=1: skipped a test that needs a PostgreSQL server");
            return None;
        }
        let bin = server_programs().unwrap_or_else(|| panic!("{INSTALL}"));
        let run_as =
            if is_root() { Some(std::env::var("RUNWAY_PG_USER").unwrap_or_else(|_| "nobody".into())) } else { None };
        let dir = tempfile::Builder::new().prefix("runway-pg-").tempdir().expect("a temporary folder for PostgreSQL");
        let password = random_hex();
        let mut server = PgServer { url: String::new(), port: 0, password, bin, run_as, dir };
        server.init();
        server.launch();
        let sql =
            format!("CREATE ROLE {USER} LOGIN PASSWORD '{}';\nCREATE DATABASE {USER} OWNER {USER};\n", server.password);
        server.admin_sql("postgres", &sql);
        server.url = server.url_of(USER);
        Some(server)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The password of the role `runway`.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// A new empty database owned by `runway`, and its URL.
    pub fn database(&self, name: &str) -> String {
        self.admin_sql("postgres", &format!("CREATE DATABASE \"{name}\" OWNER {USER};"));
        self.url_of(name)
    }

    /// Runs SQL as the superuser in `database` (psql over the socket, stopping at the first error)
    /// and answers what psql printed, unaligned and without headers. Panics when it fails.
    pub fn admin_sql(&self, database: &str, sql: &str) -> String {
        let mut child = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"])
            .args(["-h", &self.dir.path().display().to_string(), "-p", &self.port.to_string()])
            .args(["-U", ADMIN, "-d", database])
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("psql starts");
        child.stdin.take().expect("psql's stdin").write_all(sql.as_bytes()).expect("SQL written to psql");
        let out = child.wait_with_output().expect("psql ran");
        assert!(out.status.success(), "psql failed on:\n{sql}\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn url_of(&self, database: &str) -> String {
        format!("postgres://{USER}:{}@127.0.0.1:{}/{database}", self.password, self.port)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `program` from the server's folder, run as the server's account.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        // The server's account may not be allowed into the test's own folder.
        command.current_dir(self.dir.path()).env("LC_ALL", "C").stdin(Stdio::null());
        command
    }

    fn init(&self) {
        if let Some(user) = &self.run_as {
            let uid = id(&["-u", user]);
            let gid = id(&["-g", user]);
            std::os::unix::fs::chown(self.dir.path(), Some(uid), Some(gid)).expect("the PostgreSQL folder given away");
        }
        let pwfile = self.dir.path().join("admin-password");
        std::fs::write(&pwfile, random_hex()).expect("the superuser's password written");
        if let Some(user) = &self.run_as {
            std::os::unix::fs::chown(&pwfile, Some(id(&["-u", user])), None).expect("the password file given away");
        }
        let mut initdb = self.command("initdb");
        initdb.arg("-D").arg(self.data()).args(["-U", ADMIN, "-E", "UTF8", "--locale=C", "--no-sync"]);
        initdb.arg(format!("--pwfile={}", pwfile.display()));
        run(initdb, "initdb");
        // The superuser over the socket only; every TCP login with a password, as on a team server.
        let hba = format!(
            "local all {ADMIN} trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
        );
        std::fs::write(self.data().join("pg_hba.conf"), hba).expect("pg_hba.conf written");
    }

    /// Starts the server on a free port, trying another when a concurrent test took the one found.
    fn launch(&mut self) {
        let mut last = String::new();
        for _ in 0..5 {
            self.port = free_port();
            let conf = format!(
                "listen_addresses = '127.0.0.1'\nport = {}\nunix_socket_directories = '{}'\n\
                 password_encryption = 'scram-sha-256'\nmax_connections = 30\nshared_buffers = '128MB'\n{}",
                self.port,
                self.dir.path().display(),
                if durable() { "" } else { "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" }
            );
            std::fs::write(self.data().join("postgresql.auto.conf"), conf).expect("postgresql.auto.conf written");
            let log = self.dir.path().join("server.log");
            let mut pg_ctl = self.command("pg_ctl");
            pg_ctl.arg("-D").arg(self.data()).arg("-l").arg(&log).args(["-w", "-t", "30", "-s", "start"]);
            let out = pg_ctl.output().expect("pg_ctl runs");
            if out.status.success() {
                return;
            }
            last = format!("{}\n{}", describe(&out), std::fs::read_to_string(&log).unwrap_or_default());
            if !last.contains("could not bind") && !last.contains("Address already in use") {
                break;
            }
        }
        panic!("PostgreSQL did not start:\n{last}");
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl.arg("-D").arg(self.data()).args(["-m", "immediate", "-w", "-s", "stop"]);
        let _ = pg_ctl.stdout(Stdio::null()).stderr(Stdio::null()).status();
        // The TempDir then removes the folder.
    }
}

impl std::fmt::Debug for PgServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgServer").field("port", &self.port).field("dir", &self.dir.path()).finish_non_exhaustive()
    }
}

/// The folder holding initdb, pg_ctl and psql: `$RUNWAY_PG_BIN`, else Debian's newest
/// `/usr/lib/postgresql/N/bin`, else the one on PATH.
fn server_programs() -> Option<PathBuf> {
    let complete = |dir: &Path| ["initdb", "pg_ctl", "postgres", "psql"].iter().all(|p| dir.join(p).is_file());
    if let Some(dir) = std::env::var_os("RUNWAY_PG_BIN") {
        let dir = PathBuf::from(dir);
        assert!(complete(&dir), "RUNWAY_PG_BIN={} lacks initdb, pg_ctl, postgres or psql: {INSTALL}", dir.display());
        return Some(dir);
    }
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| complete(bin))
        .collect();
    debian.sort();
    if let Some((_, bin)) = debian.pop() {
        return Some(bin);
    }
    std::env::split_paths(&std::env::var_os("PATH")?).find(|dir| complete(dir))
}

/// `RUNWAY_PG_DURABLE=1` keeps PostgreSQL's defaults (every commit flushed to disk), as a team
/// server runs; otherwise the server skips the flushes, which tests do not need.
fn durable() -> bool {
    std::env::var("RUNWAY_PG_DURABLE").is_ok_and(|v| v == "1")
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("`id -u` runs");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// `id -u USER` or `id -g USER`.
fn id(args: &[&str]) -> u32 {
    let out = Command::new("id").args(args).output().expect("`id` runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim().parse().unwrap_or_else(|_| {
        panic!("no account {} to run PostgreSQL as (set RUNWAY_PG_USER): {}", args[1], describe(&out))
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    listener.local_addr().expect("the port's address").port()
}

/// 32 random hex digits (the standard library's per-process hash keys, twice).
fn random_hex() -> String {
    use std::hash::{BuildHasher, RandomState};
    let half = || RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{:016x}{:016x}", half(), half())
}

fn run(mut command: Command, what: &str) {
    let out = command.output().unwrap_or_else(|e| panic!("{what} did not start: {e}"));
    assert!(out.status.success(), "{what} failed:\n{}", describe(&out));
}

fn describe(out: &Output) -> String {
    format!("{}\n{}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
