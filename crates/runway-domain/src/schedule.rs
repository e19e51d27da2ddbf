//! Dependencies and schedule analysis (D4, D5): earliest dates, slack, the critical path and
//! violated dependencies over every milestone of a portfolio, and what-if moves.
//!
//! Pure and deterministic: the same releases and dependencies always give the same analysis.
//! Dates are whole days; a milestone runs from its planned start to its planned end, both
//! included. Problems in the data (a cycle, an endpoint that does not exist) come back as
//! diagnostics; the analysis never panics.

use std::collections::{HashMap, VecDeque};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::model::{MilestoneKind, Release};

mod ci;
mod whatif;
pub(crate) use ci::direct_links;
pub use ci::{CiDependency, CiLink, ci_implied, ci_links};
pub use whatif::{Change, Shift, SlackUse, WhatIf, apply, shifted_change, what_if};

labelled_enum!(
    /// How a successor depends on its predecessor.
    DepKind {
        FinishToStart => "fs", "Finish to start";
        StartToStart => "ss", "Start to start";
        FinishToFinish => "ff", "Finish to finish";
        StartToFinish => "sf", "Start to finish";
    }
);

/// One end of a dependency: a milestone of a release, or the whole release (its first milestone's
/// start, its last milestone's end).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub release: String,
    #[serde(default)]
    pub milestone: Option<MilestoneKind>,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.milestone {
            Some(m) => write!(f, "{} {}", self.release, m.label().to_lowercase()),
            None => f.write_str(&self.release),
        }
    }
}

/// `to` depends on `from`: with finish-to-start and a lag of 2, `to` starts at the earliest two
/// days after `from` finishes (a negative lag lets it overlap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub from: Endpoint,
    pub to: Endpoint,
    pub kind: DepKind,
    #[serde(default)]
    pub lag_days: i32,
}

/// A milestone by release and kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct MilestoneRef {
    pub release: String,
    pub kind: MilestoneKind,
}

impl std::fmt::Display for MilestoneRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.release, self.kind.label().to_lowercase())
    }
}

/// One milestone's place in the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneSchedule {
    pub milestone: MilestoneRef,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    /// The earliest it can run, given its dependencies (never before it is planned).
    pub earliest_start: NaiveDate,
    pub earliest_end: NaiveDate,
    /// The latest it can end without delaying the last milestone of its chain of dependencies.
    pub latest_end: NaiveDate,
    pub slack_days: i32,
    pub critical: bool,
    /// For a critical milestone: the chain of dependencies that makes it critical, as an index
    /// into [`Analysis::chains`] (milestones on one chain share it).
    pub chain: Option<u32>,
}

/// A dependency the plan breaks: the successor is planned before its predecessor allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Violation {
    pub from: MilestoneRef,
    pub to: MilestoneRef,
    pub kind: DepKind,
    pub lag_days: i32,
    /// How many days too early the successor is planned.
    pub by_days: i32,
    pub message: String,
}

/// The analysis of a whole portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Analysis {
    /// Every milestone, by release key and kind.
    pub milestones: Vec<MilestoneSchedule>,
    pub violations: Vec<Violation>,
    /// The critical path of the portfolio: the longest chain of zero-slack milestones.
    pub critical_path: Vec<MilestoneRef>,
    /// The chains that make milestones critical, first to last (see [`MilestoneSchedule::chain`]).
    pub chains: Vec<Vec<MilestoneRef>>,
    /// Problems in the data (cycles, endpoints that do not exist), one sentence each.
    pub diagnostics: Vec<String>,
}

impl Analysis {
    /// The chain that makes a milestone critical (empty when it is not).
    pub fn chain(&self, m: &MilestoneSchedule) -> &[MilestoneRef] {
        m.chain.and_then(|i| self.chains.get(i as usize)).map_or(&[], Vec::as_slice)
    }
}

/// The longest lag a dependency may have, either way: ten years.
pub const MAX_LAG_DAYS: u32 = 3650;

