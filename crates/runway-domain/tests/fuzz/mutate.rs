//! The fuzzing engine the importers' harnesses share (issue 18; `tests/fuzz.rs` here and
//! runway-core's `tests/fuzz_json.rs`): inputs made from real files by mutations, or arbitrary
//! bytes, each fed to an importer that must read it or refuse it with a message, without a panic
//! and within [`LIMIT`]. Proptest runs the cases and, on a failure, shrinks the recipe and prints
//! it with the seed's name and the input it makes.

use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestError, TestRunner};

/// The longest one case may take: longer is a bug (a hang, or work out of proportion to the input).
pub const LIMIT: Duration = Duration::from_secs(2);
/// A case still running after this long is a hang: the harness names it and stops the process.
const HANG: Duration = Duration::from_secs(60);

/// Cases per importer: `RUNWAY_FUZZ_CASES`, else 256 (what `make test` runs; `make fuzz` runs more).
#[allow(clippy::disallowed_methods, reason = "the harness, not the domain, reads its setting")]
pub fn cases() -> u32 {
    std::env::var("RUNWAY_FUZZ_CASES").ok().and_then(|n| n.trim().parse().ok()).unwrap_or(256)
}

/// A real file the mutations start from.
pub struct Seed {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Seed {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Seed {
        Seed { name: name.into(), bytes: bytes.into() }
    }
}

/// Units every format is fed, alone or repeated (deep nesting, huge numbers and strings, many
/// columns or lines), besides its own ([`fuzz`]'s `tokens`).
const GENERIC: &[&[u8]] =
    &[b"[", b"{\"a\":", b"<a>", b"9", b"a", b"\"", b",", b"\n", b"\r\n", b"\0", b"\xff", b"\xef\xbb\xbf", b"-", b"\\"];

/// One change to the bytes. Positions are [`Index`]es into the bytes as they are when it applies.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Cut the bytes at a point.
    Truncate(Index),
    /// Flip one bit of a byte.
    Flip(Index, u8),
    /// Replace a byte.
    Set(Index, u8),
    /// Insert bytes.
    Insert(Index, Vec<u8>),
    /// Delete up to this many bytes.
    Delete(Index, usize),
    /// Copy a slice (from, length) to another point.
    Duplicate(Index, usize, Index),
    /// This input up to a point, then another seed from a point.
    Splice(Index, Index, Index),
    /// Replace a span (start, length) by a token repeated (token, times).
    Repeat(Index, usize, Index, usize),
}

/// A case: arbitrary bytes, or a seed and the mutations applied to it in order.
#[derive(Clone, Debug)]
pub enum Recipe {
    Bytes(Vec<u8>),
    Mutated(Index, Vec<Mutation>),
}

/// A position in `0..len`, or 0 when empty.
fn pos(i: &Index, len: usize) -> usize {
    if len == 0 { 0 } else { i.index(len) }
}

/// A point between bytes: `0..=len`.
fn point(i: &Index, len: usize) -> usize {
    i.index(len + 1)
}

impl Recipe {
    /// The seed it starts from, if any.
    pub fn seed<'a>(&self, seeds: &'a [Seed]) -> Option<&'a Seed> {
        match self {
            Recipe::Bytes(_) => None,
            Recipe::Mutated(seed, _) => Some(&seeds[seed.index(seeds.len())]),
        }
    }

    /// The input the recipe makes.
    pub fn build(&self, seeds: &[Seed], tokens: &[&[u8]]) -> Vec<u8> {
        let (seed, mutations) = match self {
            Recipe::Bytes(bytes) => return bytes.clone(),
            Recipe::Mutated(seed, mutations) => (seed, mutations),
        };
        let token = |i: &Index| -> &[u8] {
            let n = i.index(GENERIC.len() + tokens.len());
            if n < GENERIC.len() { GENERIC[n] } else { tokens[n - GENERIC.len()] }
        };
        let mut b = seeds[seed.index(seeds.len())].bytes.clone();
        for m in mutations {
            let len = b.len();
            match m {
                Mutation::Truncate(at) => b.truncate(point(at, len)),
                Mutation::Flip(at, bit) if len > 0 => b[pos(at, len)] ^= 1 << (bit % 8),
                Mutation::Set(at, byte) if len > 0 => b[pos(at, len)] = *byte,
                Mutation::Flip(..) | Mutation::Set(..) => {}
                Mutation::Insert(at, bytes) => {
                    let at = point(at, len);
                    b.splice(at..at, bytes.iter().copied());
                }
                Mutation::Delete(at, n) => {
                    let at = point(at, len);
                    b.drain(at..(at + n).min(len));
                }
                Mutation::Duplicate(from, n, to) => {
                    let from = point(from, len);
                    let slice = b[from..(from + n).min(len)].to_vec();
                    let to = point(to, len);
                    b.splice(to..to, slice);
                }
                Mutation::Splice(at, other, from) => {
                    let other = &seeds[other.index(seeds.len())].bytes;
                    b.truncate(point(at, len));
                    b.extend_from_slice(&other[point(from, other.len())..]);
                }
                Mutation::Repeat(at, n, unit, times) => {
                    let at = point(at, len);
                    let unit = token(unit);
                    b.splice(at..(at + n).min(len), unit.iter().copied().cycle().take(unit.len() * times));
                }
            }
        }
        b
    }
}

