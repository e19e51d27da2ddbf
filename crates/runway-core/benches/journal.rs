//! The change journal at 5,000 releases (issue 20's targets): what it adds to an ordinary edit
//! (≤ 10%: the same write with and without its journal operations), and exporting and merging a
//! month of a busy release manager's changes (10,000 operations) into a copy of the plan (≤ 1 s).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_core::journal::{Action, Entity};
use runway_core::store::replica::changes::{self, ChangeFile, FORMAT, VERSION};
use runway_core::store::tables::releases;
use runway_core::store::{self, write};

fn journal(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let base = dir.path().join("base-5000.runway");
    drop(Planner::create_demo(&base, 2027, 5_000, today, "bench", false).unwrap());
    let mut group = c.benchmark_group("journal");
    group.sample_size(20);

    // An ordinary edit: a release's title changed through the form's save (`update_release`:
    // checked, written, audited, its undo step and messages made), with and without the journal.
    let a = dir.path().join("a.runway");
    drop(Planner::open(&base, "bench").unwrap().save_as(&a, false).unwrap());
    let mut p = Planner::open(&a, "Bench <bench@example.com>").unwrap();
    let keys: Vec<String> = p.list_releases().unwrap().into_iter().map(|r| r.key).collect();
    let mut n = 0u64;
    for (name, off) in [("title_edit_journaled_5000", false), ("title_edit_not_journaled_5000", true)] {
        p.bench_without_journal(off);
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                let key = &keys[(n % 5_000) as usize];
                let mut input = runway_domain::ReleaseInput::from(&p.release(key).unwrap().release);
                input.title = format!("Title {n}");
                black_box(p.update_release(key, input).unwrap());
            })
        });
    }
    drop(p);

    // A month of a busy release manager: 10,000 operations on a copy (titles, notes, windows
    // moved), then what the other copy lacks, as a change file.
    let b_path = dir.path().join("b.runway");
    let seen = changes::vector(&store::open(&base).unwrap().conn).unwrap();
    let owned = store::copy_and_open(&store::open(&base).unwrap().conn, &b_path, false).unwrap();
    let mut conn = owned.conn;
    let keys: Vec<String> = releases::load_all(&conn).unwrap().into_iter().map(|(_, r)| r.key).collect();
    write::write(&mut conn, "Busy <busy@example.com>", chrono::Utc::now(), |w| {
        for i in 0..5_000usize {
            let key = &keys[i % keys.len()];
            let id = releases::require(w.tx(), key)?;
            let before = releases::load(w.tx(), id)?;
            let mut after = before.clone();
            after.title = format!("{} (month {i})", before.title);
            after.notes = format!("Noted {i}");
            releases::replace(w.tx(), id, &after)?;
            w.record(Action::Update, Entity::Release, key, Some(&before), Some(&after))?;
        }
        Ok(())
    })
    .unwrap();
    let file = |conn: &store::Connection| {
        let ops = changes::ops_since(conn, &seen).unwrap();
        ChangeFile {
            format: FORMAT.into(),
            version: VERSION,
            portfolio: runway_core::store::tables::reference::meta(conn, "portfolio_id").unwrap().unwrap_or_default(),
            portfolio_name: String::new(),
            replica: runway_core::store::tables::reference::meta(conn, "replica_id").unwrap().unwrap_or_default(),
            author: "Busy".into(),
            vector: changes::vector(conn).unwrap(),
            digest: changes::digest(&ops).unwrap(),
            ops,
        }
    };
    let month = file(&conn);
    eprintln!("a month of changes: {} operations", month.ops.len());
    group.bench_function("export_10000_ops_5000", |b| {
        b.iter(|| black_box(serde_json::to_vec(&file(&conn)).unwrap().len()))
    });
    let bytes = serde_json::to_vec(&month).unwrap();
    let mut m = 0;
    group.sample_size(10);
    group.bench_function("merge_10000_ops_into_5000", |b| {
        b.iter_batched(
            || {
                m += 1;
                let target = dir.path().join(format!("m{m}.runway"));
                std::fs::copy(&base, &target).unwrap();
                Planner::open(&target, "Merger <m@example.com>").unwrap()
            },
            |mut p| black_box(p.merge_changes(&bytes, "month.runway-changes").unwrap().added),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, journal);
criterion_main!(benches);
