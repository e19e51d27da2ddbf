//! Properties over random plans.

use proptest::test_runner::FileFailurePersistence;

use super::*;
use crate::wide_dates::any_date;

// ---------------------------------------------------------------------------------------------
// Properties over random plans.
// ---------------------------------------------------------------------------------------------

type Candidate = (Index, Option<Index>, Index, Option<Index>, usize, i32);

/// Up to 6 releases of 1–7 milestones with random dates in the first quarter of 2027, and
/// candidate dependencies between them (a fifth of the ends whole releases).
fn plan() -> impl Strategy<Value = (Vec<Release>, Vec<Candidate>)> {
    let milestones = (prop::sample::subsequence(K::ALL.to_vec(), 1..=7), prop::collection::vec((0i64..60, 0i64..8), 7));
    let candidate = (
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        0usize..4,
        -5i32..10,
    );
    (prop::collection::vec(milestones, 1..=6), prop::collection::vec(candidate, 0..40)).prop_map(|(specs, cands)| {
        let base = d("2027-01-01");
        let releases = specs
            .into_iter()
            .enumerate()
            .map(|(i, (kinds, dates))| {
                let mut r = release(&format!("R{i}"), &[]);
                r.milestones = kinds
                    .into_iter()
                    .zip(dates)
                    .map(|(kind, (at, len))| Milestone {
                        kind,
                        planned_start: base + Duration::days(at),
                        planned_end: base + Duration::days(at + len),
                        actual_start: None,
                        actual_end: None,
                    })
                    .collect();
                r
            })
            .collect();
        (releases, cands)
    })
}

fn endpoint(releases: &[Release], r: Index, m: Option<Index>) -> Endpoint {
    let rel = &releases[r.index(releases.len())];
    Endpoint {
        release: rel.key.clone(),
        milestone: m.map(|m| rel.milestones[m.index(rel.milestones.len())].kind.clone()),
    }
}

/// The candidates check_new accepts, added one by one, and the ones it refuses with its reason.
/// A refused candidate: the dependencies before it, it, and why.
type Refused = (Vec<Dependency>, Dependency, String);

fn accept(releases: &[Release], cands: &[Candidate]) -> (Vec<Dependency>, Vec<Refused>) {
    let mut deps = vec![];
    let mut refused = vec![];
    for &(fr, fm, tr, tm, kind, lag) in cands {
        let new = dep(endpoint(releases, fr, fm), endpoint(releases, tr, tm), DepKind::ALL[kind], lag);
        match check_new(releases, &deps, &new) {
            Ok(()) => deps.push(new),
            Err(e) => refused.push((deps.clone(), new, e)),
        }
    }
    (deps, refused)
}

