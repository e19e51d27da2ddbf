//! The analysis over every milestone: earliest dates (never before planned), latest finish and
//! slack per connected group, the critical milestones and the chain that makes each critical,
//! the violated dependencies and the portfolio's critical path.

use chrono::NaiveDate;

use super::graph::{date, day};
use super::{Analysis, DepKind, Dependency, Graph, MilestoneRef, MilestoneSchedule, Violation};
use crate::dates;
use crate::model::Release;

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
    out_order.sort_unstable_by_key(|&v| (rank[release_of[v] as usize], g.planned[v].0, g.nodes[v].kind.clone(), v));

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
