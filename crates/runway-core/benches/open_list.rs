//! Opening a plan and listing its releases (issue 2's target: 5,000 releases in < 150 ms).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use runway_core::Planner;

fn open_and_list(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut group = c.benchmark_group("plan");
    group.sample_size(20);
    for n in [40usize, 1_000, 5_000] {
        let path = dir.path().join(format!("demo-{n}.runway"));
        drop(Planner::create_demo(&path, 2027, n, today, "bench", false).unwrap());
        group.bench_function(format!("open_and_list_{n}"), |b| {
            b.iter(|| {
                let p = Planner::open(black_box(&path), "bench").unwrap();
                black_box(p.list_releases().unwrap().len())
            })
        });
        let p = Planner::open(&path, "bench").unwrap();
        group.bench_function(format!("list_{n}"), |b| b.iter(|| black_box(p.list_releases().unwrap().len())));
    }
    group.finish();
}

criterion_group!(benches, open_and_list);
criterion_main!(benches);
