//! The time zone a `TZID` names. Calendar programs write them four ways: an IANA name (Google,
//! Apple, Thunderbird: `Europe/Berlin`), a Windows name (Outlook and Exchange:
//! `W. Europe Standard Time`), a globally unique path that ends in an IANA name (old Lightning:
//! `/mozilla.org/20050126_1/Europe/Berlin`), or any name with an `X-LIC-LOCATION` in its
//! `VTIMEZONE` that is an IANA name. Windows names are mapped with CLDR's `windowsZones.xml` table
//! (the `localzone` crate carries it), taking the zone CLDR gives for the world (territory 001).
//! A zone known only by its `VTIMEZONE` rules is not read.

use std::collections::HashMap;

use chrono_tz::Tz;

/// The `VTIMEZONE`s of a file: TZID → its `X-LIC-LOCATION`, if any.
pub type Defined = HashMap<String, Option<String>>;

fn iana(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// The zone `tzid` names, or none.
pub fn resolve(tzid: &str, defined: &Defined) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Some(tz) = iana(tzid) {
        return Some(tz);
    }
    if let Some(tz) = localzone::win_zone_to_iana(tzid, None).and_then(iana) {
        return Some(tz);
    }
    let segments: Vec<&str> = tzid.split('/').collect();
    if let Some(tz) = (1..segments.len()).find_map(|i| iana(&segments[i..].join("/"))) {
        return Some(tz);
    }
    defined.get(tzid).cloned().flatten().as_deref().and_then(iana)
}

/// Whether a zone is UTC by another name.
pub fn is_utc_tz(tz: Tz) -> bool {
    matches!(tz.name(), "UTC" | "Etc/UTC" | "Etc/UCT" | "Etc/Universal" | "Etc/Zulu" | "UCT" | "Universal" | "Zulu")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(tzid: &str) -> Option<&'static str> {
        resolve(tzid, &Defined::new()).map(|tz| tz.name())
    }

    #[test]
    fn iana_windows_and_path_names_are_read() {
        assert_eq!(name("Europe/London"), Some("Europe/London"));
        assert_eq!(name("W. Europe Standard Time"), Some("Europe/Berlin"));
        assert_eq!(name("GMT Standard Time"), Some("Europe/London"));
        assert_eq!(name("Eastern Standard Time"), Some("America/New_York"));
        assert_eq!(name("Pacific Standard Time"), Some("America/Los_Angeles"));
        assert_eq!(name("Romance Standard Time"), Some("Europe/Paris"));
        assert_eq!(name("Tokyo Standard Time"), Some("Asia/Tokyo"));
        assert_eq!(name("/mozilla.org/20050126_1/Europe/Berlin"), Some("Europe/Berlin"));
        assert_eq!(
            name("/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires"),
            Some("America/Argentina/Buenos_Aires")
        );
        assert_eq!(name("Customized Time Zone"), None);
        assert_eq!(name("US-Eastern"), None);
    }

    #[test]
    fn a_vtimezone_may_say_where_it_is() {
        let defined = Defined::from([("Western/Central Europe".to_owned(), Some("Europe/Vienna".to_owned()))]);
        assert_eq!(resolve("Western/Central Europe", &defined).map(|t| t.name()), Some("Europe/Vienna"));
        assert!(is_utc_tz(Tz::UTC) && is_utc_tz(Tz::Etc__UTC) && !is_utc_tz(Tz::Europe__London));
    }
}
