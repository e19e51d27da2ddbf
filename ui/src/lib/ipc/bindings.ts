// Generated from the Rust types by runway-core (src/bindings.rs). Do not edit by hand:
// run `make bindings` after changing a type that crosses to the UI.

export type ReleaseKind = "major" | "minor" | "patch" | "emergency";

export type ReleaseUnit = "full" | "delta" | "package";

export type Risk = "low" | "medium" | "high" | "critical";

export type ReleaseStatus = "draft" | "planned" | "submitted_to_cab" | "approved" | "rejected" | "build" | "test" | "test_failed" | "awaiting_authorization" | "authorized" | "not_authorized" | "deploying" | "deployed" | "deployment_failed" | "backed_out" | "verified" | "early_life_support" | "closed" | "closed_failed" | "closed_rejected" | "cancelled";

export type Role = "sponsor" | "process_owner" | "release_manager" | "test_manager" | "release_owner" | "change_manager" | "deployment_staff" | "early_life_support" | "environment_staff";

export type RfcStatus = "submitted" | "approved" | "implemented" | "rejected" | "withdrawn";

export type MilestoneKind = string;

export type Application = { 
/**
 * Short code, unique in the plan (e.g. `PAY`).
 */
code: string, name: string, };

export type Environment = { name: string, 
/**
 * True for production-class environments.
 */
production: boolean, 
/**
 * How many bookings may overlap before it is over capacity (D6); 1 unless said.
 */
capacity: number, 
/**
 * Which of a release's dates book it; none for the default by its class
 * ([`crate::calendar::booking::booked_by`]).
 */
booked_by?: BookedBy | null, };

export type Person = { email: string, name: string, organisation: string, };

export type Rfc = { key: string, title: string, status: RfcStatus, };

export type Ci = { name: string, 
/**
 * What kind of item it is (service, database, library, infrastructure, ...).
 */
kind: string, 
/**
 * The application the item belongs to, by code; none for shared infrastructure.
 */
application: string | null, };

export type CiVersion = { ci: string, version: string, };

export type Milestone = { kind: MilestoneKind, planned_start: string, planned_end: string, actual_start: string | null, actual_end: string | null, };

export type Window = { start: string, end: string, };

export type Release = { key: string, title: string, kind: ReleaseKind, unit: ReleaseUnit, status: ReleaseStatus, 
/**
 * Application codes.
 */
applications: Array<string>, 
/**
 * The Release Owner, by e-mail.
 */
owner: string | null, 
/**
 * The Release Manager, by e-mail.
 */
manager: string | null, 
/**
 * Target environment names.
 */
environments: Array<string>, window: Window | null, risk: Risk, acceptance_criteria: string, backout_plan: string, backout_tested: boolean, notes: string, 
/**
 * Linked RFC keys.
 */
rfcs: Array<string>, 
/**
 * Bill of materials.
 */
cis: Array<CiVersion>, milestones: Array<Milestone>, };

export type ReleaseInput = { key: string, title: string, kind: ReleaseKind, unit: ReleaseUnit, applications: Array<string>, owner: string | null, manager: string | null, environments: Array<string>, window: Window | null, risk: Risk, acceptance_criteria: string, backout_plan: string, backout_tested: boolean, notes: string, };

export type PhaseInput = { name: string, planned_start: string, planned_end: string, actual_start: string | null, actual_end: string | null, };

export type TemplatePhase = { phase: MilestoneKind, start: number, end: number, };

export type TemplateLink = { from: MilestoneKind, to: MilestoneKind, kind: DepKind, lag_days: number, };

export type ReleaseTemplate = { kind: ReleaseKind, phases: Array<TemplatePhase>, links: Array<TemplateLink>, };

export type ReleaseTemplateInfo = { template: ReleaseTemplate, custom: boolean, };

export type MspdiChoice = { 
/**
 * The whole file as one release (with `key`), rather than one per summary task.
 */
one_release: boolean, 
/**
 * The kind of the releases made.
 */
kind: ReleaseKind, 
/**
 * The one release's key, or the prefix of keys made up for summary tasks that name none.
 */
key: string, };

export type ImportedRelease = { key: string, title: string, phases: number, 
/**
 * For a release the plan has: what changes ("title", "Build 2027-03-01 – 03-09 → …").
 */
changes: Array<string>, };

export type MspdiImport = { 
/**
 * The project's name in the file.
 */
project: string, added: Array<ImportedRelease>, changed: Array<ImportedRelease>, 
/**
 * Releases of the file the plan already holds as they are.
 */
unchanged: number, dependencies: number, baselines: Array<string>, 
/**
 * What Runway cannot represent or changed on the way, one sentence each.
 */
dropped: Array<string>, 
/**
 * True once written; false for a preview.
 */
committed: boolean, };

export type FieldError = { 
/**
 * The field's name as in [`ReleaseInput`] (`key`, `title`, `window`, `owner`, ...).
 */
field: string, message: string, };

export type Diagnostic = { path: string, message: string, };