/// How many times a unit is repeated: mostly a few, sometimes thousands (nesting past every
/// limit, a number of 50,000 digits).
fn times() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 1usize..64, 2 => 64usize..5_000, 1 => 5_000usize..50_000]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<Index>;
    prop_oneof![
        i().prop_map(Mutation::Truncate),
        (i(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        (i(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        (i(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (i(), 1usize..256).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (i(), 1usize..4096, i()).prop_map(|(from, n, to)| Mutation::Duplicate(from, n, to)),
        (i(), i(), i()).prop_map(|(at, other, from)| Mutation::Splice(at, other, from)),
        // A token inserted once, or a span replaced by it repeated.
        (i(), i()).prop_map(|(at, unit)| Mutation::Repeat(at, 0, unit, 1)),
        (i(), 0usize..64, i(), times()).prop_map(|(at, n, unit, k)| Mutation::Repeat(at, n, unit, k)),
    ]
}

/// One case in six is arbitrary bytes; the others a seed with up to six mutations (none: the seed
/// as it is).
pub fn recipe() -> impl Strategy<Value = Recipe> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048).prop_map(Recipe::Bytes),
        5 => (any::<Index>(), prop::collection::vec(mutation(), 0..7)).prop_map(|(s, m)| Recipe::Mutated(s, m)),
    ]
}

/// An input as a person can read it: escaped, the middle left out of a long one.
pub fn show(bytes: &[u8]) -> String {
    const EDGE: usize = 1500;
    if bytes.len() <= 2 * EDGE {
        return format!("b\"{}\"", bytes.escape_ascii());
    }
    let (head, tail) = (&bytes[..EDGE], &bytes[bytes.len() - EDGE..]);
    format!("b\"{}\" … ({} bytes) … b\"{}\"", head.escape_ascii(), bytes.len() - 2 * EDGE, tail.escape_ascii())
}

/// Runs [`cases`] cases of `importer` (`Ok`, or `Err` with its messages) over inputs made from
/// `seeds` (mutated with [`GENERIC`] and `tokens` among what is inserted) and arbitrary bytes.
/// Fails, naming the smallest recipe found and its input, when a case panics, takes longer than
/// [`LIMIT`] or is refused without a message; stops the process when one runs past [`HANG`].
/// Prints the figures: cases, read, refused, slowest case and time.
pub fn fuzz(name: &str, seeds: &[Seed], tokens: &[&[u8]], importer: impl Fn(&[u8]) -> Result<(), Vec<String>>) {
    let config = Config { cases: cases(), failure_persistence: None, max_shrink_time: 120_000, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let (read, refused, slowest) = (Cell::new(0u64), Cell::new(0u64), Cell::new(Duration::ZERO));
    let current: Mutex<Option<(Instant, Recipe)>> = Mutex::new(None);
    let done = AtomicBool::new(false);
    let started = clock();
    let result = std::thread::scope(|s| {
        s.spawn(|| watchdog(name, seeds, tokens, &current, &done));
        let result = runner.run(&recipe(), |r| {
            let input = r.build(seeds, tokens);
            let at = clock();
            *current.lock().unwrap() = Some((at, r.clone()));
            let outcome = importer(&input);
            let took = at.elapsed();
            *current.lock().unwrap() = None;
            slowest.set(slowest.get().max(took));
            prop_assert!(took <= LIMIT, "took {took:?}, more than {LIMIT:?}");
            match outcome {
                Ok(()) => read.set(read.get() + 1),
                Err(messages) => {
                    prop_assert!(!messages.is_empty(), "refused without a message");
                    prop_assert!(messages.iter().all(|m| !m.trim().is_empty()), "an empty message in {messages:?}");
                    refused.set(refused.get() + 1);
                }
            }
            Ok(())
        });
        done.store(true, Ordering::Relaxed);
        result
    });
    match result {
        Ok(()) => eprintln!(
            "fuzz {name}: {} cases, {} read, {} refused, 0 panics, slowest {:.1?}, {:.1?} in all",
            read.get() + refused.get(),
            read.get(),
            refused.get(),
            slowest.get(),
            started.elapsed()
        ),
        Err(TestError::Fail(why, recipe)) => {
            let seed = recipe.seed(seeds).map_or("arbitrary bytes".to_owned(), |s| format!("seed {}", s.name));
            let input = recipe.build(seeds, tokens);
            // Where the input leaves its seed, which the ends of a long input do not show.
            let from = recipe.seed(seeds).map_or(0, |s| s.bytes.iter().zip(&input).take_while(|(a, b)| a == b).count());
            let near = &input[from.saturating_sub(200)..(from + 800).min(input.len())];
            panic!(
                "fuzz {name}: {why}\n  recipe ({seed}): {recipe:?}\n  input ({} bytes): {}\n  from byte {from}: {}",
                input.len(),
                show(&input),
                show(near)
            )
        }
        Err(e) => panic!("fuzz {name}: {e}"),
    }
}

#[allow(clippy::disallowed_methods, reason = "the harness times the importer; the importer reads no clock")]
fn clock() -> Instant {
    Instant::now()
}

/// Watches the case running: one past [`HANG`] is named and the process stopped, since a case
/// cannot be interrupted.
fn watchdog(
    name: &str,
    seeds: &[Seed],
    tokens: &[&[u8]],
    current: &Mutex<Option<(Instant, Recipe)>>,
    done: &AtomicBool,
) {
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        let hung = current.lock().unwrap().as_ref().filter(|(at, _)| at.elapsed() > HANG).map(|(_, r)| r.clone());
        if let Some(recipe) = hung {
            let input = recipe.build(seeds, tokens);
            eprintln!(
                "fuzz {name}: a case has run for more than {HANG:?}: a hang\n  recipe: {recipe:?}\n  input: {}",
                show(&input)
            );
            std::process::exit(101);
        }
    }
}
