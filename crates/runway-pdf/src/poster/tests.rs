//! The poster: tiling, the scale, the legend, and dates at either end of the calendar.

use super::*;

#[test]
fn sheet_rows_are_letters() {
    assert_eq!(sheet_row(0), "A");
    assert_eq!(sheet_row(25), "Z");
    assert_eq!(sheet_row(26), "AA");
}

/// Releases at both ends of chrono's calendar (dates the JSON layer accepts), with
/// dependencies and implied links between them, on a poster over each end: nothing overflows.
#[test]
fn a_poster_at_the_ends_of_chrono_s_calendar_is_drawn_without_a_panic() {
    use runway_domain::schedule::{CiDependency, DepKind, Dependency, Endpoint, analyse};
    use runway_domain::{CiVersion, Milestone, Release, ReleaseKind, ReleaseUnit, Risk, Window};
    let release = |key: &str, ci: &str, day: NaiveDate, last: NaiveDate| Release {
        key: key.into(),
        title: format!("Release {key}"),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: ReleaseStatus::Planned,
        applications: vec![],
        owner: None,
        manager: None,
        environments: vec![],
        window: day.and_hms_opt(1, 0, 0).map(|start| Window { start, end: start + chrono::Duration::hours(1) }),
        risk: Risk::Low,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![CiVersion { ci: ci.into(), version: "1".into() }],
        milestones: vec![
            Milestone {
                kind: MilestoneKind::Build,
                planned_start: day,
                planned_end: last,
                actual_start: Some(day),
                actual_end: Some(last),
            },
            Milestone {
                kind: MilestoneKind::Deployment,
                planned_start: last,
                planned_end: last,
                actual_start: None,
                actual_end: None,
            },
        ],
    };
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    let near = |d: NaiveDate, n: i64| dates::add_days(d, n).unwrap();
    // A → B and C → D are dependencies; E → F and G → H links implied by their CIs.
    let releases = vec![
        release("A", "w", near(max, -40), near(max, -20)),
        release("B", "x", near(max, -10), max),
        release("C", "y", min, near(min, 3)),
        release("D", "z", near(min, 5), near(min, 30)),
        release("E", "a", near(max, -30), near(max, -25)),
        release("F", "b", near(max, -5), max),
        release("G", "a", min, min),
        release("H", "b", near(min, 1), near(min, 40)),
    ];
    let whole = |r: &str| Endpoint { release: r.into(), milestone: None };
    let deps: Vec<Dependency> = [("A", "B"), ("C", "D")]
        .iter()
        .flat_map(|&(a, b)| {
            DepKind::ALL.iter().map(move |&kind| Dependency { from: whole(a), to: whole(b), kind, lag_days: 0 })
        })
        .collect();
    let ci = [CiDependency { ci: "b".into(), depends_on: "a".into() }];
    let analysis = analyse(&releases, &deps);
    for today in [max, min] {
        let layout = runway_domain::roadmap::layout(&[], &releases, &deps, &ci, &analysis, None, today);
        assert!(!layout.arrows.is_empty());
        // A link between releases whose windows have both ended is history: not drawn.
        assert_eq!(layout.ci_arrows.is_empty(), today == max);
        for (from, to) in [(near(max, -60), max), (min, near(min, 60)), (near(max, -1), max), (max, max)] {
            for fit_one_page in [false, true] {
                let options = PosterOptions { from, to, sheet: Sheet::default(), fit_one_page };
                let (pages, _) = sheets(&layout, &options);
                assert!(!pages.is_empty());
            }
        }
    }
}
