//! Notifications (D8), the pure part: triggers and their activities, the changes found between two
//! states of a release and made for decisions, overdue stages and the CAB agenda, templates, the
//! audience, and the iTIP invitation; hand-worked on a small plan and on the demo at 2026-11-22.

#[path = "notify/itip.rs"]
mod itip;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use runway_domain::calendar::PlanZone;
use runway_domain::evidence::{CabDecision, Event, EventKind, TestKind};
use runway_domain::matrix::{Assignment, Code, Holders, template as matrix_template};
use runway_domain::notify::{
    AttendeeRole, Change, Context, Method, Recipient, Template, Trigger, audience, cab_agenda, changes, check,
    decision, default_template, default_templates, overdue, placeholders, render, stage_activity,
};
use runway_domain::schedule::{DepKind, Dependency, Endpoint};
use runway_domain::{
    Application, Environment, Milestone, MilestoneKind as M, Person, Release, ReleaseKind, ReleaseStatus as S,
    ReleaseUnit, Risk, Window,
};

pub const ZOE: &str = "zoe@example.com";

pub fn at(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap().and_utc()
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(start: &str, end: &str) -> Option<Window> {
    Some(Window { start: local(start), end: local(end) })
}

/// The small plan: in London, Payments and Mobile Banking, a Test and a Prod environment, six
/// people holding the seed roles for the portfolio (nobody is the sponsor, the process owner or
/// the environment staff).
pub struct Plan {
    pub applications: Vec<Application>,
    pub environments: Vec<Environment>,
    pub people: Vec<Person>,
    pub assignments: Vec<Assignment>,
}

pub fn plan() -> Plan {
    let people = [
        ("chen.wei@example.com", "Chen Wei", "deployment_staff"),
        ("dmitry@example.com", "Дмитрий Иванов", "test_manager"),
        ("hannah@example.com", "Hannah Becker", "release_owner"),
        ("jonas@example.com", "Jonas Lindqvist", "early_life_support"),
        ("robert.king@example.com", "Robert King", "change_manager"),
        (ZOE, "Zoë Ångström", "release_manager"),
    ];
    Plan {
        applications: [("PAY", "Payments"), ("MOB", "Mobile Banking")]
            .map(|(code, name)| Application { code: code.into(), name: name.into() })
            .to_vec(),
        environments: vec![Environment::new("Test", false), Environment::new("Prod", true)],
        people: people.iter().map(|(e, n, _)| Person::new(*e, *n, "")).collect(),
        assignments: people
            .iter()
            .map(|(e, _, r)| Assignment { role: (*r).into(), person: (*e).into(), release: None })
            .collect(),
    }
}

impl Plan {
    pub fn cx<'a>(&'a self, by: &'a str, reason: &'a str, when: &str) -> Context<'a> {
        Context {
            zone: PlanZone::parse("Europe/London").unwrap(),
            applications: &self.applications,
            environments: &self.environments,
            people: &self.people,
            by,
            reason,
            at: at(when),
        }
    }
}

/// REL-1, Payments 4.2 in Test, deploying to Test and Prod on Tuesday 12 January 2027 from 22:00
/// to 02:00, owned by Hannah and managed by Zoë, with build and test milestones.
pub fn rel1() -> Release {
    Release {
        key: "REL-1".into(),
        title: "Payments 4.2 — SEPA Instant".into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: S::Test,
        applications: vec!["PAY".into(), "MOB".into()],
        owner: Some("hannah@example.com".into()),
        manager: Some(ZOE.into()),
        environments: vec!["Test".into(), "Prod".into()],
        window: window("2027-01-12 22:00", "2027-01-13 02:00"),
        risk: Risk::Medium,
        acceptance_criteria: String::new(),
        backout_plan: "Redeploy 4.1 from the release vault.".into(),
        backout_tested: true,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: [(M::Build, "2026-12-01", "2026-12-11"), (M::Test, "2026-12-14", "2027-01-08")]
            .map(|(kind, s, e)| Milestone {
                kind,
                planned_start: day(s),
                planned_end: day(e),
                actual_start: None,
                actual_end: None,
            })
            .to_vec(),
    }
}