/// Whether the directed graph has a cycle (depth-first, three colours).
fn has_cycle(n: usize, edges: &[(usize, usize)]) -> bool {
    let mut out = vec![vec![]; n];
    for &(a, b) in edges {
        out[a].push(b);
    }
    let mut colour = vec![0u8; n];
    for s in 0..n {
        if colour[s] != 0 {
            continue;
        }
        colour[s] = 1;
        let mut stack = vec![(s, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&w) = out[v].get(i) {
                top.1 += 1;
                match colour[w] {
                    1 => return true,
                    0 => {
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                    _ => {}
                }
            } else {
                colour[v] = 2;
                stack.pop();
            }
        }
    }
    false
}

fn edges_of(g: &Graph) -> Vec<(usize, usize)> {
    g.edges.iter().map(|&(a, b, _, _)| (a, b)).collect()
}

/// Day numbers from 2027-01-01: (start, exclusive finish).
fn days(start: NaiveDate, end: NaiveDate) -> (i64, i64) {
    let base = d("2027-01-01");
    ((start - base).num_days(), (end - base).num_days() + 1)
}

/// Whether `succ` honours `pred` by `kind` and `lag` (both as (start, exclusive finish)), and by
/// how many days it misses.
fn short_by(kind: DepKind, lag: i32, pred: (i64, i64), succ: (i64, i64)) -> i64 {
    let lag = i64::from(lag);
    match kind {
        DepKind::FinishToStart => pred.1 + lag - succ.0,
        DepKind::StartToStart => pred.0 + lag - succ.0,
        DepKind::FinishToFinish => pred.1 + lag - succ.1,
        DepKind::StartToFinish => pred.0 + lag - succ.1,
    }
}

/// The dependencies as the analysis resolved them, milestone to milestone.
fn resolved(g: &Graph) -> Vec<Dependency> {
    g.edges
        .iter()
        .map(|&(a, b, kind, lag)| {
            let end = |x: usize| at(&g.nodes[x].release, g.nodes[x].kind.clone());
            dep(end(a), end(b), kind, lag)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        // The seeds beside this file (proptest looks elsewhere for a file of a test target folder).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::with_cases(256)
    })]

    /// check_new never lets a cycle in, and a cycle it refuses between milestones is a real one.
    #[test]
    fn no_cycle_is_ever_accepted((releases, cands) in plan()) {
        let (deps, refused) = accept(&releases, &cands);
        let g = Graph::new(&releases, &deps);
        prop_assert_eq!(&g.diagnostics, &Vec::<String>::new());
        prop_assert_eq!(g.edges.len(), deps.len());
        prop_assert!(!has_cycle(g.nodes.len(), &edges_of(&g)));
        let a = analyse(&releases, &deps);
        prop_assert_eq!(a.diagnostics, Vec::<String>::new());
        for (before, new, e) in refused {
            if e.starts_with("it would close a cycle") && before.iter().chain([&new]).all(|d| d.from.milestone.is_some() && d.to.milestone.is_some()) {
                let mut all = before.clone();
                all.push(new.clone());
                let g = Graph::new(&releases, &all);
                prop_assert!(has_cycle(g.nodes.len(), &edges_of(&g)), "{} → {} refused: {}", new.from, new.to, e);
            }
        }
    }

    /// Analysing is deterministic, whole-release endpoints analyse as the milestones they resolve
    /// to, and planning every milestone at its earliest dates is a fixed point with nothing broken.
    #[test]
    fn recomputing_is_idempotent((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        prop_assert_eq!(&a, &analyse(&releases, &deps));
        let g = Graph::new(&releases, &deps);
        let direct = resolved(&g);
        prop_assert_eq!(&a, &analyse(&releases, &direct));

        let mut planned = releases.clone();
        for r in &mut planned {
            for m in &mut r.milestones {
                let s = get(&a, &r.key, m.kind.clone());
                m.planned_start = s.earliest_start;
                m.planned_end = s.earliest_end;
            }
        }
        let b = analyse(&planned, &direct);
        prop_assert_eq!(&b.violations, &vec![]);
        prop_assert_eq!(b.milestones.len(), a.milestones.len());
        for m in &b.milestones {
            let o = get(&a, &m.milestone.release, m.milestone.kind.clone());
            prop_assert_eq!((m.planned_start, m.planned_end), (o.earliest_start, o.earliest_end));
            prop_assert_eq!((m.earliest_start, m.earliest_end), (o.earliest_start, o.earliest_end));
            prop_assert_eq!((m.latest_end, m.slack_days, m.critical), (o.latest_end, o.slack_days, o.critical));
        }
        prop_assert_eq!(&b, &analyse(&planned, &direct));
    }

    /// The earliest dates honour every dependency and never come before the plan; the latest dates
    /// honour them too; violations are exactly the dependencies the planned dates break; slack is
    /// never negative.
    #[test]
    fn every_successor_honours_its_predecessors((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        let g = Graph::new(&releases, &deps);
        let by: HashMap<&MilestoneRef, &MilestoneSchedule> = a.milestones.iter().map(|m| (&m.milestone, m)).collect();
        prop_assert_eq!(by.len(), g.nodes.len());
        for m in &a.milestones {
            prop_assert!(m.slack_days >= 0, "{} slack {}", m.milestone, m.slack_days);
            prop_assert!(m.earliest_start >= m.planned_start);
            prop_assert_eq!(m.earliest_end - m.earliest_start, m.planned_end - m.planned_start);
            let (_, ef) = days(m.earliest_start, m.earliest_end);
            let (_, lf) = days(m.earliest_start, m.latest_end);
            prop_assert_eq!(lf - ef, i64::from(m.slack_days));
        }
        let mut expected = vec![];
        for &(x, y, kind, lag) in &g.edges {
            let (p, s) = (by[&g.nodes[x]], by[&g.nodes[y]]);
            let early = short_by(kind, lag, days(p.earliest_start, p.earliest_end), days(s.earliest_start, s.earliest_end));
            prop_assert!(early <= 0, "{} → {} {:?} {}: earliest dates {} days short", p.milestone, s.milestone, kind, lag, early);
            let late = |m: &MilestoneSchedule| days(m.latest_end - (m.planned_end - m.planned_start), m.latest_end);
            let short = short_by(kind, lag, late(p), late(s));
            prop_assert!(short <= 0, "{} → {} {:?} {}: latest dates {} days short", p.milestone, s.milestone, kind, lag, short);
            let planned = short_by(kind, lag, days(p.planned_start, p.planned_end), days(s.planned_start, s.planned_end));
            if planned > 0 {
                expected.push((p.milestone.clone(), s.milestone.clone(), kind, lag, planned as i32));
            }
        }
        let mut found: Vec<_> = a.violations.iter().map(|v| (v.from.clone(), v.to.clone(), v.kind, v.lag_days, v.by_days)).collect();
        expected.sort_by(|a, b| (&a.0, &a.1, a.2, a.3).cmp(&(&b.0, &b.1, b.2, b.3)));
        found.sort_by(|a, b| (&a.0, &a.1, a.2, a.3).cmp(&(&b.0, &b.1, b.2, b.3)));
        prop_assert_eq!(found, expected);
        for v in &a.violations {
            prop_assert!(v.message.starts_with(&v.to.to_string()) && v.message.contains(&v.from.to_string()), "{}", v.message);
        }
    }

    /// The critical path and every critical chain are critical, zero-slack milestones joined by
    /// dependencies; a milestone with no dependency is never critical.
    #[test]
    fn the_critical_path_is_a_chain_of_zero_slack_milestones((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        let g = Graph::new(&releases, &deps);
        let joined: HashSet<(MilestoneRef, MilestoneRef)> =
            g.edges.iter().map(|&(x, y, _, _)| (g.nodes[x].clone(), g.nodes[y].clone())).collect();
        let touched: HashSet<&MilestoneRef> = joined.iter().flat_map(|(x, y)| [x, y]).collect();
        let check_chain = |chain: &[MilestoneRef]| -> Result<(), TestCaseError> {
            for m in chain {
                let s = get(&a, &m.release, m.kind.clone());
                prop_assert!(s.critical && s.slack_days == 0, "{} on a critical chain: slack {}", m, s.slack_days);
            }
            for w in chain.windows(2) {
                prop_assert!(joined.contains(&(w[0].clone(), w[1].clone())), "{} → {} not a dependency", w[0], w[1]);
            }
            let unique: HashSet<&MilestoneRef> = chain.iter().collect();
            prop_assert_eq!(unique.len(), chain.len());
            Ok(())
        };
        check_chain(&a.critical_path)?;
        prop_assert_eq!(a.critical_path.is_empty(), !a.milestones.iter().any(|m| m.critical));
        for m in &a.milestones {
            prop_assert_eq!(m.critical, m.slack_days == 0 && touched.contains(&m.milestone), "{}", m.milestone);
            if m.critical {
                prop_assert!(a.chain(m).contains(&m.milestone));
                check_chain(a.chain(m))?;
            } else {
                prop_assert!(m.chain.is_none());
            }
        }
    }

    /// A what-if never changes its input, reports the moved milestone, and says which downstream
    /// milestones must move to exactly where the analysis after the move puts them.
    #[test]
    fn what_if_is_consistent_with_analysing_the_change(
        (releases, cands) in plan(),
        pick in any::<Index>(),
        by in -10i64..10,
        grow in -3i64..3,
    ) {
        let (deps, _) = accept(&releases, &cands);
        let copy = releases.clone();
        let r = &releases[pick.index(releases.len())];
        let m = &r.milestones[pick.index(r.milestones.len())];
        let start = m.planned_start + Duration::days(by);
        let end = (m.planned_end + Duration::days(by + grow)).max(start);
        let change = Change::Milestone { milestone: mref(&r.key, m.kind.clone()), start, end };
        let w = what_if(&releases, &deps, &change);
        prop_assert_eq!(&releases, &copy);
        prop_assert_eq!(&w.diagnostics, &Vec::<String>::new());
        let after = analyse(&apply(&releases, &change).unwrap(), &deps);
        let changed = (start, end) != (m.planned_start, m.planned_end);
        prop_assert_eq!(w.moved.len(), usize::from(changed));
        for s in &w.must_move {
            let e = get(&after, &s.milestone.release, s.milestone.kind.clone());
            prop_assert_eq!((s.from, s.to), (e.planned_start, e.earliest_start));
            prop_assert!(s.days > 0);
        }
        for s in &w.slack_used {
            prop_assert!(s.after < s.before && s.after >= 0);
        }
        let windows: Vec<String> = w.moved.iter().chain(&w.must_move).filter(|s| s.milestone.kind == K::Deployment).map(|s| s.milestone.release.clone()).collect();
        prop_assert_eq!(w.windows_changed.len(), windows.iter().collect::<HashSet<_>>().len());
        if !changed {
            prop_assert_eq!((w.must_move.len(), w.newly_violated.len(), w.resolved.len(), w.slack_used.len()), (0, 0, 0, 0));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties over the whole calendar chrono accepts (NaiveDate::MIN..=NaiveDate::MAX): the JSON
// layer takes any of these dates, so nothing downstream may panic on them, and a date outside the
// years 1 to 9999 gives a diagnostic.
// ---------------------------------------------------------------------------------------------

/// A milestone's length: a day or two mostly, sometimes the whole calendar.
fn any_length() -> impl Strategy<Value = i64> {
    prop_oneof![3 => 0i64..10, 1 => 0i64..200_000_000]
}

/// Up to 5 releases of 1–7 milestones anywhere in chrono's calendar (an end past chrono's last
/// day is held there), each deploying on its first milestone's day and changing CI `a` or `b`,
/// and candidate dependencies with any lag (most within ten years).
fn wide_plan() -> impl Strategy<Value = (Vec<Release>, Vec<Dependency>)> {
    let milestones =
        (prop::sample::subsequence(K::ALL.to_vec(), 1..=7), prop::collection::vec((any_date(), any_length()), 7));
    let lag = prop_oneof![4 => -3650i32..=3650, 1 => any::<i32>()];
    let candidate = (
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        0usize..4,
        lag,
    );
    (prop::collection::vec((milestones, any::<bool>()), 1..=5), prop::collection::vec(candidate, 0..16)).prop_map(
        |(specs, cands)| {
            let releases: Vec<Release> = specs
                .into_iter()
                .enumerate()
                .map(|(i, ((kinds, dates), ci))| {
                    let day = dates[0].0.to_string();
                    let mut r = release_with_cis(&format!("R{i}"), &[if ci { "a" } else { "b" }], Some(&day), &[]);
                    r.milestones = kinds
                        .into_iter()
                        .zip(dates)
                        .map(|(kind, (start, len))| Milestone {
                            kind,
                            planned_start: start,
                            planned_end: start.checked_add_signed(Duration::days(len)).unwrap_or(NaiveDate::MAX),
                            actual_start: Some(start),
                            actual_end: None,
                        })
                        .collect();
                    r
                })
                .collect();
            let deps = cands
                .into_iter()
                .map(|(fr, fm, tr, tm, kind, lag)| {
                    dep(endpoint(&releases, fr, fm), endpoint(&releases, tr, tm), DepKind::ALL[kind], lag)
                })
                .collect();
            (releases, deps)
        },
    )
}

fn in_range(d: NaiveDate) -> bool {
    runway_domain::dates::in_range(d)
}

proptest! {
    #![proptest_config(ProptestConfig {
        // The seeds beside this file (proptest looks elsewhere for a file of a test target folder).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::with_cases(160)
    })]

    /// The analysis of any plan finishes, keeps every milestone, and names each milestone planned
    /// outside the years 1 to 9999 in a diagnostic.
    #[test]
    fn analysing_any_dates_never_panics_and_flags_what_is_out_of_range((releases, deps) in wide_plan()) {
        let a = analyse(&releases, &deps);
        let g = Graph::new(&releases, &deps);
        prop_assert_eq!(a.milestones.len(), g.nodes.len());
        for r in &releases {
            for m in &r.milestones {
                let name = mref(&r.key, m.kind.clone()).to_string();
                let flagged = a.diagnostics.iter().any(|d| d.starts_with(&format!("{name} is planned from")) && d.contains("1 to 9999"));
                prop_assert_eq!(flagged, !in_range(m.planned_start) || !in_range(m.planned_end), "{}: {:?}", name, a.diagnostics);
            }
        }
        for m in &a.milestones {
            prop_assert!(m.earliest_start >= m.planned_start);
            prop_assert!(m.slack_days >= 0);
        }
        // A milestone planned in range that its dependencies push past 9999-12-31 is named.
        for m in &a.milestones {
            let pushed = in_range(m.planned_start) && in_range(m.planned_end) && !in_range(m.earliest_end);
            let named = a.diagnostics.iter().any(|d| d.starts_with(&format!("{}: its dependencies push its end", m.milestone)) && d.contains("9999-12-31"));
            prop_assert_eq!(named, pushed, "{}: {:?}", m.milestone, a.diagnostics);
        }
    }

    /// A what-if to any dates never panics: a move to a date outside the years 1 to 9999 is a
    /// diagnostic naming the range and moves nothing; a move in range that pushes a milestone past
    /// 9999-12-31 says so.
    #[test]
    fn a_what_if_to_any_date_never_panics(
        (releases, deps) in wide_plan(),
        pick in any::<Index>(),
        start in any_date(),
        end in any_date(),
        shift in any::<i32>(),
    ) {
        let r = &releases[pick.index(releases.len())];
        let m = &r.milestones[pick.index(r.milestones.len())];
        let (start, end) = (start.min(end), start.max(end));
        let change = Change::Milestone { milestone: mref(&r.key, m.kind.clone()), start, end };
        let w = what_if(&releases, &deps, &change);
        if !in_range(start) || !in_range(end) {
            prop_assert_eq!(w.diagnostics.len(), 1);
            prop_assert!(w.diagnostics[0].contains("1 to 9999"), "{:?}", w.diagnostics);
            prop_assert!(w.moved.is_empty() && w.must_move.is_empty());
        }
        for s in w.must_move.iter().filter(|s| !in_range(s.to) || !in_range(s.end_to)) {
            prop_assert!(w.diagnostics.iter().any(|d| d.starts_with(&s.milestone.to_string())), "{:?}", w.diagnostics);
        }
        let change = Change::Release { release: r.key.clone(), shift_days: shift };
        let w = what_if(&releases, &deps, &change);
        match apply(&releases, &change) {
            Ok(after) => {
                let shifted = after.iter().filter(|x| x.key == r.key).flat_map(|x| &x.milestones);
                prop_assert!(shifted.clone().all(|m| in_range(m.planned_start) && in_range(m.planned_end)));
            }
            Err(e) => prop_assert_eq!(w.diagnostics, vec![e]),
        }
        if let Ok(change) = runway_domain::schedule::shifted_change(r, m.kind.clone(), start) {
            let Change::Milestone { start: s, end: e, .. } = change else { unreachable!() };
            prop_assert!(in_range(s) && in_range(e) && s <= e);
            prop_assert_eq!(e - s, (m.planned_end - m.planned_start).max(chrono::TimeDelta::zero()));
        }
    }

    /// The roadmap is laid out, and a baseline taken and compared, for any dates and any today.
    #[test]
    fn the_roadmap_and_baselines_of_any_dates_never_panic((releases, deps) in wide_plan(), today in any_date(), moved in any_date()) {
        let a = analyse(&releases, &deps);
        let apps = [runway_domain::Application { code: "PAY".into(), name: "Payments".into() }];
        let taken = runway_domain::baseline::take("then", today.and_hms_opt(12, 0, 0).unwrap().and_utc(), &releases);
        let mut now = releases.clone();
        now[0].milestones[0].planned_start = moved;
        let c = runway_domain::baseline::compare(&taken, &now);
        prop_assert_eq!(c.milestones.len(), taken.milestones.len());
        let ci = [CiDependency { ci: "b".into(), depends_on: "a".into() }];
        let l = runway_domain::roadmap::layout(&apps, &releases, &deps, &ci, &a, Some(&taken), today);
        prop_assert_eq!(l.rows.len(), releases.len());
        prop_assert!(l.from <= l.to && l.from <= today && today <= l.to);
    }
}
