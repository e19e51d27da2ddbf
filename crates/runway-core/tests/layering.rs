//! The architecture's layering, checked on the sources (ARCHITECTURE.md, "Layers"). The compiler
//! keeps the crates from depending on each other the wrong way round only if their manifests say
//! so; this test keeps the manifests, and the module rules inside runway-core, as the architecture
//! describes them:
//!
//! ```text
//! runway-cli, runway-app   the front ends: runway-core (and the domain's types) only
//!        runway-core       the Planner API: one module per feature in src/api
//!   runway-store  runway-pdf   the plan file and its SQL / PDF layout
//!        runway-domain     pure rules: no clock, no files, no database
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `runway-*` crates and the chosen third-party crates a manifest depends on (normal
/// dependencies only: tests may use what they like).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap();
    let mut deps = BTreeSet::new();
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = line.split_once(['=', '.']) {
            let name = name.trim();
            if name.starts_with("runway-")
                || ["rusqlite", "printpdf", "lopdf", "allsorts", "tauri", "clap"].contains(&name)
            {
                deps.insert(name.to_owned());
            }
        }
    }
    deps
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn each_crate_depends_only_on_the_layers_below_it() {
    assert_eq!(dependencies("crates/runway-domain/Cargo.toml"), set(&[]), "the domain depends on no other layer");
    assert_eq!(dependencies("crates/runway-pdf/Cargo.toml"), set(&["runway-domain", "printpdf", "lopdf", "allsorts"]));
    assert_eq!(dependencies("crates/runway-store/Cargo.toml"), set(&["runway-domain", "rusqlite"]));
    assert_eq!(
        dependencies("crates/runway-core/Cargo.toml"),
        set(&["runway-domain", "runway-store", "runway-pdf", "runway-mail"]),
        "runway-core reaches SQLite, PDF and e-mail only through runway-store, runway-pdf and runway-mail"
    );
    assert!(
        !dependencies("crates/runway-mail/Cargo.toml").iter().any(|d| d.starts_with("runway-")),
        "runway-mail knows no plan: it builds and sends e-mail"
    );
    assert!(
        !dependencies("crates/runway-sync/Cargo.toml").iter().any(|d| d.starts_with("runway-")),
        "runway-sync knows no plan: it moves journal rows to and from PostgreSQL"
    );
    assert_eq!(
        dependencies("crates/runway-cli/Cargo.toml"),
        set(&["runway-core", "runway-domain", "runway-sync", "clap"])
    );
    assert_eq!(dependencies("src-tauri/Cargo.toml"), set(&["runway-core", "runway-domain", "tauri"]));
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = vec![];
    walk(&root().join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// The code of a file without its `#[cfg(test)]` module (tests may reach anywhere).
fn code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn a_feature_module_uses_no_other_feature_module() {
    let features: Vec<(String, String)> = sources("crates/runway-core/src/api");
    let names: Vec<String> = features
        .iter()
        .map(|(p, _)| Path::new(p).file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|n| n != "mod")
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    let mut offenders = vec![];
    for (path, text) in &features {
        let me = Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
        for other in names.iter().filter(|n| **n != me) {
            // `crate::report` and `crate::interchange` are re-exports of api modules.
            let paths = [format!("crate::api::{other}"), format!("super::{other}"), format!("crate::{other}::")];
            if paths.iter().any(|p| code(text).contains(p.as_str())) {
                offenders.push(format!("{path} uses the feature module {other}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_planner_facade_and_the_dtos_use_no_feature_module() {
    for file in ["crates/runway-core/src/planner.rs", "crates/runway-core/src/dto.rs"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        for needle in ["crate::api", "crate::report", "crate::interchange"] {
            assert!(
                !code(&text).contains(needle),
                "{file} uses {needle}: features build on the facade, not the other way round"
            );
        }
    }
}

#[test]
fn sql_is_written_only_in_the_store() {
    let calls = [".prepare(", ".prepare_cached(", ".execute(", ".query_row(", ".query_map(", "execute_batch("];
    let mut offenders = vec![];
    for dir in ["crates/runway-core/src", "crates/runway-cli/src", "src-tauri/src"] {
        for (path, text) in sources(dir) {
            for call in calls {
                if code(&text).contains(call) {
                    offenders.push(format!("{path} calls {call}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_store_knows_nothing_of_the_api_above_it() {
    for (path, text) in sources("crates/runway-store/src") {
        for needle in ["Planner", "runway_core", "runway_pdf"] {
            assert!(!code(&text).contains(needle), "{path} names {needle}");
        }
    }
}

#[test]
fn the_front_ends_write_only_through_the_planner() {
    for dir in ["crates/runway-cli/src", "src-tauri/src"] {
        for (path, text) in sources(dir) {
            for needle in ["store::tables", "store::write", "store::undo", "write::write"] {
                assert!(!text.contains(needle), "{path} uses {needle}: front ends call the Planner");
            }
        }
    }
}

/// A file over 600 lines is split along its own seams (CONTRIBUTING.md, "Style").
#[test]
fn no_rust_file_is_over_600_lines() {
    let mut long = vec![];
    for dir in [
        "crates/runway-domain",
        "crates/runway-store",
        "crates/runway-pdf",
        "crates/runway-mail",
        "crates/runway-sync",
        "crates/runway-core",
        "crates/runway-cli",
        "src-tauri/src",
        "tests/scenarios",
    ] {
        for (path, text) in sources(dir) {
            let lines = text.lines().count();
            if lines > 600 {
                long.push(format!("{path}: {lines} lines"));
            }
        }
    }
    assert!(long.is_empty(), "{long:#?}");
}
