//! The IPC surface checked against its one list (`command_list.rs`). Generated from it and
//! committed: `capabilities/*.json` (by build.rs, which builds with its own copies) and
//! `ui/src/lib/ipc/commands.ts` (here); `make bindings` (UPDATE_BINDINGS=1) rewrites them and a
//! test fails when they drift. The permissions this build embeds, docs/ipc.md and the end-to-end
//! tests are checked against the list; the UI's own test checks `client.ts` and the fake core
//! against commands.ts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::{COMMANDS, E2E_COMMANDS};

include!("acl.rs");

/// The commands this build has: the test-only ones only with the `e2e` feature.
fn built() -> Vec<&'static str> {
    let e2e: &[&str] = if cfg!(feature = "e2e") { E2E_COMMANDS } else { &[] };
    COMMANDS.iter().chain(e2e).copied().collect()
}

/// ui/src/lib/ipc/commands.ts: the names, for the client's type and the UI's own test.
fn typescript() -> String {
    let list = |names: &[&str]| names.iter().map(|n| format!("  '{n}',\n")).collect::<String>();
    format!(
        "// Generated from src-tauri/src/command_list.rs by runway-app (src/ipc.rs). Do not edit by hand:\n\
         // run `make bindings` after adding or removing a command.\n\n\
         /** The commands of every build of the shell: `client.ts` has a function for each, and no other. */\n\
         export const COMMANDS = [\n{}] as const;\n\n\
         /** Test-only commands, only in builds with the `e2e` feature: the end-to-end tests invoke them, the UI never. */\n\
         export const E2E_COMMANDS = [\n{}] as const;\n\n\
         export type Command = (typeof COMMANDS)[number];\n",
        list(COMMANDS),
        list(E2E_COMMANDS)
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fails when a generated file differs from what the list gives (a hand edit, or a list changed
/// without `make bindings`); with `UPDATE_BINDINGS=1` commands.ts is written instead (build.rs
/// writes the capabilities then).
#[test]
fn the_generated_files_are_up_to_date() {
    let generated = |file: &str| read(&Path::new(env!("OUT_DIR")).join("capabilities").join(file));
    let files = [
        ("capabilities/default.json", generated("default.json")),
        ("capabilities/e2e.json", generated("e2e.json")),
        ("../ui/src/lib/ipc/commands.ts", typescript()),
    ];
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    for (name, fresh) in files {
        let path = root().join(name);
        if update && name.ends_with(".ts") {
            std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{name} is out of date with src/command_list.rs: run `make bindings` and commit it"
        );
    }
}

#[test]
fn each_command_is_declared_once_with_its_webview_name() {
    let all: Vec<&str> = COMMANDS.iter().chain(E2E_COMMANDS).copied().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a command is listed twice: {all:?}");
    for name in all {
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name}: commands are snake_case"
        );
    }
    // A command is invoked by the name of its function: none is renamed.
    for file in ["src/commands.rs", "src/e2e.rs"] {
        assert!(!read(&root().join(file)).contains("rename ="), "{file}: no #[tauri::command(rename = …)]");
    }
}

/// The capabilities grant exactly the listed commands and event listening: nothing more (no fs,
/// shell, http or dialog permission reaches the webview), nothing missing; the test-only commands
/// only in e2e.json.
#[test]
fn the_capabilities_grant_exactly_the_app_commands() {
    let granted = |file: &str| -> BTreeSet<String> {
        let cap: serde_json::Value = serde_json::from_str(&read(&root().join("capabilities").join(file))).unwrap();
        cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect()
    };
    let mut release: BTreeSet<String> = COMMANDS.iter().map(|c| allow(c)).collect();
    release.extend(EVENTS.iter().map(|e| (*e).to_owned()));
    assert_eq!(granted("default.json"), release);
    assert_eq!(granted("e2e.json"), E2E_COMMANDS.iter().map(|c| allow(c)).collect());
    let files: BTreeSet<String> = std::fs::read_dir(root().join("capabilities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["default.json", "e2e.json"].map(String::from).into());
}

/// What tauri-build resolved for this very build (and generate_context! embeds): a permission for
/// each command of the build and capabilities granting exactly those. Without the `e2e` feature
/// (a release, or `cargo test`) the test-only commands have no permission at all: the webview
/// could not call them even if a handler existed (and none does: `e2e.rs` is not compiled).
#[test]
fn this_build_permits_exactly_its_commands() {
    let manifests: serde_json::Value =
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/acl-manifests.json"))).unwrap();
    let defined: BTreeSet<String> =
        manifests["__app-acl__"]["permissions"].as_object().unwrap().keys().cloned().collect();
    let expected: BTreeSet<String> =
        built().iter().flat_map(|c| [allow(c), format!("deny-{}", c.replace('_', "-"))]).collect();
    assert_eq!(defined, expected);

    let capabilities: serde_json::Value =
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/capabilities.json"))).unwrap();
    let granted: BTreeSet<String> = capabilities
        .as_object()
        .unwrap()
        .values()
        .flat_map(|c| c["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()))
        .collect();
    let mut expected: BTreeSet<String> = built().iter().map(|c| allow(c)).collect();
    expected.extend(EVENTS.iter().map(|e| (*e).to_owned()));
    assert_eq!(granted, expected);
    if !cfg!(feature = "e2e") {
        for c in E2E_COMMANDS {
            assert!(!defined.contains(&allow(c)) && !granted.contains(&allow(c)), "{c} is in a build without e2e");
        }
    }
}

/// docs/ipc.md's table of commands names each command, test-only ones included, and no other.
#[test]
fn docs_ipc_md_lists_exactly_the_commands() {
    let doc = read(&root().join("../docs/ipc.md"));
    let section = doc.split("\n## Commands\n").nth(1).expect("docs/ipc.md has a ## Commands section");
    let section = section.split("\n## ").next().unwrap();
    let mut documented = BTreeSet::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split(" | ").next().unwrap().trim_start_matches("| ");
        for name in first.split(" / ") {
            documented.insert(name.trim_matches('`').to_owned());
        }
    }
    let listed: BTreeSet<String> = COMMANDS.iter().chain(E2E_COMMANDS).map(|c| (*c).to_owned()).collect();
    assert_eq!(documented, listed, "docs/ipc.md's commands table and src/command_list.rs differ");
}

/// The end-to-end tests and the scripts that drive the app invoke only listed commands.
#[test]
fn the_end_to_end_tests_invoke_only_listed_commands() {
    let listed: BTreeSet<&str> = COMMANDS.iter().chain(E2E_COMMANDS).copied().collect();
    let mut seen = 0;
    for dir in ["../tests/e2e", "../scripts"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "py") {
                continue;
            }
            for call in read(&path).split(".invoke(").skip(1) {
                let Some(quoted) = call.strip_prefix('"').or_else(|| call.strip_prefix('\'')) else { continue };
                let name = quoted.split(['"', '\'']).next().unwrap();
                assert!(listed.contains(name), "{}: invokes {name}, which is not a command", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "no invoke(\"…\") found in tests/e2e: has the harness changed?");
}
