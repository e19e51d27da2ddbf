//! The graph the analysis runs on (milestones as nodes, dependencies resolved to edges, as day
//! numbers), its topological order, and the cycle checks: [`check_new`] refuses a dependency that
//! would close a cycle and names it; [`check_all`] checks a whole set (an import).

use std::collections::{HashMap, VecDeque};

use chrono::{Datelike, NaiveDate};

#[cfg(doc)]
use super::analyse_graph;
use super::{DepKind, Dependency, Endpoint, MAX_LAG_DAYS, MilestoneRef};
use crate::model::{MilestoneKind, Release};

/// Day numbers (days from the common era), as the arithmetic uses them: `i64`, so that no sum of
/// durations and lags along a chain can overflow, whatever the dates.
pub(super) fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of a day number, held to the dates chrono has (the analysis reports a date past the
/// plan's range as a diagnostic; see [`analyse_graph`]).
pub(super) fn date(n: i64) -> NaiveDate {
    i32::try_from(n).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or(if n < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The graph the analysis runs on: milestones as nodes (start, exclusive finish) and resolved
/// edges.
#[derive(Debug, Clone)]
pub struct Graph {
    pub nodes: Vec<MilestoneRef>,
    /// Planned start and exclusive finish (end + 1) per node, as day numbers.
    pub planned: Vec<(i64, i64)>,
    /// (from, to, kind, lag).
    pub edges: Vec<(usize, usize, DepKind, i32)>,
    /// (release, milestone kind) → node; releases by their index in `by_release`.
    index: HashMap<(u32, MilestoneKind), usize>,
    pub(super) release_ix: HashMap<String, u32>,
    /// Per release (by index): its nodes.
    pub(super) by_release: Vec<Vec<usize>>,
    pub diagnostics: Vec<String>,
}

impl Graph {
    /// Builds the graph; dependencies whose ends do not exist become diagnostics.
    pub fn new(releases: &[Release], deps: &[Dependency]) -> Graph {
        let mut g = Graph {
            nodes: vec![],
            planned: vec![],
            edges: vec![],
            index: HashMap::new(),
            release_ix: HashMap::new(),
            by_release: vec![],
            diagnostics: vec![],
        };
        g.index.reserve(releases.len() * 7);
        for r in releases {
            let ix = match g.release_ix.get(&r.key) {
                Some(&ix) => ix,
                None => {
                    let ix = g.by_release.len() as u32;
                    g.release_ix.insert(r.key.clone(), ix);
                    g.by_release.push(vec![]);
                    ix
                }
            };
            for m in &r.milestones {
                if g.index.contains_key(&(ix, m.kind.clone())) {
                    g.diagnostics.push(format!(
                        "{} appears twice; the second is ignored",
                        MilestoneRef { release: r.key.clone(), kind: m.kind.clone() }
                    ));
                    continue;
                }
                let n = g.nodes.len();
                g.index.insert((ix, m.kind.clone()), n);
                g.by_release[ix as usize].push(n);
                g.nodes.push(MilestoneRef { release: r.key.clone(), kind: m.kind.clone() });
                let (s, e) = (day(m.planned_start), day(m.planned_end));
                g.planned.push((s, e.max(s) + 1));
            }
        }
        for d in deps {
            // The same limit as check_new; it also keeps the day arithmetic from overflowing.
            if d.lag_days.unsigned_abs() > MAX_LAG_DAYS {
                g.diagnostics
                    .push(format!("{} → {}: a lag of {} days is more than ten years", d.from, d.to, d.lag_days));
                continue;
            }
            match (g.resolve(&d.from, d.kind, true), g.resolve(&d.to, d.kind, false)) {
                (Ok(a), Ok(b)) => g.edges.push((a, b, d.kind, d.lag_days)),
                (Err(e), _) | (_, Err(e)) => g.diagnostics.push(format!("{} → {}: {e}", d.from, d.to)),
            }
        }
        g
    }

    /// The node an endpoint stands for: the milestone, or for a whole release the milestone whose
    /// start (or finish) the dependency kind uses.
    fn resolve(&self, e: &Endpoint, kind: DepKind, predecessor: bool) -> Result<usize, String> {
        let ix = self.release_ix.get(&e.release).copied();
        if let Some(m) = &e.milestone {
            return ix.and_then(|ix| self.index.get(&(ix, m.clone())).copied()).ok_or_else(|| {
                format!("{} does not exist", MilestoneRef { release: e.release.clone(), kind: m.clone() })
            });
        }
        let nodes = ix
            .map(|ix| &self.by_release[ix as usize])
            .ok_or_else(|| format!("{} is not a release of the plan", e.release))?;
        let uses_finish = match (kind, predecessor) {
            (DepKind::FinishToStart | DepKind::FinishToFinish, true) => true,
            (DepKind::StartToStart | DepKind::StartToFinish, true) => false,
            (DepKind::FinishToStart | DepKind::StartToStart, false) => false,
            (DepKind::FinishToFinish | DepKind::StartToFinish, false) => true,
        };
        let pick = if uses_finish {
            nodes.iter().copied().max_by_key(|&n| (self.planned[n].1, std::cmp::Reverse(n)))
        } else {
            nodes.iter().copied().min_by_key(|&n| (self.planned[n].0, n))
        };
        pick.ok_or_else(|| format!("{} has no milestones", e.release))
    }

    pub fn node(&self, id: &MilestoneRef) -> Option<usize> {
        let ix = self.release_ix.get(&id.release)?;
        self.index.get(&(*ix, id.kind.clone())).copied()
    }

    /// Nodes in an order where every edge goes forward, and the nodes left on cycles.
    pub(super) fn order(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.nodes.len();
        let mut indegree = vec![0usize; n];
        let mut out: Vec<Vec<usize>> = vec![vec![]; n];
        for (i, &(a, b, _, _)) in self.edges.iter().enumerate() {
            indegree[b] += 1;
            out[a].push(i);
        }
        let mut queue: VecDeque<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &e in &out[v] {
                let b = self.edges[e].1;
                indegree[b] -= 1;
                if indegree[b] == 0 {
                    queue.push_back(b);
                }
            }
        }
        let stuck = (0..n).filter(|&v| indegree[v] > 0).collect();
        (order, stuck)
    }

    /// A cycle among the nodes left over by [`Graph::order`] (which also holds the nodes
    /// downstream of a cycle), named milestone by milestone: `A → B → C → A`.
    pub(super) fn name_cycle(&self, stuck: &[usize]) -> String {
        let on: std::collections::HashSet<usize> = stuck.iter().copied().collect();
        let mut next: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(a, b, _, _) in &self.edges {
            if on.contains(&a) && on.contains(&b) {
                next.entry(a).or_default().push(b);
            }
        }
        // Depth-first search with colours; a grey node met again closes a cycle.
        let mut colour: HashMap<usize, u8> = HashMap::new();
        for &root in stuck {
            if colour.contains_key(&root) {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            let mut path: Vec<usize> = vec![root];
            colour.insert(root, 1);
            while let Some(&mut (v, ref mut i)) = stack.last_mut() {
                let succ = next.get(&v).map(Vec::as_slice).unwrap_or(&[]);
                if *i < succ.len() {
                    let w = succ[*i];
                    *i += 1;
                    match colour.get(&w) {
                        Some(1) => {
                            let at = path.iter().position(|&x| x == w).unwrap_or(0);
                            let mut names: Vec<String> =
                                path[at..].iter().map(|&x| self.nodes[x].to_string()).collect();
                            names.push(self.nodes[w].to_string());
                            return names.join(" → ");
                        }
                        Some(_) => {}
                        None => {
                            colour.insert(w, 1);
                            stack.push((w, 0));
                            path.push(w);
                        }
                    }
                } else {
                    colour.insert(v, 2);
                    stack.pop();
                    path.pop();
                }
            }
        }
        stuck.iter().map(|&x| self.nodes[x].to_string()).collect::<Vec<_>>().join(", ")
    }
}

/// Refuses a dependency that cannot be added: an end that does not exist, a dependency on
/// itself, or one that would close a cycle (named milestone by milestone).
pub fn check_new(releases: &[Release], deps: &[Dependency], new: &Dependency) -> Result<(), String> {
    if new.lag_days.unsigned_abs() > MAX_LAG_DAYS {
        return Err(format!("a lag of {} days is more than ten years", new.lag_days));
    }
    if new.from == new.to {
        return Err(format!("{} cannot depend on itself", new.from));
    }
    let g = Graph::new(releases, std::slice::from_ref(new));
    if g.edges.is_empty() {
        return Err(g.diagnostics.last().cloned().unwrap_or_default());
    }
    let mut all = deps.to_vec();
    all.push(new.clone());
    let g = cycle_graph(releases, &all);
    let (_, stuck) = g.order();
    if stuck.is_empty() { Ok(()) } else { Err(format!("it would close a cycle: {}", g.name_cycle(&stuck))) }
}

/// Problems with a whole set of dependencies (an import): ends that do not exist, and a cycle,
/// named. Empty when the set is sound.
pub fn check_all(releases: &[Release], deps: &[Dependency]) -> Vec<String> {
    let g = cycle_graph(releases, deps);
    let mut out = g.diagnostics.clone();
    let (_, stuck) = g.order();
    if !stuck.is_empty() {
        out.push(format!("the dependencies close a cycle: {}", g.name_cycle(&stuck)));
    }
    out
}

/// The graph cycles are checked on: the dependencies, plus, within a release that has a
/// whole-release dependency, its first milestone before its last (a release starts before it
/// finishes), so that "A after B" and "B after A" between whole releases is a cycle too.
fn cycle_graph(releases: &[Release], deps: &[Dependency]) -> Graph {
    let mut g = Graph::new(releases, deps);
    let whole: std::collections::BTreeSet<&str> = deps
        .iter()
        .flat_map(|d| [&d.from, &d.to])
        .filter(|e| e.milestone.is_none())
        .map(|e| e.release.as_str())
        .collect();
    for key in whole {
        if let Some(nodes) = g.release_ix.get(key).map(|&ix| &g.by_release[ix as usize]) {
            let first = nodes.iter().copied().min_by_key(|&n| (g.planned[n].0, n));
            let last = nodes.iter().copied().max_by_key(|&n| (g.planned[n].1, std::cmp::Reverse(n)));
            if let (Some(a), Some(b)) = (first, last)
                && a != b
            {
                g.edges.push((a, b, DepKind::StartToStart, 0));
            }
        }
    }
    g
}