export type ReleaseSummary = { key: string, title: string, kind: ReleaseKind, unit: ReleaseUnit, status: ReleaseStatus, 
/**
 * Application codes.
 */
applications: Array<string>, 
/**
 * The Release Owner's name.
 */
owner: string | null, 
/**
 * The Release Manager's name.
 */
manager: string | null, window: Window | null, risk: Risk, rfc_count: number, ci_count: number, 
/**
 * When the release was last changed, UTC, RFC 3339.
 */
updated_at: string, };

export type BomLine = { ci: string, kind: string, version: string, };

export type ReleaseDetail = { release: Release, linked_rfcs: Array<Rfc>, bill_of_materials: Array<BomLine>, created_at: string, updated_at: string, };

export type Catalog = { applications: Array<Application>, environments: Array<Environment>, people: Array<Person>, rfcs: Array<Rfc>, cis: Array<Ci>, };

export type PlanInfo = { 
/**
 * Absolute path of the plan file.
 */
path: string, 
/**
 * The file name, for the window title.
 */
file_name: string, 
/**
 * The plan's own name (from its metadata).
 */
name: string, releases: number, schema_version: number, 
/**
 * Hash of the newest audit event: ties a printout or an export to this state of the plan.
 */
audit_head: string, };

export type BackupInfo = { 
/**
 * The file name in the plan's backup folder: what restoring asks for.
 */
name: string, 
/**
 * When it was taken (RFC 3339, UTC).
 */
taken_at: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * The audit log's newest entry in it: number and hash.
 */
audit_seq: number, audit_hash: string, releases: number, };

export type Backups = { folder: string, 
/**
 * How many are kept.
 */
keep: number, backups: Array<BackupInfo>, 
/**
 * Files in the folder that could not be read as backups, each with why.
 */
unreadable: Array<string>, };

export type Profile = { name: string, email: string, };

