//! The security model (docs/security.md), checked on the sources and the configuration this build
//! is made from: a strict CSP with no remote origin and nothing unsafe, capabilities granting only
//! the permissions the app expects, every command in the one allow-list, and the test-only
//! commands absent from a build without the `e2e` feature. (ipc.rs checks the generated files and
//! what tauri-build resolved for this build against the same list.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::{COMMANDS, E2E_COMMANDS};

include!("acl.rs");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn conf() -> serde_json::Value {
    serde_json::from_str(&read(&root().join("tauri.conf.json"))).unwrap()
}

/// The sources each CSP directive may name: the app's own files, inline images as `data:` URLs,
/// and Tauri's IPC (the `ipc:` scheme and its `http://ipc.localhost` fallback). Anything else —
/// another origin, a wildcard, `'unsafe-eval'`, `'unsafe-inline'`, `blob:` — fails.
const CSP_ALLOWED: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("style-src", &["'self'"]),
    ("img-src", &["'self'", "data:"]),
    ("font-src", &["'self'"]),
    ("connect-src", &["ipc:", "http://ipc.localhost"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
    ("frame-ancestors", &["'none'"]),
];

/// Checks a CSP (tauri.conf.json's object of directive → sources) against [`CSP_ALLOWED`]; every
/// problem in words.
fn csp_problems(csp: &serde_json::Value) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = CSP_ALLOWED.iter().copied().collect();
    let Some(directives) = csp.as_object() else {
        return vec![format!("the CSP is not an object of directives: {csp}")];
    };
    let mut problems = vec![];
    for (directive, sources) in directives {
        let Some(ok) = allowed.get(directive.as_str()) else {
            problems.push(format!("{directive}: a directive the app does not expect"));
            continue;
        };
        for source in sources.as_str().unwrap_or_default().split_whitespace() {
            if !ok.contains(&source) {
                problems.push(format!("{directive}: {source} is not allowed (only {})", ok.join(" ")));
            }
        }
    }
    for (directive, _) in CSP_ALLOWED {
        if !directives.contains_key(*directive) {
            problems.push(format!("{directive} is missing: without it the browser's default lets more in"));
        }
    }
    problems
}

#[test]
fn the_csp_has_no_remote_origin_and_nothing_unsafe() {
    let conf = conf();
    let security = &conf["app"]["security"];
    assert_eq!(csp_problems(&security["csp"]), Vec::<String>::new());
    // Tauri adds its nonces and hashes to the CSP; turning that off would need 'unsafe-inline'.
    assert_eq!(security["dangerousDisableAssetCspModification"], false);
    assert!(security.get("devCsp").is_none(), "no looser CSP in development");
    assert!(security.get("dangerousRemoteDomainIpcAccess").is_none());
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(conf["app"]["withGlobalTauri"], false, "the page reaches Tauri only through the bundled client");
    // The page is the bundled UI: no window is declared to load a URL.
    assert_eq!(conf["app"]["windows"], serde_json::json!([]));
    assert!(conf["build"]["frontendDist"].as_str().unwrap().starts_with("../"), "the UI is files, not a URL");
}

/// The check above is not a formality: each kind of loosening is caught.
#[test]
fn a_loosened_csp_is_caught() {
    let good = conf()["app"]["security"]["csp"].clone();
    for (directive, sources) in [
        ("script-src", "'self' https://cdn.example.com"),
        ("script-src", "'self' 'unsafe-eval'"),
        ("style-src", "'self' 'unsafe-inline'"),
        ("connect-src", "ipc: http://ipc.localhost http://example.com"),
        ("img-src", "'self' data: *"),
        ("default-src", "'self' blob:"),
    ] {
        let mut csp = good.clone();
        csp[directive] = serde_json::Value::from(sources);
        assert!(!csp_problems(&csp).is_empty(), "{directive} {sources} passed");
    }
    let mut csp = good.clone();
    csp.as_object_mut().unwrap().remove("object-src");
    assert!(!csp_problems(&csp).is_empty(), "a missing object-src passed");
    let mut csp = good;
    csp["worker-src"] = serde_json::Value::from("'self'");
    assert!(!csp_problems(&csp).is_empty(), "an unexpected directive passed");
}

