//! The team store's syncs against a real PostgreSQL server on 127.0.0.1 (started by `PgServer`):
//! the first sync of a 5,000-release plan (150,000 journal rows of about 300 bytes pushed to a
//! fresh database, then pulled back whole), its parts, and a sync with nothing new. Figures in
//! docs/team-store.md; `cargo bench -p runway-sync --bench push` reruns them.

use std::cell::RefCell;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use runway_sync::testing::PgServer;
use runway_sync::{OpRow, TeamStore};
use tokio::runtime::Runtime;

const ROWS: usize = 150_000;

/// 150,000 rows from 30 replicas, each body about 300 bytes of JSON.
fn journal() -> Vec<OpRow> {
    (0..ROWS)
        .map(|i| {
            let replica = format!("0190c3e2-{:04x}-7000-8000-00000000{:04x}", i % 30, i % 30);
            let counter = (i / 30) as i64 + 1;
            let mut body = format!(
                r#"{{"entity":"release","key":"REL-{:05}","action":"update","field":"title","at":"2026-03-{:02}T10:{:02}:00Z","value":""#,
                i % 5_000,
                1 + i % 28,
                i % 60
            );
            while body.len() < 296 {
                body.push_str("Payments platform quarterly ");
            }
            body.truncate(296);
            body.push_str(r#""}"#);
            OpRow { id: format!("{replica}:{counter}"), replica, counter, body }
        })
        .collect()
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Fresh databases, one per iteration; the previous one dropped first so the disk stays small.
struct Databases<'a> {
    pg: &'a PgServer,
    count: RefCell<usize>,
}

impl Databases<'_> {
    fn fresh(&self) -> String {
        let mut count = self.count.borrow_mut();
        if *count > 0 {
            self.pg.admin_sql("postgres", &format!("DROP DATABASE bench_{} WITH (FORCE)", *count));
        }
        *count += 1;
        self.pg.database(&format!("bench_{}", *count))
    }
}

fn syncs(c: &mut Criterion) {
    let Some(pg) = PgServer::start() else { return };
    let rt = runtime();
    let rows = journal();
    let average = rows.iter().map(|r| r.body.len()).sum::<usize>() / rows.len();
    eprintln!("{} rows, bodies of {average} bytes", rows.len());
    let databases = Databases { pg: &pg, count: RefCell::new(0) };

    let mut heavy = c.benchmark_group("first sync");
    heavy.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(40));
    heavy.bench_function("connect + push 150,000 rows to a fresh database + pull them all", |b| {
        b.iter_batched(
            || databases.fresh(),
            |url| {
                rt.block_on(async {
                    let store = TeamStore::connect(&url, "acme").await.unwrap();
                    assert_eq!(store.push(&rows).await.unwrap(), ROWS as u64);
                    assert_eq!(store.pull(0).await.unwrap().0.len(), ROWS);
                })
            },
            BatchSize::PerIteration,
        )
    });
    heavy.bench_function("push 150,000 rows to a fresh database", |b| {
        b.iter_batched(
            || rt.block_on(TeamStore::connect(&databases.fresh(), "acme")).unwrap(),
            |store| assert_eq!(rt.block_on(store.push(&rows)).unwrap(), ROWS as u64),
            BatchSize::PerIteration,
        )
    });

    // One database holding the journal, for what follows.
    let url = databases.fresh();
    let store = rt.block_on(TeamStore::connect(&url, "acme")).unwrap();
    rt.block_on(store.push(&rows)).unwrap();
    let (_, mark) = rt.block_on(store.pull(0)).unwrap();
    heavy.bench_function("pull 150,000 rows (a new replica's first pull)", |b| {
        b.iter(|| assert_eq!(rt.block_on(store.pull(0)).unwrap().0.len(), ROWS))
    });
    heavy.bench_function("push the same 150,000 rows again (nothing new)", |b| {
        b.iter(|| assert_eq!(rt.block_on(store.push(&rows)).unwrap(), 0))
    });
    heavy.finish();

    let mut quiet = c.benchmark_group("sync with nothing new");
    quiet.bench_function("pull after the high-water mark", |b| {
        b.iter(|| assert!(rt.block_on(store.pull(mark)).unwrap().0.is_empty()))
    });
    quiet.bench_function("connect (login, schema check) + pull after the high-water mark", |b| {
        b.iter(|| {
            rt.block_on(async {
                let store = TeamStore::connect(&url, "acme").await.unwrap();
                assert!(store.pull(mark).await.unwrap().0.is_empty());
            })
        })
    });
    quiet.finish();
}

criterion_group!(benches, syncs);
criterion_main!(benches);
