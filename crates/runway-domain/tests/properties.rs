//! Properties of the pure domain that hold for any seed, size and day.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use runway_domain::demo::demo;
use runway_domain::portfolio::{Known, check};
use runway_domain::{Portfolio, ReleaseInput, ReleaseKind, ReleaseUnit, Risk, Window};

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..3650).prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any demo passes the import checks, so it can always be written into a plan.
    #[test]
    fn every_demo_is_a_valid_portfolio(seed in any::<u64>(), n in 1usize..150, today in day()) {
        let doc = demo(seed, n, today);
        prop_assert_eq!(doc.releases.len(), n);
        prop_assert_eq!(check(&doc, &Known::default()), vec![]);
    }

    /// The JSON form of a portfolio reads back as the same value.
    #[test]
    fn a_portfolio_survives_json(seed in any::<u64>(), n in 1usize..40, today in day()) {
        let doc = demo(seed, n, today);
        let back: Portfolio = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        prop_assert_eq!(back, doc);
    }

    /// A window is accepted exactly when it ends after it starts.
    #[test]
    fn a_window_is_valid_iff_it_ends_after_it_starts(start_min in 0i64..100_000, len in -500i64..500) {
        let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let start = base + Duration::minutes(start_min);
        let input = ReleaseInput {
            key: "REL-1".into(),
            title: "t".into(),
            kind: ReleaseKind::Minor,
            unit: ReleaseUnit::Delta,
            applications: vec![],
            owner: None,
            manager: None,
            environments: vec![],
            window: Some(Window { start, end: start + Duration::minutes(len) }),
            risk: Risk::Low,
            acceptance_criteria: String::new(),
            backout_plan: String::new(),
            backout_tested: false,
            notes: String::new(),
        };
        let refused = input.validate().iter().any(|e| e.field == "window");
        prop_assert_eq!(refused, len <= 0);
    }
}
