//! The responsibility matrix through the Planner (issue 16), on the 5,000-release demo: every
//! activity's audience for every release (what a notification run resolves), the resolution
//! alone over releases already read, and what the Matrix view asks when it opens (the portfolio's
//! grid with its holders, and one release's).
//!
//! `cargo bench -p runway-core --bench matrix` (`MATRIX_RELEASES=1000` for another size).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_domain::matrix::{Code, Holders};

fn matrix(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let n: usize = std::env::var("MATRIX_RELEASES").ok().and_then(|s| s.parse().ok()).unwrap_or(5_000);
    let path = dir.path().join("demo.runway");
    let mut p = Planner::create_demo(&path, 2027, n, today, "bench", false).unwrap();
    p.set_today(today);
    // Some releases name their own holders, as a real plan's do.
    let keys: Vec<String> = p.list_releases().unwrap().into_iter().map(|r| r.key).collect();
    for key in keys.iter().step_by(10) {
        p.assign("test_manager", "sofia.papadopoulou@example.com", Some(key)).unwrap();
    }
    let key = keys[keys.len() / 2].clone();
    let doc = p.export().unwrap();
    let m = doc.matrix.clone().unwrap();

    let mut group = c.benchmark_group("matrix");
    group.sample_size(20);
    group.bench_function(format!("owned audiences of every activity of {n} releases (resolution only)"), |b| {
        b.iter(|| {
            let h = Holders::new(&m, &doc.people, &doc.assignments);
            let mut told = 0;
            for r in &doc.releases {
                for a in &m.activities {
                    told += h.audience(Some(r), &a.key).to_tell().len();
                }
            }
            black_box(told)
        })
    });
    group.bench_function(format!("audiences of every activity of {n} releases (Planner)"), |b| {
        b.iter(|| black_box(p.audiences().unwrap().len()))
    });
    group.bench_function(format!("audiences of every activity of {n} releases (resolution only)"), |b| {
        b.iter(|| {
            // The index, then each release × activity resolved into one reused buffer, and the
            // people to tell (R, C and I, each once) counted.
            let h = Holders::new(&m, &doc.people, &doc.assignments);
            let mut buf = vec![];
            let mut told = 0;
            for r in &doc.releases {
                for a in &m.activities {
                    h.resolve(Some(r), &a.key, &mut buf);
                    let mut seen: Vec<&str> = vec![];
                    for x in
                        buf.iter().filter(|x| matches!(x.code, Code::Responsible | Code::Consulted | Code::Informed))
                    {
                        if !seen.contains(&x.email) {
                            seen.push(x.email);
                        }
                    }
                    told += seen.len();
                }
            }
            black_box(told)
        })
    });
    group.bench_function("matrix view (portfolio)", |b| b.iter(|| black_box(p.matrix_view(None).unwrap())));
    group.bench_function("matrix view (one release)", |b| b.iter(|| black_box(p.matrix_view(Some(&key)).unwrap())));
    group.bench_function("matrix check", |b| b.iter(|| black_box(p.matrix_check().unwrap())));
    group.finish();
}

criterion_group!(benches, matrix);
criterion_main!(benches);
