// Generated from the Rust types by runway-core (src/bindings.rs). Do not edit by hand:
// run `make bindings` after changing a type that crosses to the UI.

export type ReleaseKind = "major" | "minor" | "patch" | "emergency";

export type ReleaseUnit = "full" | "delta" | "package";

export type Risk = "low" | "medium" | "high" | "critical";

export type ReleaseStatus = "draft" | "planned" | "submitted_to_cab" | "approved" | "rejected" | "build" | "test" | "test_failed" | "awaiting_authorization" | "authorized" | "not_authorized" | "deploying" | "deployed" | "deployment_failed" | "backed_out" | "verified" | "early_life_support" | "closed" | "closed_failed" | "closed_rejected" | "cancelled";

export type Role = "process_owner" | "release_manager" | "test_manager" | "release_owner" | "change_manager" | "deployment_staff" | "early_life_support" | "environment_staff";

export type RfcStatus = "submitted" | "approved" | "implemented" | "rejected" | "withdrawn";

export type MilestoneKind = "planning" | "build" | "test" | "cab" | "deployment" | "early_life_support" | "closure";

export type Application = { 
/**
 * Short code, unique in the plan (e.g. `PAY`).
 */
code: string, name: string, };

export type Environment = { name: string, 
/**
 * True for production-class environments.
 */
production: boolean, };

export type Person = { email: string, name: string, organisation: string, role: Role, };

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

export type ErrorCode = "validation" | "not_found" | "conflict" | "not_a_plan" | "newer_schema" | "no_plan" | "cancelled" | "io" | "corrupt" | "internal";

export type ErrorInfo = { code: ErrorCode, message: string, 
/**
 * For validation errors: the message for each field in error.
 */
fields: Array<FieldError>, };