/// The permissions the app expects: `allow-<command>` for each command of the list, and listening
/// to the shell's events. No plugin permission: the dialogs are raised from Rust, the single
/// instance plugin needs none.
fn expected_permissions() -> BTreeSet<String> {
    COMMANDS.iter().chain(E2E_COMMANDS).map(|c| allow(c)).chain(EVENTS.iter().map(|e| (*e).to_owned())).collect()
}

#[test]
fn every_capability_grants_only_expected_permissions_to_the_main_window() {
    let expected = expected_permissions();
    let dir = root().join("capabilities");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let cap: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
        let name = path.display();
        assert_eq!(cap["windows"], serde_json::json!(["main"]), "{name}: only the main window");
        assert!(cap.get("webviews").is_none() && cap.get("remote").is_none(), "{name}: no remote URL gets IPC");
        for p in cap["permissions"].as_array().unwrap() {
            // A scoped permission is an object: none is expected.
            let id = p.as_str().unwrap_or_else(|| panic!("{name}: a scoped permission {p}"));
            assert!(expected.contains(id), "{name} grants {id}, which the app does not expect");
        }
        seen += 1;
    }
    assert!(seen >= 1);
}

/// Every `#[tauri::command]` in the shell's sources is in the one list (so none is exposed, or
/// left half-wired, outside it), and every listed command is such a function; the test-only ones
/// live in e2e.rs only.
#[test]
fn every_command_function_is_in_the_allow_list() {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.trim_start().starts_with("#[tauri::command") {
                continue;
            }
            let name = lines[i + 1..]
                .iter()
                .find_map(|l| l.split("fn ").nth(1))
                .and_then(|rest| rest.split(['(', '<']).next())
                .unwrap_or_else(|| panic!("{}: a command without a function", path.display()));
            found.insert(name.trim().to_owned(), path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    let listed: BTreeSet<&str> = COMMANDS.iter().chain(E2E_COMMANDS).copied().collect();
    let defined: BTreeSet<&str> = found.keys().map(String::as_str).collect();
    assert_eq!(defined, listed, "the #[tauri::command] functions and src/command_list.rs differ");
    for c in E2E_COMMANDS {
        assert_eq!(found[*c], "e2e.rs", "{c}: test-only commands live in e2e.rs");
    }
    for c in COMMANDS {
        assert_ne!(found[*c], "e2e.rs", "{c}: e2e.rs holds only test-only commands");
    }
    // One handler list, made from the list; no other generate_handler! anywhere.
    let lib = read(&root().join("src/lib.rs"));
    assert_eq!(lib.matches(".invoke_handler(").count(), 1);
    assert!(lib.contains(".invoke_handler(invoke_handler!())"));
    assert!(lib.contains("#[cfg(feature = \"e2e\")]\nmod e2e;"), "e2e.rs is compiled only with the feature");
}

/// The plugins the shell registers: one instance per session, and dialogs raised from Rust. A
/// new plugin is a decision for docs/security.md, not a line slipped in.
#[test]
fn the_shell_registers_only_the_expected_plugins() {
    let lib = read(&root().join("src/lib.rs"));
    let plugins: Vec<&str> =
        lib.split(".plugin(").skip(1).map(|p| p.split("::").next().unwrap_or_default().trim()).collect();
    assert_eq!(plugins, ["tauri_plugin_single_instance", "tauri_plugin_dialog"]);
    let manifest = read(&root().join("Cargo.toml"));
    let deps: Vec<&str> = manifest.lines().filter(|l| l.starts_with("tauri-plugin-")).collect();
    assert_eq!(deps.len(), 2, "{deps:?}");
}

/// A build without the `e2e` feature (every release) handles none of the test-only commands:
/// the list the handler is generated from lacks them, and so do the permissions (ipc.rs).
#[cfg(not(feature = "e2e"))]
#[test]
fn a_build_without_e2e_handles_no_test_only_command() {
    for c in E2E_COMMANDS {
        assert!(!crate::HANDLED.contains(c), "{c} is handled in a build without e2e");
    }
    assert!(crate::HANDLED.iter().all(|c| !c.ends_with("_path")), "{:?}", crate::HANDLED);
    assert_eq!(crate::HANDLED, COMMANDS);
}

#[cfg(feature = "e2e")]
#[test]
fn the_e2e_build_handles_the_test_only_commands_too() {
    let all: Vec<&str> = COMMANDS.iter().chain(E2E_COMMANDS).copied().collect();
    assert_eq!(crate::HANDLED, all.as_slice());
}