/// Day numbers (days from the common era), as the arithmetic uses them: `i64`, so that no sum of
/// durations and lags along a chain can overflow, whatever the dates.
fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of a day number, held to the dates chrono has (the analysis reports a date past the
/// plan's range as a diagnostic; see [`analyse_graph`]).
fn date(n: i64) -> NaiveDate {
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
    release_ix: HashMap<String, u32>,
    /// Per release (by index): its nodes.
    by_release: Vec<Vec<usize>>,
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
                if g.index.contains_key(&(ix, m.kind)) {
                    g.diagnostics.push(format!(
                        "{} appears twice; the second is ignored",
                        MilestoneRef { release: r.key.clone(), kind: m.kind }
                    ));
                    continue;
                }
                let n = g.nodes.len();
                g.index.insert((ix, m.kind), n);
                g.by_release[ix as usize].push(n);
                g.nodes.push(MilestoneRef { release: r.key.clone(), kind: m.kind });
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
        if let Some(m) = e.milestone {
            return ix
                .and_then(|ix| self.index.get(&(ix, m)).copied())
                .ok_or_else(|| format!("{} does not exist", MilestoneRef { release: e.release.clone(), kind: m }));
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
        self.index.get(&(*ix, id.kind)).copied()
    }

    /// Nodes in an order where every edge goes forward, and the nodes left on cycles.
    fn order(&self) -> (Vec<usize>, Vec<usize>) {
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
    fn name_cycle(&self, stuck: &[usize]) -> String {
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

/// The earliest start a successor can have given one edge, from the predecessor's (start,
/// exclusive finish) and the successor's duration.
fn bound(kind: DepKind, lag: i32, pred: (i64, i64), dur: i64) -> i64 {
    let lag = i64::from(lag);
    match kind {
        DepKind::FinishToStart => pred.1 + lag,
        DepKind::StartToStart => pred.0 + lag,
        DepKind::FinishToFinish => pred.1 + lag - dur,
        DepKind::StartToFinish => pred.0 + lag - dur,
    }
}

/// The latest exclusive finish a predecessor can have given one edge, from the successor's
/// latest (start, exclusive finish) and the predecessor's duration.
fn latest(kind: DepKind, lag: i32, succ: (i64, i64), dur: i64) -> i64 {
    let lag = i64::from(lag);
    match kind {
        DepKind::FinishToStart => succ.0 - lag,
        DepKind::StartToStart => succ.0 - lag + dur,
        DepKind::FinishToFinish => succ.1 - lag,
        DepKind::StartToFinish => succ.1 - lag + dur,
    }
}

/// Describes how an edge is broken in words.
fn violation_message(kind: DepKind, lag: i32, from: &MilestoneRef, to: &MilestoneRef, by: i32) -> String {
    let (must, then) = match kind {
        DepKind::FinishToStart => ("start", "finishes"),
        DepKind::StartToStart => ("start", "starts"),
        DepKind::FinishToFinish => ("finish", "finishes"),
        DepKind::StartToFinish => ("finish", "starts"),
    };
    let days = |n: i32| format!("{n} day{}", if n == 1 { "" } else { "s" });
    let lag = match lag {
        0 => String::new(),
        l if l > 0 => format!(" plus {}", days(l)),
        l => format!(" minus {}", days(-l)),
    };
    format!("{to} must {must} after {from} {then}{lag}, but is planned {} too early", days(by))
}

/// Runs the analysis over a graph.
pub fn analyse_graph(g: &Graph) -> Analysis {
    let n = g.nodes.len();
    let mut diagnostics = g.diagnostics.clone();
    let (order, stuck) = g.order();
    if !stuck.is_empty() {
        diagnostics.push(format!(
            "a cycle of dependencies ({}); these {} milestones are left out of the analysis",
            g.name_cycle(&stuck),
            stuck.len()
        ));
    }
    let dur: Vec<i64> = g.planned.iter().map(|&(s, f)| f - s).collect();
    let mut incoming: Vec<Vec<usize>> = vec![vec![]; n];
    let mut outgoing: Vec<Vec<usize>> = vec![vec![]; n];
    for (i, &(a, b, _, _)) in g.edges.iter().enumerate() {
        incoming[b].push(i);
        outgoing[a].push(i);
    }

    // Forward: earliest start is the planned start or later, as the predecessors require.
    let mut early: Vec<(i64, i64)> = g.planned.clone();
    for &v in &order {
        let mut es = g.planned[v].0;
        for &e in &incoming[v] {
            let (a, _, kind, lag) = g.edges[e];
            es = es.max(bound(kind, lag, early[a], dur[v]));
        }
        early[v] = (es, es + dur[v]);
    }

    // Components (undirected), and each one's finish: the latest earliest finish in it.
    let mut comp = vec![usize::MAX; n];
    let mut comps: Vec<(i64, usize)> = vec![];
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        let c = comps.len();
        let (mut finish, mut size) = (i64::MIN, 0);
        let mut stack = vec![s];
        comp[s] = c;
        while let Some(v) = stack.pop() {
            finish = finish.max(early[v].1);
            size += 1;
            for &e in incoming[v].iter().chain(&outgoing[v]) {
                let (a, b, _, _) = g.edges[e];
                for w in [a, b] {
                    if comp[w] == usize::MAX {
                        comp[w] = c;
                        stack.push(w);
                    }
                }
            }
        }
        comps.push((finish, size));
    }

    // Backward: the latest finish that delays nothing downstream, nor the component's finish.
    // Milestones left out (on or after a cycle) keep their dates and constrain nothing.
    let in_cycle: std::collections::HashSet<usize> = stuck.iter().copied().collect();
    let mut late: Vec<(i64, i64)> = early.clone();
    for &v in order.iter().rev() {
        let mut lf = comps[comp[v]].0;
        for &e in &outgoing[v] {
            let (_, b, kind, lag) = g.edges[e];
            if !in_cycle.contains(&b) {
                lf = lf.min(latest(kind, lag, late[b], dur[v]));
            }
        }
        late[v] = (lf - dur[v], lf);
    }
    let slack: Vec<i64> = (0..n).map(|v| late[v].1 - early[v].1).collect();
    let critical: Vec<bool> = (0..n).map(|v| !in_cycle.contains(&v) && comps[comp[v]].1 > 1 && slack[v] <= 0).collect();

    // Dates a plan cannot hold: planned outside the years 1 to 9999 (a plan that did not come
    // through the checks), or pushed past the last day by its dependencies.
    let (first, last) = (day(dates::FIRST_DAY), day(dates::LAST_DAY));
    for (v, (&(s, f), &(_, earliest_finish))) in g.planned.iter().zip(&early).enumerate() {
        if s < first || f - 1 > last {
            diagnostics.push(format!(
                "{} is planned from {} to {}, outside the years {} to {}",
                g.nodes[v],
                date(s),
                date(f - 1),
                dates::MIN_YEAR,
                dates::MAX_YEAR
            ));
        } else if !in_cycle.contains(&v) && earliest_finish - 1 > last {
            let end = earliest_finish - 1;
            let to =
                if end > day(NaiveDate::MAX) { format!("after {}", NaiveDate::MAX) } else { date(end).to_string() };
            diagnostics.push(format!(
                "{}: its dependencies push its end to {to}, past {}, the last day a plan can hold",
                g.nodes[v],
                dates::LAST_DAY
            ));
        }
    }

    // The chain that makes a critical milestone critical: its critical, driving predecessors back
    // to the start, and its critical, driving successors up to the end.
    let driving_pred = |v: usize| -> Option<usize> {
        incoming[v]
            .iter()
            .map(|&e| g.edges[e])
            .filter(|&(a, _, kind, lag)| critical[a] && bound(kind, lag, early[a], dur[v]) == early[v].0)
            .map(|(a, _, _, _)| a)
            .min()
    };
    let driving_succ = |v: usize| -> Option<usize> {
        outgoing[v]
            .iter()
            .map(|&e| g.edges[e])
            .filter(|&(_, b, kind, lag)| critical[b] && bound(kind, lag, early[v], dur[b]) == early[b].0)
            .map(|(_, b, _, _)| b)
            .min()
    };
    let chain_of = |v: usize| -> Vec<usize> {
        let mut back = vec![v];
        let mut x = v;
        // The graph analysed has no cycle, so a walk never repeats; the length guard is a backstop.
        while let Some(p) = driving_pred(x) {
            if back.len() > n {
                break;
            }
            back.push(p);
            x = p;
        }
        back.reverse();
        let mut x = v;
        while let Some(s) = driving_succ(x) {
            if back.len() > n {
                break;
            }
            back.push(s);
            x = s;
        }
        back
    };

    let mut violations = vec![];
    for &(a, b, kind, lag) in &g.edges {
        if in_cycle.contains(&a) || in_cycle.contains(&b) {
            continue;
        }
        let need = bound(kind, lag, g.planned[a], dur[b]);
        let by = dates::saturate(need - g.planned[b].0);
        if by > 0 {
            violations.push(Violation {
                from: g.nodes[a].clone(),
                to: g.nodes[b].clone(),
                kind,
                lag_days: lag,
                by_days: by,
                message: violation_message(kind, lag, &g.nodes[a], &g.nodes[b], by),
            });
        }
    }

    // The portfolio's critical path: the critical chain spanning the most days.
    let mut critical_path: Vec<usize> = vec![];
    let mut best = i64::MIN;
    for v in 0..n {
        if critical[v] && driving_pred(v).is_none() {
            let chain = chain_of(v);
            let span = early[*chain.last().unwrap_or(&v)].1 - early[v].0;
            if span > best || (span == best && chain.len() > critical_path.len()) {
                best = span;
                critical_path = chain;
            }
        }
    }

    // Each critical milestone's chain, shared by the milestones on it: one walk per chain, so a
    // chain through thousands of releases is stored once.
    let mut chain_index: Vec<Option<u32>> = vec![None; n];
    let mut chains: Vec<Vec<MilestoneRef>> = vec![];
    for &v in &order {
        if !critical[v] || chain_index[v].is_some() {
            continue;
        }
        let chain = chain_of(v);
        let idx = chains.len() as u32;
        for &x in &chain {
            chain_index[x].get_or_insert(idx);
        }
        chains.push(chain.into_iter().map(|x| g.nodes[x].clone()).collect());
    }

    // Output order: by release key, then planned start, then kind — keys ranked once.
    let mut keys: Vec<(&str, u32)> = g.release_ix.iter().map(|(k, &ix)| (k.as_str(), ix)).collect();
    keys.sort_unstable();
    let mut rank = vec![0u32; keys.len()];
    for (r, &(_, ix)) in keys.iter().enumerate() {
        rank[ix as usize] = r as u32;
    }
    let mut release_of = vec![0u32; n];
    for (ix, nodes) in g.by_release.iter().enumerate() {
        for &v in nodes {
            release_of[v] = ix as u32;
        }
    }
    let mut out_order: Vec<usize> = (0..n).collect();
    out_order.sort_unstable_by_key(|&v| (rank[release_of[v] as usize], g.planned[v].0, g.nodes[v].kind, v));

    let milestones: Vec<MilestoneSchedule> = out_order
        .into_iter()
        .map(|v| MilestoneSchedule {
            milestone: g.nodes[v].clone(),
            planned_start: date(g.planned[v].0),
            planned_end: date(g.planned[v].1 - 1),
            earliest_start: date(early[v].0),
            earliest_end: date(early[v].1 - 1),
            latest_end: date(late[v].1 - 1),
            slack_days: dates::saturate(slack[v]),
            critical: critical[v],
            chain: chain_index[v],
        })
        .collect();
    violations.sort_by(|a, b| (&a.to, &a.from).cmp(&(&b.to, &b.from)));
    Analysis {
        milestones,
        violations,
        critical_path: critical_path.into_iter().map(|x| g.nodes[x].clone()).collect(),
        chains,
        diagnostics,
    }
}

/// Analyses a portfolio's releases and dependencies.
pub fn analyse(releases: &[Release], deps: &[Dependency]) -> Analysis {
    analyse_graph(&Graph::new(releases, deps))
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
