//! Release templates (D4): the phases a new release of each kind starts with, laid out around its
//! deployment window, and the dependencies that chain them. The seven built-in kinds in the
//! seeds' order are the default template ([`default_template`]); a plan may replace the template
//! of any release kind with its own (Settings → Release templates, `runway template`), with custom
//! phases such as "SIT", "UAT sign-off" or "Dress rehearsal". The user adjusts both afterwards.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::input::FieldError;
use crate::model::{Milestone, MilestoneKind as K, ReleaseKind, Window};
use crate::phase::MAX_PHASES;
use crate::schedule::{DepKind, Dependency, Endpoint, MAX_LAG_DAYS};

/// How far from the deployment day a template's phase may lie, either way: ten years.
pub const MAX_OFFSET_DAYS: i32 = 3650;

/// The phases and links a new release of `kind` starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReleaseTemplate {
    pub kind: ReleaseKind,
    pub phases: Vec<TemplatePhase>,
    #[serde(default)]
    pub links: Vec<TemplateLink>,
}

/// A phase of a template, in days from the deployment window's first day (negative before it):
/// `start` −14 and `end` −8 is a phase from two weeks before the deployment to eight days before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplatePhase {
    pub phase: K,
    pub start: i32,
    pub end: i32,
}

/// `to` depends on `from`, both phases of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateLink {
    pub from: K,
    pub to: K,
    pub kind: DepKind,
    #[serde(default)]
    pub lag_days: i32,
}

/// The built-in template of a release kind: the seven kinds laid out backwards from the
/// deployment, chained planning → build → test → deployment → early life support → closure with
/// the CAB before the deployment. An emergency has no planning phase and its build and test
/// overlap on the eve of the deployment.
pub fn default_template(kind: ReleaseKind) -> ReleaseTemplate {
    let p = |phase: K, start: i32, end: i32| TemplatePhase { phase, start, end };
    let l = |from: K, to: K, kind: DepKind| TemplateLink { from, to, kind, lag_days: 0 };
    let fs = DepKind::FinishToStart;
    match kind {
        ReleaseKind::Emergency => ReleaseTemplate {
            kind,
            phases: vec![
                p(K::Cab, -1, -1),
                p(K::Build, -1, -1),
                p(K::Test, -1, 0),
                p(K::Deployment, 0, 0),
                p(K::EarlyLifeSupport, 1, 7),
                p(K::Closure, 8, 9),
            ],
            links: vec![
                l(K::Cab, K::Build, DepKind::StartToStart),
                l(K::Build, K::Test, DepKind::StartToStart),
                l(K::Test, K::Deployment, DepKind::FinishToFinish),
                l(K::Deployment, K::EarlyLifeSupport, fs),
                l(K::EarlyLifeSupport, K::Closure, fs),
            ],
        },
        _ => {
            let s: i32 = match kind {
                ReleaseKind::Major => 3,
                ReleaseKind::Minor => 2,
                _ => 1,
            };
            ReleaseTemplate {
                kind,
                phases: vec![
                    p(K::Planning, -30 - 15 * s, -21 - 10 * s),
                    p(K::Cab, -28 - 2 * s, -28 - 2 * s),
                    p(K::Build, -20 - 10 * s, -8 - 3 * s),
                    p(K::Test, -7 - 3 * s, -2),
                    p(K::Deployment, 0, 0),
                    p(K::EarlyLifeSupport, 1, 7 * s),
                    p(K::Closure, 7 * s + 1, 7 * s + 3),
                ],
                links: vec![
                    l(K::Planning, K::Build, fs),
                    l(K::Build, K::Test, fs),
                    l(K::Test, K::Deployment, fs),
                    l(K::Cab, K::Deployment, fs),
                    l(K::Deployment, K::EarlyLifeSupport, fs),
                    l(K::EarlyLifeSupport, K::Closure, fs),
                ],
            }
        }
    }
}

