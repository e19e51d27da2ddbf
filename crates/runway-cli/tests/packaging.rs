//! What the .deb takes from the `runway` binary (scripts/package-deb.sh): `--version`, the man
//! pages and the shell completions; and the file type's magic, checked against a real plan file.

use std::path::Path;
use std::process::{Command, Output};

fn runway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway")).args(args).env("RUNWAY_SETTINGS_DIR", "/nonexistent").output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("plan.runway");
    let out = runway(&["demo", "--db", db.to_str().unwrap(), "--releases", "5", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

/// The packaging files, from the repository root.
fn packaging(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/linux").join(name)).unwrap()
}

#[test]
fn version_names_the_schema_a_new_plan_has_and_the_bundled_licences() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let schema: i64 =
        rusqlite::Connection::open(&db).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();

    let out = runway(&["--version"]);
    assert!(out.status.success());
    let long = text(&out.stdout);
    assert!(long.starts_with(&format!("runway {}\n", env!("CARGO_PKG_VERSION"))), "{long}");
    assert!(long.contains(&format!("schema version {schema} ")), "schema {schema} not in: {long}");
    for name in ["MIT", "DejaVu Sans", "Bitstream Vera", "SQLite", "/usr/share/doc/runway/"] {
        assert!(long.contains(name), "{name} missing from: {long}");
    }
    // -V stays one line, for scripts.
    assert_eq!(text(&runway(&["-V"]).stdout), format!("runway {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn man_pages_cover_every_visible_subcommand_and_not_the_packaging_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = runway(&["generate-man", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = |name: &str| std::fs::read_to_string(dir.path().join(name));
    let main = page("runway.1").unwrap();
    assert!(main.contains(".TH runway 1"), "{main}");
    assert!(main.contains("report") && main.contains("outbox"), "{main}");
    let report = page("runway-report.1").unwrap();
    // roff writes a hyphen as \-.
    assert!(report.contains("cab\\-pack") && report.contains("\\-\\-out"), "{report}");
    assert!(page("runway-release-move.1").is_ok(), "nested subcommands get their own page");
    assert!(page("runway-generate-man.1").is_err() && page("runway-completions.1").is_err());
    assert!(page("runway-help.1").is_err());
    // The hidden subcommands stay out of --help too.
    let help = text(&runway(&["--help"]).stdout);
    assert!(!help.contains("generate-man") && !help.contains("completions"), "{help}");
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_subcommands() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef runway"), ("fish", "complete -c runway")] {
        let out = runway(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: no {marker}");
        assert!(script.contains("cab-pack") && script.contains("outbox"), "{shell} lacks subcommands or values");
    }
    assert_eq!(runway(&["completions", "powershell"]).status.code(), Some(2));
}

#[test]
fn the_file_types_magic_matches_a_real_plan() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(demo(dir.path())).unwrap();
    let mime = packaging("runway-mime.xml");
    assert!(mime.contains(r#"<match type="string" offset="0" value="SQLite format 3\000">"#), "{mime}");
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    let id = u32::from_be_bytes(bytes[68..72].try_into().unwrap());
    assert!(mime.contains(&format!(r#"<match type="big32" offset="68" value="{id:#010x}"/>"#)), "{id:#x}: {mime}");
    assert!(mime.contains(r#"<glob pattern="*.runway"/>"#));
    let desktop = packaging("runway.desktop.hbs");
    assert!(desktop.contains("MimeType=application/x-runway-plan;") && mime.contains("\"application/x-runway-plan\""));
}