fn facts(c: &Change) -> Vec<(&str, &str)> {
    c.facts.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

fn names(c: &Change) -> Vec<&str> {
    c.facts.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn each_trigger_has_a_wire_name_a_label_and_the_activity_its_audience_comes_from() {
    let wire: Vec<&str> = Trigger::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        wire,
        ["status_changed", "date_moved", "gate_decision", "downtime", "overdue", "cab_agenda", "cancelled"]
    );
    assert_eq!(Trigger::DateMoved.label(), "Date moved");
    assert_eq!(Trigger::parse("downtime"), Some(Trigger::Downtime));
    assert_eq!(Trigger::StatusChanged.activity(S::Test), "test");
    assert_eq!(Trigger::StatusChanged.activity(S::Deploying), "deploy");
    assert_eq!(Trigger::StatusChanged.activity(S::TestFailed), "test");
    assert_eq!(Trigger::Overdue.activity(S::Build), "build");
    assert_eq!(Trigger::Overdue.activity(S::AwaitingAuthorization), "authorize");
    // A CAB decision leaves the release submitted, approved or rejected; a sign-off awaiting
    // authorization, authorized or not.
    for s in [S::SubmittedToCab, S::Approved, S::Rejected] {
        assert_eq!(Trigger::GateDecision.activity(s), "cab");
    }
    for s in [S::AwaitingAuthorization, S::Authorized, S::NotAuthorized] {
        assert_eq!(Trigger::GateDecision.activity(s), "authorize");
    }
    assert_eq!(Trigger::Downtime.activity(S::Approved), "deploy");
    assert_eq!(Trigger::CabAgenda.activity(S::Draft), "cab");
    assert_eq!(Trigger::Cancelled.activity(S::Cancelled), "plan");
    // Every status has an activity of the template matrix.
    let m = matrix_template();
    for s in S::ALL {
        assert!(m.activity(stage_activity(*s)).is_some(), "{s:?}");
    }
}

#[test]
fn a_status_change_says_before_and_after_in_the_users_words() {
    let p = plan();
    let before = rel1();
    let after = Release { status: S::AwaitingAuthorization, ..rel1() };
    let cx = p.cx(ZOE, "All required tests passed.", "2026-11-22 14:05");
    let got = changes(&before, &after, &[], &cx);
    assert_eq!(got.len(), 1);
    let c = &got[0];
    assert_eq!(
        (c.trigger, c.activity.as_str(), c.release.as_deref()),
        (Trigger::StatusChanged, "authorize", Some("REL-1"))
    );
    assert_eq!(
        facts(c),
        [
            ("release", "REL-1"),
            ("title", "Payments 4.2 — SEPA Instant"),
            ("applications", "Payments (PAY), Mobile Banking (MOB)"),
            ("stage", "Awaiting authorization"),
            // Overnight: ends the next morning, so only the end's time.
            ("window", "Tue 12 Jan 2027 22:00–02:00"),
            ("zone", "Europe/London"),
            ("before", "Test"),
            ("after", "Awaiting authorization"),
            ("who", "Zoë Ångström"),
            // 14:05 UTC is 14:05 in London in November (GMT).
            ("when", "Sun 22 Nov 2026 14:05"),
            ("reason", "All required tests passed."),
        ]
    );
    assert_eq!(names(c), placeholders(Trigger::StatusChanged));
    // The window as instants: 22:00 GMT is 22:00 UTC.
    assert_eq!(c.window, Some((at("2027-01-12 22:00"), at("2027-01-13 02:00"))));
    assert_eq!(c.invite, None);
    // Nothing moved, nothing to say.
    assert!(changes(&before, &rel1(), &[], &cx).is_empty());
}

#[test]
fn a_moved_production_window_is_a_downtime_with_an_invitation_and_its_removal_a_cancellation() {
    let p = plan();
    let before = rel1();
    let mut after = rel1();
    after.window = window("2027-01-19 21:30", "2027-01-19 23:45");
    let deps = vec![Dependency {
        from: Endpoint { release: "REL-1".into(), milestone: None },
        to: Endpoint { release: "REL-2".into(), milestone: Some(M::Deployment) },
        kind: DepKind::FinishToStart,
        lag_days: 1,
    }];
    let cx = p.cx("someone@elsewhere.example", "", "2026-11-22 14:05");
    let got = changes(&before, &after, &deps, &cx);
    assert_eq!(got.len(), 1);
    let c = &got[0];
    assert_eq!((c.trigger, c.activity.as_str(), c.invite), (Trigger::Downtime, "deploy", Some(Method::Request)));
    assert_eq!(names(c), placeholders(Trigger::Downtime));
    let f = |n: &str| c.fact(n).unwrap();
    assert_eq!(f("window"), "Tue 19 Jan 2027 21:30–23:45");
    assert_eq!(f("what"), "deployment window");
    assert_eq!(f("before"), "Tue 12 Jan 2027 22:00–02:00");
    assert_eq!(f("after"), "Tue 19 Jan 2027 21:30–23:45");
    assert_eq!(f("environments"), "Test, Prod");
    assert_eq!(f("risk"), "Medium");
    assert_eq!(f("backout"), "Redeploy 4.1 from the release vault.");
    assert_eq!(f("dependents"), "REL-2 deployment");
    assert_eq!(f("who"), "someone@elsewhere.example", "not a person of the plan: as given");
    assert_eq!(f("reason"), "—", "no reason given");
    assert_eq!(c.dependents, ["REL-2 deployment"]);
    assert_eq!(c.window, Some((at("2027-01-19 21:30"), at("2027-01-19 23:45"))));

    // Removed: a downtime cancelled, the invitation withdrawn for the old window's times.
    let removed = Release { window: None, ..rel1() };
    let c = &changes(&before, &removed, &[], &cx)[0];
    assert_eq!((c.trigger, c.invite), (Trigger::Downtime, Some(Method::Cancel)));
    assert_eq!((c.fact("before"), c.fact("after")), (Some("Tue 12 Jan 2027 22:00–02:00"), Some("—")));
    assert_eq!(c.window, Some((at("2027-01-12 22:00"), at("2027-01-13 02:00"))));

    // Only the Test environment: a date moved, no invitation.
    let test_only = |r: Release| Release { environments: vec!["Test".into()], ..r };
    let c = &changes(&test_only(rel1()), &test_only(after.clone()), &[], &cx)[0];
    assert_eq!((c.trigger, c.invite, c.activity.as_str()), (Trigger::DateMoved, None, "deploy"));

    // In summer the plan's 22:00 is 21:00 UTC, and a long window names both days.
    let mut summer = rel1();
    summer.window = window("2027-07-06 22:00", "2027-07-08 06:00");
    let c = &changes(&before, &summer, &[], &cx)[0];
    assert_eq!(c.fact("after"), Some("Tue 6 Jul 2027 22:00 to Thu 8 Jul 2027 06:00"));
    assert_eq!(c.window, Some((at("2027-07-06 21:00"), at("2027-07-08 05:00"))));
}

#[test]
fn a_milestone_moves_others_hear_of_only_when_another_release_depends_on_it() {
    let p = plan();
    let before = rel1();
    let mut after = rel1();
    after.milestones[0].planned_end = day("2026-12-18"); // build
    after.milestones[1].planned_start = day("2026-12-21"); // test
    let dep = |from: M, to: &str, kind: Option<M>| Dependency {
        from: Endpoint { release: "REL-1".into(), milestone: Some(from) },
        to: Endpoint { release: to.into(), milestone: kind },
        kind: DepKind::FinishToStart,
        lag_days: 0,
    };
    // REL-1's own test depends on its build (inside the release: not a dependent); REL-3 and
    // REL-4 depend on its test (REL-4 twice), nothing on its build from outside.
    let deps = vec![
        dep(M::Build, "REL-1", Some(M::Test)),
        dep(M::Test, "REL-3", Some(M::Test)),
        dep(M::Test, "REL-4", None),
        dep(M::Test, "REL-4", None),
    ];
    let cx = p.cx("hannah@example.com", "Test environment late.", "2026-11-23 09:00");
    let got = changes(&before, &after, &deps, &cx);
    assert_eq!(got.len(), 1, "{got:#?}");
    let c = &got[0];
    assert_eq!((c.trigger, c.activity.as_str(), c.invite), (Trigger::DateMoved, "test", None));
    assert_eq!(c.fact("what"), Some("Test milestone"));
    assert_eq!(c.fact("before"), Some("Mon 14 Dec 2026 to Fri 8 Jan 2027"));
    assert_eq!(c.fact("after"), Some("Mon 21 Dec 2026 to Fri 8 Jan 2027"));
    assert_eq!(c.fact("dependents"), Some("REL-3 test, REL-4"));
    assert_eq!(c.fact("who"), Some("Hannah Becker"));
    assert_eq!(c.fact("when"), Some("Mon 23 Nov 2026 09:00"));
}

#[test]
fn a_cancellation_withdraws_the_invitation_and_says_nothing_else() {
    let p = plan();
    let mut after = Release { status: S::Cancelled, ..rel1() };
    after.window = window("2027-01-19 22:00", "2027-01-19 23:00");
    after.milestones[1].planned_end = day("2027-01-15");
    let cx = p.cx(ZOE, "Superseded by REL-9.", "2026-11-22 14:05");
    let got = changes(&rel1(), &after, &[], &cx);
    assert_eq!(got.len(), 1, "{got:#?}");
    let c = &got[0];
    assert_eq!((c.trigger, c.activity.as_str(), c.invite), (Trigger::Cancelled, "plan", Some(Method::Cancel)));
    assert_eq!(names(c), placeholders(Trigger::Cancelled));
    assert_eq!((c.fact("before"), c.fact("stage")), (Some("Test"), Some("Cancelled")));
    // Without production, no invitation was sent, so none is withdrawn.
    let test_only = Release { environments: vec!["Test".into()], ..after };
    assert_eq!(changes(&rel1(), &test_only, &[], &cx)[0].invite, None);
}

fn event(id: u64, what: EventKind, reason: &str, conditions: &str) -> Event {
    Event {
        id,
        release: "REL-1".into(),
        at: at("2026-11-24 16:30"),
        by: "robert.king@example.com".into(),
        role: Some("change_manager".into()),
        what,
        reason: reason.into(),
        conditions: conditions.into(),
    }
}

#[test]
fn gate_decisions_overdue_stages_and_the_cab_agenda() {
    let p = plan();
    let cx = p.cx(ZOE, "", "2026-11-22 14:05");
    let approved = Release { status: S::Approved, ..rel1() };
    let cab = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let c = decision(&event(7, cab, "Risk accepted.", "Deploy after the month-end close."), &approved, &cx).unwrap();
    assert_eq!((c.trigger, c.activity.as_str()), (Trigger::GateDecision, "cab"));
    assert_eq!(names(&c), placeholders(Trigger::GateDecision));
    assert_eq!(c.fact("decision"), Some("CAB decision: Approve"));
    assert_eq!(c.fact("who"), Some("Robert King"), "the event's author, not the context's");
    assert_eq!(c.fact("when"), Some("Tue 24 Nov 2026 16:30"));
    assert_eq!(c.fact("conditions"), Some("Deploy after the month-end close."));
    assert_eq!(c.fact("stage"), Some("Approved"));
    let sign = EventKind::SignOff { decision: runway_domain::SignOffDecision::Authorize };
    let c = decision(&event(8, sign, "", ""), &rel1(), &cx).unwrap();
    assert_eq!((c.activity.as_str(), c.fact("decision")), ("authorize", Some("Sign-off for authorization: Authorize")));
    assert_eq!(c.fact("conditions"), Some("—"));
    let test = EventKind::TestResult { test: TestKind::Functional, passed: true };
    assert_eq!(decision(&event(9, test, "", ""), &rel1(), &cx), None, "not a gate decision");

    let c = overdue(&rel1(), 12, 10, at("2026-11-10 09:00"), &cx);
    assert_eq!((c.trigger, c.activity.as_str()), (Trigger::Overdue, "test"));
    assert_eq!(names(&c), placeholders(Trigger::Overdue));
    assert_eq!(
        (c.fact("days"), c.fact("limit"), c.fact("since")),
        (Some("12"), Some("10"), Some("Tue 10 Nov 2026 09:00"))
    );

    let mut two = rel1();
    two.key = "REL-2".into();
    two.title = "Mobile 7.1".into();
    two.applications = vec!["MOB".into()];
    two.status = S::SubmittedToCab;
    two.window = window("2027-01-14 20:00", "2027-01-14 22:00");
    two.risk = Risk::High;
    let c = cab_agenda(&[&rel1(), &two], day("2027-01-04"), day("2027-01-08"), &cx);
    assert_eq!((c.trigger, c.activity.as_str(), c.release.as_deref()), (Trigger::CabAgenda, "cab", None));
    assert_eq!(names(&c), placeholders(Trigger::CabAgenda));
    assert_eq!(c.fact("period"), Some("Mon 4 Jan 2027 to Fri 8 Jan 2027"));
    assert_eq!(c.fact("count"), Some("2"));
    assert_eq!(
        c.fact("agenda"),
        Some(
            "- REL-1 Payments 4.2 — SEPA Instant (Payments (PAY), Mobile Banking (MOB)): Test; deployment window Tue 12 Jan 2027 22:00–02:00; risk Medium\n\
             - REL-2 Mobile 7.1 (Mobile Banking (MOB)): Submitted to CAB; deployment window Thu 14 Jan 2027 20:00–22:00; risk High"
        )
    );
    assert_eq!(
        cab_agenda(&[], day("2027-01-04"), day("2027-01-04"), &cx).fact("agenda"),
        Some("No release awaits the CAB.")
    );
}

#[test]
fn the_default_templates_pass_their_check_and_use_only_their_trigger_s_placeholders() {
    let all = default_templates();
    assert_eq!(all.iter().map(|t| t.trigger).collect::<Vec<_>>(), Trigger::ALL);
    for t in &all {
        assert_eq!(check(t), [], "{:?}", t.trigger);
    }
    assert!(default_template(Trigger::Downtime).body.contains("Back-out plan: {backout}"));
    assert!(default_template(Trigger::CabAgenda).body.contains("Change Advisory Board (CAB)"));
    assert!(default_template(Trigger::Downtime).body.contains("Deployment window: {window} ({zone})"));
}

#[test]
fn a_template_is_checked_against_its_trigger_s_placeholders() {
    let t = Template {
        trigger: Trigger::DateMoved,
        subject: "{release} moved to {windw}".into(),
        // "Was {before} {{literal}} " is 25 characters: the stray { is the 26th.
        body: "Was {before} {{literal}} { not one, and {cab_agenda_only} }".into(),
        auto_approve: false,
    };
    let got: Vec<(String, String)> = check(&t).into_iter().map(|e| (e.field, e.message)).collect();
    let list = "{release}, {title}, {applications}, {stage}, {window}, {zone}, {what}, {before}, {after}, \
                {environments}, {risk}, {backout}, {dependents}, {who}, {when}, {reason}";
    assert_eq!(
        got,
        [
            ("subject".to_owned(), format!("{{windw}} is not a placeholder of Date moved; use one of {list}.")),
            (
                "body".to_owned(),
                "The { at character 26 opens no placeholder; write {{ for a brace, or a placeholder such as {release}."
                    .to_owned()
            ),
            ("body".to_owned(), format!("{{cab_agenda_only}} is not a placeholder of Date moved; use one of {list}.")),
        ]
    );
    let empty = Template { subject: "  ".into(), ..default_template(Trigger::Overdue) };
    assert_eq!(check(&empty)[0].message, "A message needs a subject.");
    // {agenda} belongs to the CAB agenda only.
    let wrong = Template { body: "{agenda}".into(), ..default_template(Trigger::StatusChanged) };
    assert!(check(&wrong)[0].message.starts_with("{agenda} is not a placeholder of Status changed;"));
}

#[test]
fn rendering_inserts_values_verbatim_and_never_expands_them_again() {
    let p = plan();
    let mut after = Release { status: S::AwaitingAuthorization, ..rel1() };
    after.title = "Evil {title} <b>bold</b> {{x}}\r\nBcc: x@evil.example".into();
    let cx = p.cx(ZOE, "Because {reason}", "2026-11-22 14:05");
    let c = &changes(&rel1(), &after, &[], &cx)[0];
    let t = Template {
        trigger: Trigger::StatusChanged,
        subject: "[{release}] {title}".into(),
        body: "{title}|{reason}|{{release}}|{unknown}|{ stray".into(),
        auto_approve: false,
    };
    let (subject, body) = render(&t, c);
    assert_eq!(subject, "[REL-1] Evil {title} <b>bold</b> {{x}} Bcc: x@evil.example", "one line");
    assert_eq!(
        body,
        "Evil {title} <b>bold</b> {{x}}\r\nBcc: x@evil.example|Because {reason}|{release}|{unknown}|{ stray"
    );

    // The default status change, whole.
    let (subject, body) = render(
        &default_template(Trigger::StatusChanged),
        &changes(
            &rel1(),
            &Release { status: S::AwaitingAuthorization, ..rel1() },
            &[],
            &p.cx(ZOE, "", "2026-11-22 14:05"),
        )[0],
    );
    assert_eq!(subject, "REL-1 Payments 4.2 — SEPA Instant: now Awaiting authorization");
    assert_eq!(
        body,
        "Release REL-1 (Payments 4.2 — SEPA Instant) has moved from Test to Awaiting authorization.\n\n\
         Applications: Payments (PAY), Mobile Banking (MOB)\n\
         Deployment window: Tue 12 Jan 2027 22:00–02:00 (Europe/London)\n\
         Changed by Zoë Ångström on Sun 22 Nov 2026 14:05.\n\
         Reason: —\n"
    );
}

fn summary(r: &[Recipient]) -> Vec<(&str, &str, Option<Code>)> {
    r.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.code)).collect()
}