impl ReleaseTemplate {
    /// The phases of a release deploying in `window`, planned dates only.
    pub fn milestones(&self, window: &Window) -> Vec<Milestone> {
        let w = window.start.date();
        // A window the form accepted (years 1 to 9999) leaves room either side; at chrono's ends
        // a phase is held at the window's day rather than overflowing.
        let d = |n: i32| crate::dates::add_days(w, i64::from(n)).unwrap_or(w);
        self.phases
            .iter()
            .map(|p| Milestone {
                kind: p.phase.clone(),
                planned_start: d(p.start),
                planned_end: d(p.end),
                actual_start: None,
                actual_end: None,
            })
            .collect()
    }

    /// The dependencies that chain the phases of release `key`.
    pub fn dependencies(&self, key: &str) -> Vec<Dependency> {
        let at = |m: &K| Endpoint { release: key.to_owned(), milestone: Some(m.clone()) };
        self.links
            .iter()
            .map(|l| Dependency { from: at(&l.from), to: at(&l.to), kind: l.kind, lag_days: l.lag_days })
            .collect()
    }

    /// Every problem of the template, each with the path of the value that holds it
    /// (`phases[2].end`, `links[0].to`): no phase, too many, one twice (ignoring case), an end
    /// before its start, a day past [`MAX_OFFSET_DAYS`], a link to a phase the template lacks, a
    /// link from a phase to itself or given twice, a lag past ten years, links that close a cycle.
    pub fn check(&self) -> Vec<FieldError> {
        let mut out = vec![];
        if self.phases.is_empty() {
            out.push(FieldError::new("phases", "a template needs at least one phase"));
        }
        if self.phases.len() > MAX_PHASES {
            out.push(FieldError::new("phases", format!("a template has at most {MAX_PHASES} phases")));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, p) in self.phases.iter().enumerate() {
            if !seen.insert(p.phase.as_str().to_lowercase()) {
                out.push(FieldError::new(
                    &format!("phases[{i}].phase"),
                    format!("{:?} is listed twice", p.phase.label()),
                ));
            }
            for (field, v) in [("start", p.start), ("end", p.end)] {
                if v.abs() > MAX_OFFSET_DAYS {
                    out.push(FieldError::new(
                        &format!("phases[{i}].{field}"),
                        format!("{v} days from the deployment is more than ten years ({MAX_OFFSET_DAYS})"),
                    ));
                }
            }
            if p.end < p.start {
                out.push(FieldError::new(
                    &format!("phases[{i}].end"),
                    format!("{} ends (day {}) before it starts (day {})", p.phase.label(), p.end, p.start),
                ));
            }
        }
        let has = |k: &K| self.phases.iter().any(|p| &p.phase == k);
        let mut pairs = std::collections::HashSet::new();
        for (i, l) in self.links.iter().enumerate() {
            for (field, k) in [("from", &l.from), ("to", &l.to)] {
                if !has(k) {
                    out.push(FieldError::new(
                        &format!("links[{i}].{field}"),
                        format!("{:?} is not a phase of this template", k.label()),
                    ));
                }
            }
            if l.from == l.to {
                out.push(FieldError::new(
                    &format!("links[{i}].to"),
                    format!("{} cannot depend on itself", l.to.label()),
                ));
            } else if !pairs.insert((&l.from, &l.to)) {
                out.push(FieldError::new(
                    &format!("links[{i}]"),
                    format!("{} → {} is given twice", l.from.label(), l.to.label()),
                ));
            }
            if l.lag_days.unsigned_abs() > MAX_LAG_DAYS {
                out.push(FieldError::new(
                    &format!("links[{i}].lag_days"),
                    format!("a lag of {} days is more than ten years", l.lag_days),
                ));
            }
        }
        if out.is_empty()
            && let Some(cycle) = self.cycle()
        {
            let names: Vec<&str> = cycle.iter().map(|k| k.label()).collect();
            out.push(FieldError::new("links", format!("the links close a cycle: {}", names.join(" → "))));
        }
        out
    }

