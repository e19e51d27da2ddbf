//! The proptest strategy for "any date chrono has", shared by the property tests that must not
//! panic anywhere in the calendar (tests/properties.rs, tests/schedule/properties.rs).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// Any date chrono has (NaiveDate::MIN..=NaiveDate::MAX), weighted towards the places arithmetic
/// breaks: the ends of chrono's calendar and the ends of the plan's range (years 1 and 9999).
pub fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
    let (first, last) =
        (runway_domain::dates::FIRST_DAY.num_days_from_ce(), runway_domain::dates::LAST_DAY.num_days_from_ce());
    prop_oneof![
        3 => min..=max,
        1 => min..=min + 400,
        2 => max - 400..=max,
        1 => first - 400..=first + 400,
        2 => last - 400..=last + 400,
    ]
    .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}
