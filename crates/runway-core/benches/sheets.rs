//! Spreadsheet CSV at 5,000 releases (issue 18's target: both ways ≤ 300 ms): the releases table
//! written from a plan, and read into an empty plan (parsed, checked, written in one transaction);
//! and MS Project XML of the same plan written (target ≤ 1 s), read by the MSPDI reader, and
//! imported whole into an empty plan (target ≤ 2 s).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_domain::interchange::csv::Table;

fn sheets(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let path = dir.path().join("demo-5000.runway");
    drop(Planner::create_demo(&path, 2027, 5_000, today, "bench", false).unwrap());
    let p = Planner::open(&path, "bench").unwrap();
    // The demo's releases are in every stage; a spreadsheet brings new ones in as Draft.
    let exported = p.export_csv(Table::Releases, false).unwrap();
    let drafts: String = exported
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return format!("{l}\r\n");
            }
            let mut cells: Vec<String> = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes())
                .records()
                .next()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .unwrap_or_default();
            if cells.len() > 4 {
                cells[4] = "draft".into();
            }
            let mut w = csv::Writer::from_writer(vec![]);
            w.write_record(&cells).unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap().trim_end().to_owned() + "\r\n"
        })
        .collect();

    let mut group = c.benchmark_group("sheets");
    group.sample_size(10);
    let xml = p.export_mspdi().unwrap();
    eprintln!("MS Project XML of 5,000 releases: {} MB", xml.len() >> 20);
    group.bench_function("mspdi_export_5000", |b| b.iter(|| black_box(p.export_mspdi().unwrap().len())));
    group.bench_function("mspdi_read_5000", |b| {
        b.iter(|| black_box(runway_domain::mspdi::read(xml.as_bytes()).unwrap().tasks.len()))
    });
    // The whole import into an empty plan: read, converted, checked (cycles included) and
    // written in one transaction with its one undo step.
    let mut m = 0;
    let choice = runway_core::api::mspdi::MspdiChoice {
        one_release: false,
        kind: runway_domain::ReleaseKind::Minor,
        key: "MSP".into(),
    };
    group.bench_function("mspdi_import_5000", |b| {
        b.iter_batched(
            || {
                m += 1;
                Planner::create(&dir.path().join(format!("mspdi-{m}.runway")), "Import", "bench", false).unwrap()
            },
            |mut q| black_box(q.import_mspdi(xml.as_bytes(), "demo.xml", &choice, true).unwrap().added.len()),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("releases_csv_export_5000", |b| {
        b.iter(|| black_box(p.export_csv(Table::Releases, true).unwrap().len()))
    });
    let mut n = 0;
    group.bench_function("releases_csv_import_5000", |b| {
        b.iter_batched(
            || {
                n += 1;
                let path = dir.path().join(format!("empty-{n}.runway"));
                let mut q = Planner::create(&path, "Import", "bench", false).unwrap();
                // The demo's reference data (applications, people) the releases name.
                let mut doc = p.export().unwrap();
                doc.releases.clear();
                doc.events.clear();
                doc.dependencies.clear();
                doc.baselines.clear();
                doc.bookings.clear();
                doc.assignments.retain(|a| a.release.is_none());
                doc.lists.clear();
                q.import(&doc, "reference").unwrap();
                q
            },
            |mut q| black_box(q.import_csv(Table::Releases, &drafts, "releases.csv").unwrap().added),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, sheets);
criterion_main!(benches);
