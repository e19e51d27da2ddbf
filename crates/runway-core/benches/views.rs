//! What the app's views cost on big plans, in-process: the roadmap layout (with its JSON, as the
//! IPC sends it) and the report models laid out as pages (issue 4 and 5 sizes).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_core::report::{ReportKind, ReportRequest};

fn views(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut group = c.benchmark_group("views");
    group.sample_size(10);
    for n in [1_000usize, 5_000] {
        let path = dir.path().join(format!("demo-{n}.runway"));
        let mut p = Planner::create_demo(&path, 2027, n, today, "bench", false).unwrap();
        p.set_today(today);
        group.bench_function(format!("roadmap_layout_{n}"), |b| {
            b.iter(|| black_box(p.roadmap(None).unwrap().rows.len()))
        });
        group.bench_function(format!("roadmap_layout_json_{n}"), |b| {
            b.iter(|| black_box(serde_json::to_string(&p.roadmap(None).unwrap()).unwrap().len()))
        });
        let generated_at = Some("2026-11-22T09:00:00Z".parse().unwrap());
        for kind in [ReportKind::Quarterly, ReportKind::Poster] {
            let req = ReportRequest { generated_at, ..ReportRequest::new(kind) };
            group.bench_function(format!("{kind:?}_pages_{n}").to_lowercase(), |b| {
                b.iter(|| black_box(p.report_document(&req).unwrap().pages.len()))
            });
            group.bench_function(format!("{kind:?}_pdf_{n}").to_lowercase(), |b| {
                b.iter(|| black_box(p.report_pdf(&req).unwrap().0.len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, views);
criterion_main!(benches);