#[test]
fn the_audience_of_a_deployment_on_the_small_plan() {
    let p = plan();
    let m = matrix_template();
    let holders = Holders::new(&m, &p.people, &p.assignments);
    // Deploy row: Release Manager A, Test Manager I, Release Owner I, Change Manager I,
    // Deployment staff R, Early life support I, environment staff C (nobody holds it).
    // Told: R Chen; I Дмитрий, Hannah (the owner: her I wins over "owner, required"), Robert,
    // Jonas; the manager Zoë, whose A makes her the chair. The list adds Ann and repeats Zoë (in
    // capitals: still one person, her own name kept).
    let lists =
        vec![vec![("ZOE@EXAMPLE.COM".to_owned(), "Zoe".to_owned()), ("ann@example.com".into(), "Ann Auditor".into())]];
    let r = audience(&holders, Some(&rel1()), "deploy", &lists);
    assert_eq!(
        summary(&r),
        [
            ("Zoë Ångström", "CHAIR", Some(Code::Accountable)),
            ("Chen Wei", "REQ-PARTICIPANT", Some(Code::Responsible)),
            ("Ann Auditor", "NON-PARTICIPANT", None),
            ("Hannah Becker", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Jonas Lindqvist", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Robert King", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Дмитрий Иванов", "NON-PARTICIPANT", Some(Code::Informed)),
        ]
    );
    assert_eq!(r[0].email, ZOE);
    assert_eq!(r[0].why, ["Release Manager", "Distribution list"]);
    assert_eq!(r[3].why, ["Release Owner"]);

    // With no code for the owner on the row, the owner is required; a second owner for the
    // release (an override) replaces Hannah.
    let mut m2 = matrix_template();
    m2.set("deploy", "release_owner", None).unwrap();
    let holders = Holders::new(&m2, &p.people, &p.assignments);
    let r = audience(&holders, Some(&rel1()), "deploy", &[]);
    let hannah = r.iter().find(|x| x.name == "Hannah Becker").unwrap();
    assert_eq!((hannah.role, hannah.code), (AttendeeRole::Required, None));

    // The CAB agenda concerns the portfolio: the cab row's R, C and I, no owner or manager of a
    // release. Cab row: Sponsor I, Process owner I (nobody), Release Manager R, Test Manager C,
    // Release Owner C, Change Manager A (the chair: the agenda is theirs), others empty.
    let holders = Holders::new(&m, &p.people, &p.assignments);
    let r = audience(&holders, None, "cab", &[]);
    assert_eq!(
        summary(&r),
        [
            ("Robert King", "CHAIR", Some(Code::Accountable)),
            ("Zoë Ångström", "REQ-PARTICIPANT", Some(Code::Responsible)),
            ("Hannah Becker", "OPT-PARTICIPANT", Some(Code::Consulted)),
            ("Дмитрий Иванов", "OPT-PARTICIPANT", Some(Code::Consulted)),
        ]
    );
}

#[test]
fn the_audience_of_a_deployment_in_the_demo() {
    let doc = runway_domain::demo::demo(2027, 40, day("2026-11-22"));
    let matrix = doc.matrix.clone().unwrap_or_default();
    let holders = Holders::new(&matrix, &doc.people, &doc.assignments);
    let r = doc.releases.iter().find(|r| r.key == "REL-2026.12.06").unwrap();
    assert_eq!(r.title, "General Ledger 3.0.0 — IFRS 17 postings");
    assert_eq!(
        (r.owner.as_deref(), r.manager.as_deref()),
        (Some("aiko.tanaka@example.com"), Some("lukasz.wrobel@example.com"))
    );
    // Deploy row for REL-2026.12.06: its record's manager Łukasz (A: chair), the portfolio's two
    // deployment staff (R), its environment staff Grace (C), and informed: its record's owner
    // Aiko, the two test managers, the change manager and early life support.
    let got = audience(&holders, Some(r), "deploy", &[]);
    assert_eq!(
        summary(&got),
        [
            ("Łukasz Wróbel", "CHAIR", Some(Code::Accountable)),
            ("Chen Wei", "REQ-PARTICIPANT", Some(Code::Responsible)),
            ("Fatima Zahra", "REQ-PARTICIPANT", Some(Code::Responsible)),
            ("Grace Mwangi", "OPT-PARTICIPANT", Some(Code::Consulted)),
            ("Aiko Tanaka", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Jonas Lindqvist", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Robert King", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Σοφία Παπαδοπούλου", "NON-PARTICIPANT", Some(Code::Informed)),
            ("Дмитрий Иванов", "NON-PARTICIPANT", Some(Code::Informed)),
        ]
    );

    // Moved a week later: a downtime in December London (GMT = UTC).
    let zone = PlanZone::parse(doc.time_zone.as_deref().unwrap()).unwrap();
    let cx = Context {
        zone,
        applications: &doc.applications,
        environments: &doc.environments,
        people: &doc.people,
        by: "lukasz.wrobel@example.com",
        reason: "Month-end close.",
        at: at("2026-11-22 10:00"),
    };
    let mut moved = r.clone();
    moved.window = window("2026-12-15 22:00", "2026-12-16 02:00");
    let c = &changes(r, &moved, &doc.dependencies, &cx)[0];
    assert_eq!((c.trigger, c.invite), (Trigger::Downtime, Some(Method::Request)));
    assert_eq!(c.fact("before"), Some("Tue 8 Dec 2026 22:00–02:00"));
    assert_eq!(c.fact("after"), Some("Tue 15 Dec 2026 22:00–02:00"));
    assert_eq!(c.fact("applications"), Some("General Ledger (LED)"));
    assert_eq!(c.fact("who"), Some("Łukasz Wróbel"));
    assert_eq!(c.window, Some((at("2026-12-15 22:00"), at("2026-12-16 02:00"))));
    let (subject, _) = render(&default_template(Trigger::Downtime), c);
    assert_eq!(
        subject,
        "Downtime: REL-2026.12.06 General Ledger 3.0.0 — IFRS 17 postings, Tue 15 Dec 2026 22:00–02:00"
    );
}
