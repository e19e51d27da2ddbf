//! The keyring on a machine that may have none (CI, containers: no D-Bus session): every call
//! answers, none panics. Where a keyring is there, the entry made is removed again.

use runway_mail::secret;

const HOST: &str = "smtp.runway-test.invalid";

#[test]
fn a_password_never_saved_is_none() {
    assert_eq!(secret::password(HOST, "nobody"), None);
}

#[test]
fn storing_either_keeps_the_password_or_says_why_not() {
    let user = "runway-test-store";
    match secret::store(HOST, user, "pässwörd") {
        Ok(()) => {
            assert_eq!(secret::password(HOST, user).as_deref(), Some("pässwörd"));
            assert_eq!(secret::forget(HOST, user), Ok(()));
            assert_eq!(secret::password(HOST, user), None);
        }
        Err(why) => {
            assert!(
                why.starts_with(&format!("The password for {user} on {HOST} cannot be saved in the system keyring: ")),
                "{why}"
            );
            assert_eq!(secret::password(HOST, user), None);
        }
    }
}

#[test]
fn forgetting_what_is_not_there_is_not_a_panic() {
    if let Err(why) = secret::forget(HOST, "runway-test-forget") {
        assert!(why.contains("cannot be removed from the system keyring"), "{why}");
    }
}