    /// A cycle among the links, first phase repeated at the end, if there is one.
    fn cycle(&self) -> Option<Vec<K>> {
        let n = self.phases.len();
        let ix = |k: &K| self.phases.iter().position(|p| &p.phase == k);
        let mut next: Vec<Vec<usize>> = vec![vec![]; n];
        for l in &self.links {
            if let (Some(a), Some(b)) = (ix(&l.from), ix(&l.to)) {
                next[a].push(b);
            }
        }
        // 0 unvisited, 1 on the path, 2 done.
        let mut state = vec![0u8; n];
        let mut path: Vec<usize> = vec![];
        fn visit(v: usize, next: &[Vec<usize>], state: &mut [u8], path: &mut Vec<usize>) -> Option<Vec<usize>> {
            state[v] = 1;
            path.push(v);
            for &w in &next[v] {
                if state[w] == 1 {
                    let from = path.iter().position(|&x| x == w).unwrap_or(0);
                    let mut c = path[from..].to_vec();
                    c.push(w);
                    return Some(c);
                }
                if state[w] == 0
                    && let Some(c) = visit(w, next, state, path)
                {
                    return Some(c);
                }
            }
            path.pop();
            state[v] = 2;
            None
        }
        (0..n)
            .find_map(|v| if state[v] == 0 { visit(v, &next, &mut state, &mut path) } else { None })
            .map(|c| c.into_iter().map(|i| self.phases[i].phase.clone()).collect())
    }
}

/// The phases of a release of `kind` deploying in `window` by the default template.
pub fn milestones(kind: ReleaseKind, window: &Window) -> Vec<Milestone> {
    default_template(kind).milestones(window)
}

/// The dependencies that chain a release's phases by the default template of its kind.
pub fn dependencies(release: &str, kind: ReleaseKind) -> Vec<Dependency> {
    default_template(kind).dependencies(release)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sit_template() -> ReleaseTemplate {
        let mut t = default_template(ReleaseKind::Minor);
        let sit = K::named("SIT").unwrap();
        t.phases.push(TemplatePhase { phase: sit.clone(), start: -12, end: -9 });
        t.links.push(TemplateLink { from: K::Build, to: sit.clone(), kind: DepKind::FinishToStart, lag_days: 0 });
        t.links.push(TemplateLink { from: sit, to: K::Test, kind: DepKind::FinishToStart, lag_days: 1 });
        t
    }

    #[test]
    fn the_default_templates_are_valid_and_a_custom_phase_joins_the_chain() {
        for k in ReleaseKind::ALL {
            assert_eq!(default_template(*k).check(), vec![], "{k:?}");
        }
        let t = sit_template();
        assert_eq!(t.check(), vec![]);
        let w = Window { start: "2027-06-10T20:00:00".parse().unwrap(), end: "2027-06-10T23:00:00".parse().unwrap() };
        let ms = t.milestones(&w);
        let sit = ms.iter().find(|m| m.kind.as_str() == "SIT").unwrap();
        assert_eq!(
            (sit.planned_start.to_string(), sit.planned_end.to_string()),
            ("2027-05-29".into(), "2027-06-01".into())
        );
        let deps = t.dependencies("R1");
        assert!(deps.iter().any(|d| d.to.to_string() == "R1 SIT" && d.from.to_string() == "R1 build"));
    }

    #[test]
    fn a_bad_template_is_refused_with_every_problem_named() {
        let mut t = sit_template();
        t.phases[0].end = t.phases[0].start - 1;
        t.phases.push(TemplatePhase { phase: K::named("sit").unwrap(), start: 0, end: 4000 });
        t.links.push(TemplateLink {
            from: K::named("UAT").unwrap(),
            to: K::Test,
            kind: DepKind::FinishToStart,
            lag_days: 0,
        });
        let got: Vec<String> = t.check().iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        assert!(
            got.contains(&"phases[0].end: Planning ends (day -61) before it starts (day -60)".to_owned()),
            "{got:?}"
        );
        assert!(got.iter().any(|g| g.starts_with("phases[8].phase: \"sit\" is listed twice")), "{got:?}");
        assert!(got.iter().any(|g| g.starts_with("phases[8].end: 4000 days")), "{got:?}");
        assert!(got.contains(&"links[8].from: \"UAT\" is not a phase of this template".to_owned()), "{got:?}");

        let mut c = sit_template();
        c.links.push(TemplateLink { from: K::Test, to: K::Build, kind: DepKind::FinishToStart, lag_days: 0 });
        let got = c.check();
        assert_eq!(got.len(), 1);
        assert!(got[0].message.starts_with("the links close a cycle: Build → "), "{}", got[0].message);
        assert!(got[0].message.ends_with("→ Build"));
    }
}
