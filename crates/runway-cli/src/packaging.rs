//! What the package is made of besides the program: `runway --version`'s long text (the version,
//! the plan file's schema version, the licences of what the binaries bundle) and the two hidden
//! subcommands the .deb build calls, `runway generate-man DIR` (clap_mangen) and
//! `runway completions SHELL` (clap_complete), so the man pages and the completions always match
//! the clap definitions of the binary they ship with.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::{Args, Command, ValueEnum};
use clap_complete::Shell;
use runway_core::store::migrations::LATEST_VERSION;

/// The licences of what Runway's binaries bundle, shared with the app's Help → About.
pub const LICENCES: &str = include_str!("../../../packaging/linux/licences.txt");

/// `runway --version`: the version, the schema version plans are read and written at, and the
/// licences. (`runway -V` prints the first line only.)
pub static LONG_VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{version}\nPlan files: schema version {LATEST_VERSION} (older plans are upgraded when opened, after a \
         backup beside them; newer ones are refused)\n\n{LICENCES}",
        version = env!("CARGO_PKG_VERSION"),
    )
});

/// `runway generate-man DIR`.
#[derive(Args)]
pub struct ManArgs {
    /// The folder to write runway.1 and one page per subcommand (runway-report.1, …) into.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `runway completions SHELL`.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to write the completion script for (to standard output).
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// The shells the package ships completions for.
#[derive(Clone, Copy, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// Writes the man pages of `cmd` and of each of its visible subcommands, recursively, into `dir`;
/// returns their paths.
pub fn generate_man(cmd: Command, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut cmd = cmd.long_version(None::<&str>);
    cmd.build();
    let mut written = Vec::new();
    write_pages(&cmd, dir, &mut written)?;
    Ok(written)
}

fn write_pages(cmd: &Command, dir: &Path, written: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let path = dir.join(format!("{}.1", cmd.get_display_name().unwrap_or_else(|| cmd.get_name())));
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    std::fs::write(&path, page)?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}

/// Writes the completion script of `cmd` for `shell` to `out` (made in memory first: clap_complete
/// panics on a failed write, e.g. into a closed pipe).
pub fn completions(mut cmd: Command, shell: CompletionShell, out: &mut dyn Write) -> std::io::Result<()> {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    out.write_all(&script)?;
    out.flush()
}