export type AppState = { plan: PlanInfo | null, profile: Profile, 
/**
 * True until the user has confirmed their profile once.
 */
profile_is_default: boolean, 
/**
 * Most recent first, absolute paths.
 */
recent: Array<string>, 
/**
 * A message to show once (for example why the last plan could not be reopened).
 */
notice: string | null, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "not_a_plan" | "newer_schema" | "no_plan" | "cancelled" | "io" | "corrupt" | "busy" | "internal" | "refused";

export type ErrorInfo = { code: ErrorCode, message: string, 
/**
 * For validation errors: the message for each field in error.
 */
fields: Array<FieldError>, };

export type CabDecision = "approve" | "reject" | "defer";

export type TestKind = "installation" | "functional" | "performance" | "integration" | "user_acceptance" | "operational_readiness" | "backout";

export type SignOffDecision = "authorize" | "refuse";

export type Priority = "p1" | "p2" | "p3" | "p4";

export type EvidenceType = "cab_decision" | "test_result" | "sign_off" | "deployment" | "back_out" | "verification" | "incident" | "incident_closed" | "review";

export type EventKind = { "type": "transition", from: ReleaseStatus, to: ReleaseStatus, overridden: Array<string>, } | { "type": "cab_decision", decision: CabDecision, emergency: boolean, } | { "type": "test_result", test: TestKind, passed: boolean, } | { "type": "sign_off", decision: SignOffDecision, } | { "type": "deployment", succeeded: boolean, } | { "type": "back_out", succeeded: boolean, } | { "type": "verification", passed: boolean, } | { "type": "incident", priority: Priority, 
/**
 * The service desk's reference (INC-…).
 */
reference: string, opened: string, caused_by_release: boolean, } | { "type": "incident_closed", incident: number, } | { "type": "review", retrospective: boolean, } | { "type": "revocation", revokes: number, };

export type Event = { 
/**
 * Unique in the plan, increasing in the order events were recorded.
 */
id: number, 
/**
 * The release's key.
 */
release: string, 
/**
 * When it was recorded, UTC.
 */
at: string, 
/**
 * Who decided or reported it: a person's e-mail, or the profile of whoever recorded it.
 */
by: string, 
/**
 * The role they acted in (its key in the matrix), when they are a person of the plan.
 */
role: string | null, what: EventKind, reason: string, 
/**
 * Conditions attached to a decision ("approved on condition that …").
 */
conditions: string, };

export type Gate = "plan" | "submit" | "cab_approval" | "cab_rejection" | "test_failure" | "tests_passed" | "authorize" | "deploy" | "authorization_refused" | "deployment_succeeded" | "deployment_failed" | "back_out" | "verify" | "verification_failed" | "close" | "close_failed";

export type Breach = "no_rfc" | "no_backout" | "untested" | "overridden";

export type Condition = { 
/**
 * Stable name (`rfc`, `lead_time`, `test:functional`, `signature`, ...).
 */
code: string, 
/**
 * What the gate asks for.
 */
label: string, met: boolean, 
/**
 * How things stand ("none linked", "the window is 12 days away").
 */
detail: string, };

export type Step = { to: ReleaseStatus, 
/**
 * The button's words.
 */
label: string, gate: Gate | null, 
/**
 * The gate's conditions, met or not.
 */
conditions: Array<Condition>, allowed: boolean, 
/**
 * Blocked, but the policy allows an override with a reason.
 */
overridable: boolean, 
/**
 * The move needs a reason (cancelling).
 */
needs_reason: boolean, };

export type Assessment = { key: string, status: ReleaseStatus, emergency: boolean, 
/**
 * When the release entered its stage, UTC.
 */
since: string, days_in_state: number, limit_days: number | null, overdue: boolean, 
/**
 * Position on the lifecycle track ([`TRACK`]).
 */
track_position: number, steps: Array<Step>, 
/**
 * The evidence that can be recorded now.
 */
can_record: Array<EvidenceType>, breaches: Array<Breach>, 
/**
 * Overdue, window passed, late for CAB, open incidents: one sentence each.
 */
warnings: Array<string>, };

export type StageLimit = { status: ReleaseStatus, days: number, };

export type Policy = { 
/**
 * Submit to CAB at least this many days before the deployment window (not for emergencies).
 */
lead_time_days: number, 
/**
 * The tests that must have passed before authorization (a tested backout is always needed).
 */
required_tests: Array<TestKind>, 
/**
 * People (e-mail addresses) who may record a CAB decision besides the accountable role of
 * the matrix's CAB activity (D7): the board's members.
 */
cab_members: Array<string>, 
/**
 * Closing needs a post-implementation review (always needed for emergency releases).
 */
require_review: boolean, 
/**
 * Stage time limits; a release longer in a stage is overdue.
 */
stage_limits: Array<StageLimit>, 
/**
 * Gates that may be overridden, with a reason that is recorded.
 */
overridable: Array<Gate>, 
/**
 * The forward schedule's rules (D6): daily caps, which conflicts block, green zones.
 */
calendar: CalendarRules, };

export type EvidenceInput = { what: EventKind, 
/**
 * Who decided or reported it (a person's e-mail); empty for the profile's own name.
 */
by: string | null, reason: string, conditions: string, 
/**
 * When it was decided, if not now (a CAB that met yesterday); UTC. Not in the future, and
 * not before the release entered its stage.
 */
at: string | null, };

export type MoveInput = { to: ReleaseStatus, reason: string, 
/**
 * Pass a gate whose conditions are unmet (where the policy allows it; needs a reason).
 */
override_gate: boolean, };

export type ReleaseLifecycle = { assessment: Assessment, 
/**
 * Oldest first.
 */
events: Array<Event>, 
/**
 * Ids of the events a revocation withdrew.
 */
revoked: Array<number>, 
/**
 * Who may sign off its authorization (the matrix's S, or A, of "Authorize deployment").
 */
signers: Array<Holder>, 
/**
 * Who signs, in words (`Eleanor Whitfield (Sponsor (SVP))`), or why nobody can.
 */
signing: string, 
/**
 * Who may record the CAB's decision (the A of the CAB activity), besides the policy's CAB members.
 */
cab_deciders: Array<Holder>, };

export type ActionOutcome = { 
/**
 * One sentence for the status line ("REL-2027.03.01 moved to Approved.").
 */
message: string, lifecycle: ReleaseLifecycle, };

export type FieldChange = { field: string, before: string, after: string, };

export type HistoryItem = { 
/**
 * The audit entry's number.
 */
seq: number, 
/**
 * When it happened, UTC, RFC 3339 (for a decision: when it was decided).
 */
at: string, 
/**
 * When it was written into the plan, UTC, RFC 3339.
 */
recorded_at: string, 
/**
 * Who recorded it (the profile at the time).
 */
actor: string, 
/**
 * `edit`, `move`, `decision`, `revocation`, `undo`, `redo`, `created`, `deleted`.
 */
kind: string, summary: string, changes: Array<FieldChange>, 
/**
 * The decision or evidence, for moves and decisions.
 */
event: Event | null, 
/**
 * True when a later revocation withdrew this decision.
 */
revoked: boolean, };

export type UndoState = { undo: string | null, redo: string | null, };

export type StageCount = { status: ReleaseStatus, count: number, overdue: number, };

export type Flagged = { key: string, title: string, status: ReleaseStatus, detail: string, };

export type UpcomingGate = { key: string, title: string, status: ReleaseStatus, 
/**
 * "Submit to CAB", "Authorization", "Deployment window".
 */
gate: string, date: string, days: number, };

export type Dashboard = { today: string, 
/**
 * "2027-Q1".
 */
quarter: string, stages: Array<StageCount>, overdue: Array<Flagged>, 
/**
 * Gates in the next 14 days, soonest first.
 */
upcoming: Array<UpcomingGate>, breaches: Array<Flagged>, 
/**
 * Emergency releases with a window in the current quarter.
 */
emergencies: Array<Flagged>, 
/**
 * The forward schedule's conflicts from today on (D6), soonest first.
 */
conflicts: Array<Conflict>, };

export type DepKind = "fs" | "ss" | "ff" | "sf";

export type Endpoint = { release: string, milestone: MilestoneKind | null, };

export type Dependency = { from: Endpoint, to: Endpoint, kind: DepKind, lag_days: number, };

export type MilestoneRef = { release: string, kind: MilestoneKind, };

export type Change = { "type": "milestone", milestone: MilestoneRef, start: string, end: string, } | { "type": "release", release: string, shift_days: number, };

export type Shift = { milestone: MilestoneRef, 
/**
 * The start, before and after (for a milestone that must move: planned and earliest).
 */
from: string, to: string, 
/**
 * `to − from`: 0 for a milestone only resized.
 */
days: number, 
/**
 * The end, before and after (a resize changes only this).
 */
end_from: string, end_to: string, 
/**
 * What the change itself adds: for a milestone that was already late before it, only the
 * part this change causes (`days` is the whole distance to its earliest start).
 */
added_days: number, };

export type SlackUse = { milestone: MilestoneRef, before: number, after: number, };

export type Violation = { from: MilestoneRef, to: MilestoneRef, kind: DepKind, lag_days: number, 
/**
 * How many days too early the successor is planned.
 */
by_days: number, message: string, };

export type WhatIf = { 
/**
 * The milestones the change moves itself.
 */
moved: Array<Shift>, 
/**
 * Milestones downstream that would have to move to honour their dependencies.
 */
must_move: Array<Shift>, 
/**
 * Dependencies broken by the change (not broken before).
 */
newly_violated: Array<Violation>, 
/**
 * Dependencies the change repairs.
 */
resolved: Array<Violation>, slack_used: Array<SlackUse>, 
/**
 * Releases whose planned deployment moves (directly or because it must), by key: their
 * stakeholders need a new notice.
 */
windows_changed: Array<string>, 
/**
 * Conflicts of the forward schedule (D6) the change would create, and the ones it would
 * resolve (filled by the Planner, which holds the calendar).
 */
conflicts_created: Array<Conflict>, conflicts_resolved: Array<Conflict>, 
/**
 * Problems with the change itself (an unknown milestone, an end before the start, a date
 * outside the years 1 to 9999), or a milestone it would push past the last day a plan can
 * hold.
 */
diagnostics: Array<string>, };

export type CiLink = { upstream: string, downstream: string, ci: string, depends_on: string, };

export type Bar = { kind: MilestoneKind, start: string, end: string, 
/**
 * Drawn as a diamond: a one-day milestone (the CAB, the deployment).
 */
diamond: boolean, actual_start: string | null, actual_end: string | null, earliest_start: string, slack_days: number, critical: boolean, 
/**
 * The baseline's dates, when a baseline is overlaid and had this milestone.
 */
baseline_start: string | null, baseline_end: string | null, };

export type Row = { key: string, title: string, status: ReleaseStatus, kind: ReleaseKind, 
/**
 * Index of the row in [`Layout::rows`].
 */
index: number, bars: Array<Bar>, 
/**
 * Any of its milestones on a violated dependency.
 */
violated: boolean, 
/**
 * Conflicts of the forward schedule it is party to (D6), and how many of them block; the
 * Planner fills them in (the layout itself knows no calendar).
 */
conflicts: number, blocking_conflicts: number, };

export type Group = { code: string, name: string, 
/**
 * Indexes into [`Layout::rows`], in drawing order.
 */
rows: Array<number>, };

export type Arrow = { from_row: number, from_kind: MilestoneKind, to_row: number, to_kind: MilestoneKind, kind: DepKind, lag_days: number, violated: boolean, critical: boolean, };

export type CiArrow = { from_row: number, from_kind: MilestoneKind, to_row: number, to_kind: MilestoneKind, 
/**
 * One per CI dependency behind the link: "portal-web depends on iam-keycloak".
 */
reasons: Array<string>, };

export type Layout = { today: string, 
/**
 * The first and last day any bar covers.
 */
from: string, to: string, groups: Array<Group>, rows: Array<Row>, arrows: Array<Arrow>, 
/**
 * The links implied by configuration items, but only those with a release whose deployment
 * window has not ended yet (see [`layout`]).
 */
ci_arrows: Array<CiArrow>, baseline: string | null, critical_path: Array<MilestoneRef>, };

export type BaselineInfo = { name: string, 
/**
 * UTC, RFC 3339.
 */
taken_at: string, milestones: number, };

export type ReportKind = "release" | "monthly" | "quarterly" | "poster" | "cab_pack" | "cab_minutes" | "fsc" | "matrix";

export type Paper = "a4" | "letter" | "a3";

export type Sheet = { paper: Paper, landscape: boolean, };

export type ReportRequest = { kind: ReportKind, 
/**
 * A quarter, `2027-Q1`.
 */
quarter: string | null, 
/**
 * A month, `2027-02`.
 */
month: string | null, 
/**
 * A release key (the release report; the matrix report's names are resolved for it).
 */
release: string | null, 
/**
 * A date range (the poster, the CAB pack and minutes).
 */
from: string | null, to: string | null, sheet: Sheet, 
/**
 * The poster on one page instead of tiles.
 */
fit_one_page: boolean, 
/**
 * The matrix report in RACI (an S shows as `A*`) instead of SARCI. Optional on the wire:
 * absent is SARCI.
 */
raci?: boolean, 
/**
 * The time printed on the report; now when absent. The same plan and the same time give
 * the same bytes.
 */
generated_at: string | null, };

export type ReportSummary = { title: string, pages: number, bytes: number, 
/**
 * Characters the embedded fonts lack (printed as a box), so the user can be told.
 */
missing_glyphs: Array<string>, };

export type SavedReport = { 
/**
 * Absolute path of the PDF; `open_report` accepts only paths saved in this session.
 */
path: string, 
/**
 * The file name, for the message.
 */
file_name: string, summary: ReportSummary, };

export type Rgb = [number, number, number];

export type Mark = { "type": "text", x: number, y: number, size: number, bold: boolean, color: Rgb, text: string, } | { "type": "rect", x: number, y: number, w: number, h: number, fill: Rgb | null, stroke: Rgb | null, line_width: number, } | { "type": "line", points: Array<[number, number]>, color: Rgb, width: number, dashed: boolean, } | { "type": "polygon", points: Array<[number, number]>, fill: Rgb, };

export type Page = { width: number, height: number, marks: Array<Mark>, };

export type Bookmark = { title: string, page: number, };

export type Document = { title: string, pages: Array<Page>, bookmarks: Array<Bookmark>, 
/**
 * Characters of the text that the embedded fonts cannot draw (they print as a box).
 */
missing_glyphs: Array<string>, };

export type WindowKind = "freeze" | "blackout" | "maintenance" | "green_zone";

export type Scope = { 
/**
 * Application codes.
 */
applications: Array<string>, 
/**
 * Environment names.
 */
environments: Array<string>, 
/**
 * Configuration item names.
 */
cis: Array<string>, };

export type ChangeWindow = { 
/**
 * Unique in the plan.
 */
name: string, kind: WindowKind, reason: string, scope: Scope, 
/**
 * The first occurrence, in the plan's local time; the end is exclusive.
 */
start: string, end: string, 
/**
 * Whole days: start and end are midnights (an all-day event in a calendar program).
 */
all_day: boolean, 
/**
 * An RFC 5545 recurrence rule without its `RRULE:` prefix (`FREQ=WEEKLY;BYDAY=TU,TH`), or
 * none for a window that happens once.
 */
recurrence: string | null, 
/**
 * Occurrences left out (EXDATE), by their local start.
 */
exceptions: Array<string>, };

export type BookedBy = "test" | "deployment" | "nothing";

export type BookingSource = "test" | "deployment" | "manual";

export type ManualBooking = { environment: string, start: string, 
/**
 * Exclusive.
 */
end: string, 
/**
 * What the environment is booked for ("Performance test of PAY 4.2", "DB patching").
 */
purpose: string, 
/**
 * Who booked it (a name or an e-mail).
 */
by: string, 
/**
 * The release it is for, if any.
 */
release: string | null, };

export type Booking = { 
/**
 * The manual booking's id in the plan; none for automatic ones.
 */
id: number | null, environment: string, start: string, end: string, purpose: string, by: string, release: string | null, source: BookingSource, };

export type ConflictKind = "environment_capacity" | "same_ci" | "ci_dependency" | "freeze" | "blackout" | "maintenance" | "outside_green_zone" | "daily_cap";

export type Severity = "blocking" | "warning";

export type PartyKind = "release" | "booking" | "window";

export type Party = { kind: PartyKind, 
/**
 * The release's key, the window's name, or the booking's purpose.
 */
name: string, 
/**
 * A manual booking's id.
 */
booking: number | null, };

export type Conflict = { 
/**
 * Stable while the parties and the day stay the same (what a what-if compares).
 */
id: string, kind: ConflictKind, severity: Severity, parties: Array<Party>, 
/**
 * The releases involved, by key.
 */
releases: Array<string>, 
/**
 * When the parties meet, in the plan's local time.
 */
start: string, end: string, environment: string | null, ci: string | null, 
/**
 * What and why, in a sentence.
 */
message: string, };

export type CalendarRules = { 
/**
 * The most deployments on one day in the whole portfolio; none for no cap.
 */
daily_cap: number | null, 
/**
 * The most deployments on one day into one environment; none for no cap.
 */
daily_cap_per_environment: number | null, 
/**
 * The kinds of conflict that stop authorization and the start of deployment.
 */
blocking: Array<ConflictKind>, 
/**
 * A production deployment must lie inside a green zone, where green zones cover it.
 */
production_needs_green_zone: boolean, };

export type Slot = { start: string, end: string, 
/**
 * Days the deployment (and the phases after it) move: the edit that applies the slot.
 */
shift_days: number, 
/**
 * Why this slot ("in the green zone \"Prod nights\"", "same time, 3 days later").
 */
note: string, };

export type Band = { window: string, kind: WindowKind, reason: string, 
/**
 * "the whole portfolio", "environment Prod".
 */
scope: string, 
/**
 * Environments the window names (empty: it is not about particular environments).
 */
environments: Array<string>, applications: Array<string>, start: string, end: string, all_day: boolean, recurring: boolean, };

export type DeploymentEvent = { release: string, title: string, status: ReleaseStatus, start: string, end: string, applications: Array<string>, environments: Array<string>, production: boolean, 
/**
 * Conflicts it is party to, and whether one of them blocks.
 */
conflicts: number, blocking: boolean, };

export type MilestoneEvent = { release: string, kind: MilestoneKind, start: string, 
/**
 * Inclusive.
 */
end: string, applications: Array<string>, };

export type Lane = { environment: string, production: boolean, capacity: number, booked_by: BookedBy, bookings: Array<Booking>, };

export type CalendarView = { 
/**
 * The plan's time zone (IANA): every time here is local to it.
 */
zone: string, 
/**
 * Today in the plan's zone, as the Planner judges it (the E2E app and `--today` fix it).
 */
today: string, from: string, to: string, bands: Array<Band>, deployments: Array<DeploymentEvent>, milestones: Array<MilestoneEvent>, lanes: Array<Lane>, conflicts: Array<Conflict>, };

export type ReleaseCalendar = { 
/**
 * The conflicts the release is party to, by start.
 */
conflicts: Array<Conflict>, 
/**
 * Why no next free slot can be proposed for it ("The release is deploying: …"), or null
 * when the slot search may move its deployment.
 */
no_slot: string | null, };

export type Code = "S" | "A" | "R" | "C" | "I";

export type RoleDef = { 
/**
 * Stable key (`release_manager`); events and assignments refer to it.
 */
key: string, name: string, };

export type Activity = { 
/**
 * Stable key (`deploy`); the gates find the activities they obey by it.
 */
key: string, name: string, description: string, };

export type Cell = { activity: string, role: string, code: Code, };

export type Assignment = { role: string, 
/**
 * The person's e-mail address.
 */
person: string, 
/**
 * The release this assignment is for; none for the portfolio.
 */
release?: string | null, };

export type Matrix = { roles: Array<RoleDef>, activities: Array<Activity>, 
/**
 * The filled cells (an empty cell has none), sorted by activity then role order.
 */
cells: Array<Cell>, };

export type Rule = "one_accountable" | "responsible" | "one_signature";

export type RuleBreak = { 
/**
 * The activity's key.
 */
activity: string, rule: Rule, 
/**
 * The roles concerned (the two accountable ones…), by key.
 */
roles: Array<string>, 
/**
 * The sentence shown on the row and by `runway matrix check`
 * (`Deploy: two roles are accountable: Release Manager, Release Owner`).
 */
message: string, };

export type Holder = { email: string, name: string, 
/**
 * The role's key.
 */
role: string, 
/**
 * True when the release names them itself (an override or its owner or manager).
 */
for_release: boolean, };

export type AudienceMember = { email: string, name: string, 
/**
 * The names of the roles that put them there.
 */
roles: Array<string>, };

export type Audience = { activity: string, signature: Array<AudienceMember>, accountable: Array<AudienceMember>, responsible: Array<AudienceMember>, consulted: Array<AudienceMember>, informed: Array<AudienceMember>, 
/**
 * The row's broken rules; while there are any, nothing should rely on this audience.
 */
violations: Array<string>, 
/**
 * Roles on the row that nobody holds (their names).
 */
unfilled: Array<string>, };

export type MatrixView = { matrix: Matrix, 
/**
 * Every broken rule, row by row; the matrix is valid when there is none.
 */
violations: Array<RuleBreak>, 
/**
 * Per role, in the matrix's order, the people who hold it (for the release, when one is asked).
 */
holders: Array<RoleHolders>, 
/**
 * The release the names are resolved for; none for the portfolio.
 */
release: string | null, };

export type RoleHolders = { role: string, people: Array<Holder>, };

export type PersonRoles = { person: Person, 
/**
 * The keys of the roles they hold for the portfolio, in the matrix's order.
 */
roles: Array<string>, 
/**
 * The roles they hold for single releases.
 */
overrides: Array<Assignment>, };

export type MatrixEdit = { "op": "add_role", name: string, } | { "op": "rename_role", key: string, name: string, } | { "op": "move_role", key: string, to: number, } | { "op": "remove_role", key: string, } | { "op": "add_activity", name: string, description: string, } | { "op": "edit_activity", key: string, name: string, description: string, } | { "op": "move_activity", key: string, to: number, } | { "op": "remove_activity", key: string, };

export type Member = { "person": string } | { "list": string };

export type Follow = { "release": string } | { "application": string };

export type DistributionList = { name: string, purpose: string, members: Array<Member>, follows: Array<Follow>, };

export type PeopleImport = { 
/**
 * People new to the plan.
 */
added: number, 
/**
 * People the plan had, whose name or organisation the file changed.
 */
updated: number, 
/**
 * People the plan had as the file says.
 */
unchanged: number, };

export type MessageState = "pending" | "approved" | "sending" | "sent" | "failed" | "discarded" | "check";

export type Trigger = "status_changed" | "date_moved" | "gate_decision" | "downtime" | "overdue" | "cab_agenda" | "cancelled";

export type AttendeeRole = "CHAIR" | "REQ-PARTICIPANT" | "OPT-PARTICIPANT" | "NON-PARTICIPANT";

export type Method = "REQUEST" | "CANCEL";

export type Recipient = { email: string, name: string, 
/**
 * Their strongest code on the activity's row (the one giving `role`); none for an owner,
 * a manager or a list member with no cell there.
 */
code: Code | null, role: AttendeeRole, 
/**
 * Why they are told: the matrix roles they hold on the row, `Release Owner` /
 * `Release Manager` of the release, `Distribution list`.
 */
why: Array<string>, };

export type Sender = { email: string, name: string, };

export type MessageInvite = { uid: string, sequence: number, method: Method, 
/**
 * The whole iCalendar object (CRLF lines, folded).
 */
ics: string, };

export type Message = { id: number, trigger: Trigger, 
/**
 * The release it is about; none for a CAB agenda.
 */
release: string | null, 
/**
 * The matrix activity whose people it tells.
 */
activity: string, state: MessageState, subject: string, body: string, recipients: Array<Recipient>, from: Sender, invite: MessageInvite | null, 
/**
 * The Message-ID header, without angle brackets: the same in every export and in the send.
 */
message_id: string, 
/**
 * The change's facts, each placeholder's value (`before`, `after`…).
 */
facts: Array<[string, string]>, made_at: string, made_by: string, 
/**
 * Whether a person changed the subject or the body the template made.
 */
edited: boolean, approved_at: string | null, approved_by: string | null, 
/**
 * Sends tried and failed.
 */
attempts: number, 
/**
 * When a failed send is tried again; none when it is not (a refusal a person must fix).
 */
next_attempt: string | null, 
/**
 * Why the last send failed, or why it was discarded.
 */
error: string | null, sent_at: string | null, 
/**
 * The server's answer to the message (`250 2.0.0 Ok: queued as …`).
 */
reply: string | null, };

export type Template = { trigger: Trigger, subject: string, body: string, 
/**
 * Whether its messages go out without a person approving each (off unless a user turns it
 * on for this kind of event).
 */
auto_approve: boolean, };

export type TemplateView = { template: Template, label: string, built_in: boolean, placeholders: Array<string>, };

export type OutboxCounts = { pending: number, approved: number, sending: number, sent: number, failed: number, discarded: number, check: number, };

export type MailSecurity = "none" | "start_tls" | "tls";

export type MailSettings = { host: string, port: number, security: MailSecurity, 
/**
 * The login, when the server wants one.
 */
user: string | null, 
/**
 * The address to send as, when the server sends only as its own user (the release
 * manager's name stays on the message); none: each message's own sender.
 */
from: string | null, };

export type Peer = { replica: string, author: string, merged_at: string, };

export type ReplicaInfo = { replica: string, portfolio: string, 
/**
 * Operations in the journal.
 */
operations: number, 
/**
 * The copies this plan has merged changes from: replica, who wrote the last file, when.
 */
peers: Array<Peer>, open_cards: number, 
/**
 * Set when the plan was found to be a copy of another file and given its own replica id.
 */
copied_from: string | null, };

export type MergeReport = { source: string, 
/**
 * Who wrote the change file, and from which copy.
 */
author: string, replica: string, added: number, already_had: number, 
/**
 * What changed in the plan (release keys, dependencies).
 */
changed: Array<string>, 
/**
 * The plan's open review cards after the merge.
 */
cards: Array<Card>, };

export type CardKind = "field" | "deleted" | "key" | "cycle";

export type Side = { op: string, 
/**
 * The value as JSON text ("null": removed or deleted).
 */
value: string, author: string, 
/**
 * When, as the author's clock had it (RFC 3339, UTC).
 */
at: string, replica: string, 
/**
 * Whether this side stands until someone decides.
 */
standing: boolean, };

export type Card = { 
/**
 * Stable: the same card has the same id in every copy.
 */
id: string, kind: CardKind, entity: string, object: string, 
/**
 * What it is about, as this plan names it (a release's key, a dependency's ends).
 */
subject: string, 
/**
 * The field (`title`, `milestones/build`), empty for existence and keys.
 */
field: string, sides: Array<Side>, };

export type Decision = { "how": "pick", op: string, } | { "how": "value", value: string, } | { "how": "rename", keeps: string, key: string, };

export const ERROR_CODES: readonly ErrorCode[] = ["validation", "not_found", "conflict", "not_a_plan", "newer_schema", "no_plan", "cancelled", "io", "corrupt", "busy", "internal", "refused"];

export const TRACK: readonly ReleaseStatus[] = ["draft", "planned", "submitted_to_cab", "approved", "build", "test", "awaiting_authorization", "authorized", "deploying", "deployed", "verified", "early_life_support", "closed"];

export const FINAL_STATUSES: readonly ReleaseStatus[] = ["closed", "closed_failed", "closed_rejected", "cancelled"];

export const OVERRIDABLE_GATES: readonly Gate[] = ["plan", "submit", "tests_passed", "authorize", "deploy", "verify", "close"];

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: "Draft",
  planned: "Planned",
  submitted_to_cab: "Submitted to CAB",
  approved: "Approved",
  rejected: "Rejected",
  build: "Build",
  test: "Test",
  test_failed: "Test failed",
  awaiting_authorization: "Awaiting authorization",
  authorized: "Authorized",
  not_authorized: "Not authorized",
  deploying: "Deploying",
  deployed: "Deployed",
  deployment_failed: "Deployment failed",
  backed_out: "Backed out",
  verified: "Verified",
  early_life_support: "Early life support",
  closed: "Closed (successful)",
  closed_failed: "Closed (failed)",
  closed_rejected: "Closed (rejected)",
  cancelled: "Cancelled",
};

