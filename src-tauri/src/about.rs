//! Help → About Runway: the native About dialog (GTK's on Linux) with the version, the schema
//! version plans are read and written at, and the licences of what the app bundles (the same
//! text `runway --version` prints).

use tauri::image::Image;
use tauri::menu::AboutMetadata;

use runway_core::store::migrations::LATEST_VERSION;

/// The licences of what Runway bundles, shared with the CLI.
pub const LICENCES: &str = include_str!("../../packaging/linux/licences.txt");

/// The lines under the name and version.
pub fn comments() -> String {
    format!(
        "Offline IT release planning.\nPlan files: schema version {LATEST_VERSION}. Older plans are upgraded \
         when opened, after a backup beside them; newer ones are refused."
    )
}

pub fn metadata<'a>(icon: Option<Image<'a>>) -> AboutMetadata<'a> {
    AboutMetadata {
        name: Some("Runway".into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        comments: Some(comments()),
        copyright: Some("© The Runway developers".into()),
        license: Some(LICENCES.into()),
        icon,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_names_the_version_the_schema_and_the_bundled_licences() {
        let about = metadata(None);
        assert_eq!(about.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert!(comments().contains(&format!("schema version {LATEST_VERSION}")), "{}", comments());
        let licence = about.license.unwrap();
        for name in ["MIT", "DejaVu", "Bitstream Vera", "SQLite", "/usr/share/doc/runway/"] {
            assert!(licence.contains(name), "{name} missing from: {licence}");
        }
    }
}
