//! The schedule analysis over the demo portfolio (targets: 5,000 releases analysed in < 50 ms, a
//! what-if in < 5 ms).

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use runway_domain::MilestoneKind as K;
use runway_domain::Release;
use runway_domain::demo::demo;
use runway_domain::schedule::{Change, DepKind, Dependency, Endpoint, MilestoneRef, analyse, what_if};

fn has(r: &Release, kind: K) -> bool {
    r.milestones.iter().any(|m| m.kind == kind)
}

fn fs(from: &Release, a: K, to: &Release, b: K) -> Dependency {
    Dependency {
        from: Endpoint { release: from.key.clone(), milestone: Some(a) },
        to: Endpoint { release: to.key.clone(), milestone: Some(b) },
        kind: DepKind::FinishToStart,
        lag_days: 0,
    }
}

/// Within each release, finish-to-start from each phase to the next it has (planning → build →
/// test → deployment → early life support → closure); across releases, finish-to-start from the
/// deployment of every `every`th release to the next release's deployment.
fn dependencies(releases: &[Release], every: usize) -> Vec<Dependency> {
    let chain = [K::Planning, K::Build, K::Test, K::Deployment, K::EarlyLifeSupport, K::Closure];
    let mut deps = vec![];
    for (i, r) in releases.iter().enumerate() {
        let phases: Vec<K> = chain.iter().filter(|&k| has(r, k.clone())).cloned().collect();
        for w in phases.windows(2) {
            deps.push(fs(r, w[0].clone(), r, w[1].clone()));
        }
        if i % every == 0
            && let Some(next) = releases.get(i + 1)
            && has(r, K::Deployment)
            && has(next, K::Deployment)
        {
            deps.push(fs(r, K::Deployment, next, K::Deployment));
        }
    }
    deps
}

fn schedule(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut group = c.benchmark_group("schedule");
    group.sample_size(20);
    for n in [1_000usize, 5_000] {
        let doc = demo(2027, n, today);
        let deps = dependencies(&doc.releases, 7);
        let a = analyse(&doc.releases, &deps);
        assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
        eprintln!(
            "{n} releases: {} milestones, {} dependencies, {} violations, critical path of {}",
            a.milestones.len(),
            deps.len(),
            a.violations.len(),
            a.critical_path.len()
        );
        group.bench_function(format!("analyse_{n}"), |b| {
            b.iter(|| black_box(analyse(black_box(&doc.releases), black_box(&deps)).milestones.len()))
        });
        if !doc.dependencies.is_empty() {
            group.bench_function(format!("analyse_{n}_demo_dependencies"), |b| {
                b.iter(|| black_box(analyse(black_box(&doc.releases), black_box(&doc.dependencies)).milestones.len()))
            });
        }
        if n == 5_000 {
            // The deployment of a release with another downstream of it, three days later.
            let r = doc.releases.iter().step_by(7).filter(|r| has(r, K::Deployment)).nth(300).unwrap();
            let m = r.milestones.iter().find(|m| m.kind == K::Deployment).unwrap();
            let change = Change::Milestone {
                milestone: MilestoneRef { release: r.key.clone(), kind: K::Deployment },
                start: m.planned_start + Duration::days(3),
                end: m.planned_end + Duration::days(3),
            };
            let w = what_if(&doc.releases, &deps, &change);
            eprintln!(
                "what-if on {}: {} moved, {} must move, {} newly violated, {} windows changed",
                r.key,
                w.moved.len(),
                w.must_move.len(),
                w.newly_violated.len(),
                w.windows_changed.len()
            );
            group.bench_function("what_if_move_deployment_5000", |b| {
                b.iter(|| black_box(what_if(black_box(&doc.releases), black_box(&deps), black_box(&change))))
            });
            // The worst case: every release's deployment before the next one's, so the change
            // reaches the whole plan and one critical chain runs through it. Over 1,000 releases
            // only: the critical chain stored on every critical milestone makes this grow with the
            // cube of the chain's length (5,000 releases take tens of seconds).
            let first = &doc.releases[..1_000];
            let all = dependencies(first, 1);
            let r = first.iter().skip(500).find(|r| has(r, K::Deployment)).unwrap();
            let m = r.milestones.iter().find(|m| m.kind == K::Deployment).unwrap();
            let change = Change::Milestone {
                milestone: MilestoneRef { release: r.key.clone(), kind: K::Deployment },
                start: m.planned_start + Duration::days(3),
                end: m.planned_end + Duration::days(3),
            };
            group.bench_function("what_if_move_deployment_1000_all_connected", |b| {
                b.iter(|| black_box(what_if(black_box(first), black_box(&all), black_box(&change))))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, schedule);
criterion_main!(benches);
