//! Distribution lists (D8): the checks (an empty list, unknown members, a list containing itself
//! directly or through others, named as a cycle), expansion through nested lists, what a list
//! follows; and the people's CSV read from the layouts mail programs export and written back.

use runway_domain::Person;
use runway_domain::stakeholders::{
    DistributionList, Follow, Member, Names, check, cycle, expand, read_people, write_people,
};

fn list(name: &str, members: &[&str]) -> DistributionList {
    DistributionList {
        name: name.into(),
        purpose: String::new(),
        members: members
            .iter()
            .map(|m| match m.strip_prefix('@') {
                Some(l) => Member::List(l.into()),
                None => Member::Person((*m).into()),
            })
            .collect(),
        follows: vec![],
    }
}

fn names() -> Names {
    Names {
        people: ["ann@example.com", "bob@example.com", "cy@example.com"].iter().map(|s| (*s).into()).collect(),
        releases: ["REL-1".to_owned()].into_iter().collect(),
        applications: ["PAY".to_owned()].into_iter().collect(),
    }
}

fn messages(l: &DistributionList, all: &[DistributionList]) -> Vec<String> {
    check(l, all, &names()).into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect()
}

#[test]
fn a_good_list_passes_and_expands_through_nested_lists_each_person_once() {
    let ops = list("Ops", &["bob@example.com", "cy@example.com"]);
    let mut cab = list("CAB", &["ann@example.com", "@Ops", "BOB@example.com"]);
    cab.follows = vec![Follow::Release("REL-1".into()), Follow::Application("PAY".into())];
    let all = vec![ops.clone(), cab.clone()];
    assert!(messages(&cab, &all).is_empty(), "{:?}", messages(&cab, &all));
    assert_eq!(expand(&all, "cab"), ["ann@example.com", "bob@example.com", "cy@example.com"]);
}

#[test]
fn bad_lists_are_named_field_by_field() {
    let all = vec![list("Ops", &["bob@example.com"])];
    assert_eq!(messages(&list("Empty", &[]), &all), ["members: \"Empty\" is empty: a list needs at least one member."]);
    assert_eq!(
        messages(&list("X", &["dan@example.com", "@Nope", "ann@example.com", "ANN@example.com", "@X"]), &all),
        [
            "members[0]: dan@example.com is not a person in this plan (add them first).",
            "members[1]: \"Nope\" is not a list of this plan.",
            "members[3]: This member is listed twice.",
            "members[4]: \"X\" cannot contain itself.",
        ]
    );
    let mut f = list("F", &["ann@example.com"]);
    f.follows = vec![Follow::Release("REL-9".into()), Follow::Application("ZZZ".into())];
    assert_eq!(
        messages(&f, &all),
        ["follows[0]: REL-9 is not a release of this plan.", "follows[1]: ZZZ is not an application of this plan."]
    );
    assert_eq!(messages(&list(" ", &["ann@example.com"]), &all), ["name: A list needs a name."]);
}

#[test]
fn a_list_containing_itself_through_others_is_a_named_cycle() {
    let a = list("A", &["@B"]);
    let b = list("B", &["@C"]);
    let c = list("C", &["ann@example.com"]);
    let all = vec![a.clone(), b, c];
    // C now takes in A: C → A → B → C.
    let c2 = list("C", &["ann@example.com", "@A"]);
    assert_eq!(
        messages(&c2, &all),
        ["members: “C” → “A” → “B” → “C” is a cycle: a list cannot contain itself through another."]
    );
    assert_eq!(cycle(&all, "A"), None);
    let looped = vec![a, list("B", &["@A"])];
    assert_eq!(cycle(&looped, "A"), Some(vec!["A".to_owned(), "B".to_owned(), "A".to_owned()]));
    // Expansion never loops, even on a cycle that slipped in.
    assert!(expand(&looped, "A").is_empty());
}

fn emails(people: &[Person]) -> Vec<(&str, &str, &str)> {
    people.iter().map(|p| (p.name.as_str(), p.email.as_str(), p.organisation.as_str())).collect()
}

#[test]
fn people_are_read_from_plain_csv_and_from_mail_programs_layouts() {
    // Plain, no header.
    let plain = "Ann Lee,ann@example.com,Payments\r\nBob Ray,bob@example.com\r\n";
    assert_eq!(
        emails(&read_people(plain).unwrap()),
        [("Ann Lee", "ann@example.com", "Payments"), ("Bob Ray", "bob@example.com", "")]
    );
    // A spreadsheet's header, a byte-order mark, quoted names with commas, UTF-8.
    let sheet = "\u{feff}Name,E-mail,Organisation\n\"Ångström, Zoë\",zoe@example.com,\"Release Management\"\n";
    assert_eq!(emails(&read_people(sheet).unwrap()), [("Ångström, Zoë", "zoe@example.com", "Release Management")]);
    // Outlook's contacts export: first and last name, "E-mail Address", "E-mail Type" skipped.
    let outlook = "First Name,Middle Name,Last Name,Company,E-mail Address,E-mail Type,E-mail Display Name\n\
                   Robert,,King,Change Management,robert.king@example.com,SMTP,Robert King (robert.king@example.com)\n";
    assert_eq!(
        emails(&read_people(outlook).unwrap()),
        [("Robert King", "robert.king@example.com", "Change Management")]
    );
    // Google's: "Name" and "E-mail 1 - Value" (after "E-mail 1 - Type").
    let google = "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name\n\
                  Priya Raman,Priya,Raman,* Work,priya.raman@example.com,Release Management\n";
    assert_eq!(
        emails(&read_people(google).unwrap()),
        [("Priya Raman", "priya.raman@example.com", "Release Management")]
    );
    // Thunderbird's address book: "Display Name", "Primary Email".
    let thunderbird = "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email\n\
                       Chen,Wei,Chen Wei,,chen.wei@example.com,\n";
    assert_eq!(emails(&read_people(thunderbird).unwrap()), [("Chen Wei", "chen.wei@example.com", "")]);
}

#[test]
fn a_bad_people_csv_names_every_bad_line_and_gives_nobody() {
    let text =
        "name,email\nAnn,ann@example.com\nBob,bob@\n,cy@example.com\nDan,ANN@example.com\nEve,\"eve example.com\"\n";
    assert_eq!(
        read_people(text).unwrap_err(),
        [
            "line 3: \"bob@\" is not an e-mail address",
            "line 4: the name is empty",
            "line 5: ANN@example.com is on line 2 already",
            "line 6: \"eve example.com\" is not an e-mail address",
        ]
    );
    assert_eq!(read_people("").unwrap_err(), ["the file holds no people (a row of name and e-mail address)"]);
}

#[test]
fn people_are_written_back_so_that_they_read_the_same() {
    let people = vec![
        Person::new("zoe@example.com", "Ångström, Zoë", "Release \"Mgmt\""),
        Person::new("bob@example.com", "Bob", ""),
    ];
    let text = write_people(&people);
    assert!(text.starts_with("\u{feff}name,email,organisation\r\n"), "{text}");
    assert_eq!(read_people(&text).unwrap(), people);
}
