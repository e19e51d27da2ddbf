//! Random edits on three copies of a plan, exchanged by change files in random orders (issue 20):
//! once every copy has merged every other's changes, all hold the same plan and the same review
//! cards, and each holds every operation any of them made (none is lost).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use runway_core::Planner;
use runway_core::api::replicas::Since;
use runway_domain::schedule::{DepKind, Dependency, Endpoint};

use crate::fingerprint;
use crate::releases::{input_of, new_input};

#[derive(Debug, Clone)]
enum Step {
    Title(usize, usize, u8),
    Notes(usize, usize, u8),
    Phase(usize, usize, u8, u8),
    LinkRfc(usize, usize, usize),
    UnlinkRfc(usize, usize, usize),
    Create(usize, u8),
    Delete(usize, u8),
    Depend(usize, u8, u8),
    Undepend(usize, u8, u8),
    /// Copy `from` exports everything; copy `to` merges it.
    Send(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let r = 0usize..3;
    prop_oneof![
        (r.clone(), 0usize..4, any::<u8>()).prop_map(|(c, i, n)| Step::Title(c, i, n % 3)),
        (r.clone(), 0usize..4, any::<u8>()).prop_map(|(c, i, n)| Step::Notes(c, i, n % 3)),
        (r.clone(), 0usize..4, any::<u8>(), any::<u8>()).prop_map(|(c, i, p, d)| Step::Phase(c, i, p % 2, d % 5)),
        (r.clone(), 0usize..4, 0usize..3).prop_map(|(c, i, f)| Step::LinkRfc(c, i, f)),
        (r.clone(), 0usize..4, 0usize..3).prop_map(|(c, i, f)| Step::UnlinkRfc(c, i, f)),
        (r.clone(), any::<u8>()).prop_map(|(c, k)| Step::Create(c, k % 3)),
        (r.clone(), any::<u8>()).prop_map(|(c, k)| Step::Delete(c, k % 3)),
        (r.clone(), any::<u8>(), any::<u8>()).prop_map(|(c, a, b)| Step::Depend(c, a % 3, b % 3)),
        (r.clone(), any::<u8>(), any::<u8>()).prop_map(|(c, a, b)| Step::Undepend(c, a % 3, b % 3)),
        (r.clone(), 0usize..3).prop_map(|(a, b)| Step::Send(a, b)),
    ]
}

const NEW: [&str; 3] = ["REL-2031.01.01", "REL-2031.02.01", "REL-2031.03.01"];

fn whole(key: &str) -> Endpoint {
    Endpoint { release: key.into(), milestone: None }
}

/// Applies one step; a step the copy refuses (a release it does not hold, a cycle) changes nothing.
fn apply(copies: &mut [Planner], keys: &[String], rfcs: &[String], dir: &Path, n: usize, s: &Step) {
    match s {
        Step::Title(c, i, v) | Step::Notes(c, i, v) => {
            let p = &mut copies[*c];
            if let Ok(d) = p.release(&keys[*i]) {
                let mut input = input_of(&d.release);
                let text = format!("{} {c}/{v}", if matches!(s, Step::Title(..)) { "Title" } else { "Notes" });
                if matches!(s, Step::Title(..)) {
                    input.title = text
                } else {
                    input.notes = text
                }
                let _ = p.update_release(&keys[*i], input);
            }
        }
        Step::Phase(c, i, which, day) => {
            let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4 + u32::from(*day)).unwrap();
            let input = runway_core::api::phases::PhaseInput {
                name: ["SIT", "Dress rehearsal"][*which as usize].into(),
                planned_start: start,
                planned_end: start + chrono::TimeDelta::days(1),
                actual_start: None,
                actual_end: None,
            };
            let _ = copies[*c].set_phase(&keys[*i], &input);
        }
        Step::LinkRfc(c, i, f) => drop(copies[*c].link_rfc(&keys[*i], &rfcs[*f])),
        Step::UnlinkRfc(c, i, f) => drop(copies[*c].unlink_rfc(&keys[*i], &rfcs[*f])),
        Step::Create(c, k) => {
            let mut input = new_input();
            input.key = NEW[*k as usize].into();
            input.title = format!("Made on copy {c}");
            let _ = copies[*c].create_release(input);
        }
        Step::Delete(c, k) => drop(copies[*c].delete_release(NEW[*k as usize])),
        Step::Depend(c, a, b) | Step::Undepend(c, a, b) => {
            let (from, to) = (whole(NEW[*a as usize]), whole(NEW[*b as usize]));
            if a == b {
                return;
            }
            if matches!(s, Step::Depend(..)) {
                let d = Dependency { from, to, kind: DepKind::FinishToStart, lag_days: 0 };
                let _ = copies[*c].add_dependency(d);
            } else {
                let _ = copies[*c].remove_dependency(&from, &to);
            }
        }
        Step::Send(a, b) => {
            if a != b {
                let file = dir.join(format!("step-{n}.runway-changes"));
                copies[*a].export_changes_file(&Since::All, &file).unwrap();
                copies[*b].merge_changes_file(&file).unwrap();
            }
        }
    }
}

fn op_ids(p: &mut Planner) -> BTreeSet<String> {
    p.export_changes(&Since::All).unwrap().ops.into_iter().map(|o| o.id).collect()
}

fn copies_of(base: &Path, dir: &Path) -> Vec<Planner> {
    let p = Planner::open(base, "Base <b@example.com>").unwrap();
    (0..3)
        .map(|i| {
            let mut c = p.save_as(&dir.join(format!("copy{i}.runway")), false).unwrap();
            c.set_actor(&format!("Copy {i} <c{i}@example.com>"));
            c
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 50, ..ProptestConfig::default() })]

    #[test]
    fn copies_that_have_seen_the_same_changes_hold_the_same_plan(steps in proptest::collection::vec(step(), 1..14)) {
        let (dir, base, p) = crate::demo(4);
        let keys: Vec<String> = p.list_releases().unwrap().into_iter().map(|r| r.key).collect();
        let rfcs: Vec<String> = p.catalog().unwrap().rfcs.into_iter().take(3).map(|r| r.key).collect();
        drop(p);
        let mut copies = copies_of(&base, dir.path());
        for (n, s) in steps.iter().enumerate() {
            apply(&mut copies, &keys, &rfcs, dir.path(), n, s);
        }
        // Everyone sends everything to everyone (twice round, so what one merged travels on).
        let mut n = 1000;
        for _ in 0..2 {
            for a in 0..3 {
                for b in 0..3 {
                    n += 1;
                    apply(&mut copies, &keys, &rfcs, dir.path(), n, &Step::Send(a, b));
                }
            }
        }
        let ids: Vec<BTreeSet<String>> = copies.iter_mut().map(op_ids).collect();
        prop_assert_eq!(&ids[0], &ids[1], "copy 1 lacks or has more operations than copy 0");
        prop_assert_eq!(&ids[0], &ids[2]);
        let seen: Vec<(String, String)> = copies
            .iter()
            .map(|c| (fingerprint(c).0, serde_json::to_string(&c.review_cards().unwrap()).unwrap()))
            .collect();
        prop_assert!(seen[0] == seen[1] && seen[0] == seen[2], "the copies differ after seeing the same changes: {steps:?}");
        for c in &copies {
            prop_assert!(c.verify().unwrap().ok());
        }
        let _: PathBuf = base;
    }
}

/// Few cases in `make test`; `PROPTEST_CASES` for more (`make fuzz` style runs).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}
