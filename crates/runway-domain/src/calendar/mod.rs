//! The forward schedule of changes (D6): the plan's change windows (freeze, blackout, maintenance,
//! green zone), environment bookings, the conflicts between them and the releases' deployments,
//! and the next free deployment slots.
//!
//! - [`zone`]: the plan's time zone and the one conversion of a local time to an instant.
//! - [`window`]: a change window, its scope and recurrence (RFC 5545 rules through `rrule`), its
//!   checks and its occurrences in a range.
//! - [`booking`]: environment bookings, the ones a release's milestones make and manual ones.
//! - [`conflict`]: the conflicts, found by sweeping sorted intervals (not pairwise).
//! - [`slots`]: the next deployment windows that break no rule.
//!
//! Times a user sees and types are local to the plan's time zone (`NaiveDateTime`); the
//! comparisons are made on instants (UTC), so a window across a change of daylight saving time
//! is as long as the clock on the wall says.

pub mod booking;
pub mod conflict;
pub mod slots;
pub mod window;
pub mod zone;

pub use booking::{BookedBy, Booking, BookingSource, ManualBooking};
pub use conflict::{Conflict, ConflictKind, Party, PartyKind, Severity};
pub use window::{ChangeWindow, Occurrence, Scope, WindowKind};
pub use zone::PlanZone;
