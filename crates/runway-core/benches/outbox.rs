//! The outbox at 5,000 releases (issue 17's targets): the messages that moving every deployment
//! window of one quarter by a day would make (audience, text, invitation), in-process, ≤ 200 ms;
//! writing 1,000 messages as `.eml` files, ≤ 1 s; and what making its message adds to one edit.

use std::hint::black_box;

use chrono::{NaiveDate, TimeDelta};
use criterion::{Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_domain::Window;

fn outbox(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let path = dir.path().join("demo-5000.runway");
    drop(Planner::create_demo(&path, 2027, 5_000, today, "bench", false).unwrap());
    let p = Planner::open(&path, "Zoë Ångström <zoe.angstrom@example.com>").unwrap();
    let (from, to) = (NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
    let moved: Vec<(runway_domain::Release, runway_domain::Release)> = p
        .export()
        .unwrap()
        .releases
        .into_iter()
        .filter_map(|before| {
            let w = before.window?;
            if w.start.date() < from || w.start.date() > to {
                return None;
            }
            let mut after = before.clone();
            after.window = Some(Window { start: w.start + TimeDelta::days(1), end: w.end + TimeDelta::days(1) });
            Some((before, after))
        })
        .collect();
    let made = p.messages_for(&moved).unwrap();
    eprintln!("{} releases moved in Q1 2027 make {} messages", moved.len(), made.len());

    let mut group = c.benchmark_group("outbox");
    group.sample_size(10);
    group.bench_function("quarter_moves_messages_5000", |b| {
        b.iter(|| black_box(p.messages_for(black_box(&moved)).unwrap().len()))
    });
    let thousand: Vec<_> = made.iter().cycle().take(1_000).cloned().collect();
    let out = dir.path().join("eml");
    std::fs::create_dir_all(&out).unwrap();
    group.bench_function("eml_files_1000", |b| {
        b.iter(|| {
            for (i, m) in thousand.iter().enumerate() {
                let bytes = runway_core::mail::eml(&p.mail(m, m.made_at)).unwrap();
                std::fs::write(out.join(format!("{i:05}.eml")), bytes).unwrap();
            }
        })
    });
    // The cost the outbox adds to an edit: one production window moved and saved, its message
    // made in the same write (and the next iteration's move replacing it).
    let key = moved[0].0.key.clone();
    let mut owner = p;
    let mut days = 0i64;
    group.bench_function("one_window_move_with_its_message_5000", |b| {
        b.iter(|| {
            days = if days == 1 { 2 } else { 1 };
            let mut r = owner.release(&key).unwrap().release;
            let w = r.window.unwrap();
            let shift = if days == 1 { 1 } else { -1 };
            r.window = Some(Window { start: w.start + TimeDelta::days(shift), end: w.end + TimeDelta::days(shift) });
            black_box(owner.update_release(&key, runway_domain::ReleaseInput::from(&r)).unwrap());
        })
    });
    group.finish();
}

criterion_group!(benches, outbox);
criterion_main!(benches);