export const KIND_LABELS: Record<ReleaseKind, string> = {
  major: "Major",
  minor: "Minor",
  patch: "Patch",
  emergency: "Emergency",
};

export const CODE_LABELS: Record<Code, string> = {
  S: "Signature",
  A: "Accountable",
  R: "Responsible",
  C: "Consulted",
  I: "Informed",
};

export const CODE_MEANINGS: Record<Code, string> = {
  S: "Has signature authority: approves the finished product, without direct involvement.",
  A: "Full accountability for the success or failure of the activity.",
  R: "Executes the work, and is held responsible for its success or failure.",
  C: "Facilitates and contributes as needed.",
  I: "Kept informed: a line of communication to the wider group.",
};

export const UNIT_LABELS: Record<ReleaseUnit, string> = {
  full: "Full",
  delta: "Delta",
  package: "Package",
};

export const RISK_LABELS: Record<Risk, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const ROLE_LABELS: Record<Role, string> = {
  sponsor: "Sponsor (SVP)",
  process_owner: "Release Management Process Owner",
  release_manager: "Release Manager",
  test_manager: "Test Manager",
  release_owner: "Release Owner",
  change_manager: "Change Manager / CAB",
  deployment_staff: "Deployment staff",
  early_life_support: "Early life support staff",
  environment_staff: "Build & test environment staff",
};

