// The names of the webview's permissions, shared by build.rs (which writes the capabilities) and
// the tests in ipc.rs (which check them): both `include!` this file.

/// What the webview may do besides calling the commands: listen to the shell's events.
const EVENTS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// The permission that allows `command` (tauri's naming: `allow-` and the name with dashes).
fn allow(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}