export const RFC_STATUS_LABELS: Record<RfcStatus, string> = {
  submitted: "Submitted",
  approved: "Approved",
  implemented: "Implemented",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export type BuiltinMilestoneKind = "planning" | "build" | "test" | "cab" | "deployment" | "early_life_support" | "closure";

export const MILESTONE_LABELS: Record<BuiltinMilestoneKind, string> = {
  planning: "Planning",
  build: "Build",
  test: "Test",
  cab: "CAB",
  deployment: "Deployment",
  early_life_support: "Early life support",
  closure: "Closure",
};

export const EVIDENCE_LABELS: Record<EvidenceType, string> = {
  cab_decision: "CAB decision",
  test_result: "Test result",
  sign_off: "Sign-off for authorization",
  deployment: "Deployment outcome",
  back_out: "Back-out",
  verification: "Post-deployment verification",
  incident: "Incident",
  incident_closed: "Incident closed",
  review: "Post-implementation review",
};

export const TEST_LABELS: Record<TestKind, string> = {
  installation: "Installation procedure",
  functional: "Functional",
  performance: "Performance",
  integration: "Integration",
  user_acceptance: "User acceptance",
  operational_readiness: "Operational readiness",
  backout: "Backout",
};

export const CAB_LABELS: Record<CabDecision, string> = {
  approve: "Approve",
  reject: "Reject",
  defer: "Defer",
};

export const SIGN_OFF_LABELS: Record<SignOffDecision, string> = {
  authorize: "Authorize",
  refuse: "Refuse",
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  p1: "P1 (critical)",
  p2: "P2 (high)",
  p3: "P3 (medium)",
  p4: "P4 (low)",
};

export const GATE_LABELS: Record<Gate, string> = {
  plan: "Ready to plan",
  submit: "Submission to CAB",
  cab_approval: "CAB approval",
  cab_rejection: "CAB rejection",
  test_failure: "Test failure",
  tests_passed: "Testing complete",
  authorize: "Authorization",
  deploy: "Start of deployment",
  authorization_refused: "Authorization refused",
  deployment_succeeded: "Deployment succeeded",
  deployment_failed: "Deployment failed",
  back_out: "Back-out",
  verify: "Verification",
  verification_failed: "Verification failed",
  close: "Closure",
  close_failed: "Closure after a failure",
};

export const BREACH_LABELS: Record<Breach, string> = {
  no_rfc: "No RFC linked",
  no_backout: "No backout plan",
  untested: "Not adequately tested",
  overridden: "A gate was overridden",
};

export const WINDOW_KIND_LABELS: Record<WindowKind, string> = {
  freeze: "Freeze",
  blackout: "Blackout",
  maintenance: "Maintenance",
  green_zone: "Green zone",
};

export const WINDOW_KIND_MEANINGS: Record<WindowKind, string> = {
  freeze: "No change at all: no deployment and no environment work.",
  blackout: "No deployment to what the window covers.",
  maintenance: "An agreed slot for infrastructure work; deployments should avoid it.",
  green_zone: "The slots in which production deployments are allowed.",
};

export const BOOKED_BY_LABELS: Record<BookedBy, string> = {
  test: "The test phase",
  deployment: "The deployment window",
  nothing: "Nothing (manual bookings only)",
};

export const BOOKING_SOURCE_LABELS: Record<BookingSource, string> = {
  test: "Test phase",
  deployment: "Deployment",
  manual: "Manual",
};

export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  environment_capacity: "Environment over capacity",
  same_ci: "Same CI changed in overlapping windows",
  ci_dependency: "Changes a CI another release depends on",
  freeze: "Change in a freeze",
  blackout: "Deployment in a blackout",
  maintenance: "Deployment in a maintenance window",
  outside_green_zone: "Production deployment outside the green zones",
  daily_cap: "Too many deployments on one day",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  blocking: "Blocking",
  warning: "Warning",
};
