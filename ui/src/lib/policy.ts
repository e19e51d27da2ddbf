// The plan's release policy (D3) as the Settings form edits it. The core decides what a valid
// policy is (runway_domain::lifecycle, `Policy::check`); the form only makes sure it
// sends whole numbers, and shows the core's field errors where they belong.

import * as ipc from './ipc/client';
import { CONFLICT_KIND_LABELS, FINAL_STATUSES, OVERRIDABLE_GATES } from './ipc/bindings';
import type { CalendarRules, ConflictKind, FieldError, Policy, ReleaseStatus, TestKind } from './ipc/bindings';
import { STATUS_ORDER, TEST_LABELS, keysOf } from './labels';

export const loadPolicy = (): Promise<Policy> => ipc.getPolicy();
/** Resolves with the policy as saved; rejects with an ErrorInfo (`validation`: field by field). */
export const savePolicy = (policy: Policy): Promise<Policy> => ipc.setPolicy(policy);

/** The states a release never leaves: they have no time limit. Generated from the core. */
export { FINAL_STATUSES };

/** The stages that can have a time limit, in lifecycle order. */
export const LIMITED_STATUSES: readonly ReleaseStatus[] = STATUS_ORDER.filter((s) => !FINAL_STATUSES.includes(s));

/** The gates a policy may allow to be overridden (the core's `Gate::OVERRIDABLE`, generated). */
export { OVERRIDABLE_GATES };

/** The tests a policy chooses from: the backout test is always required, so it is not a choice. */
export const CHOOSABLE_TESTS: readonly TestKind[] = keysOf(TEST_LABELS).filter((t) => t !== 'backout');

/** The kinds of schedule conflict, in the labels' order: the policy chooses those that block. */
export const CONFLICT_KINDS: readonly ConflictKind[] = keysOf(CONFLICT_KIND_LABELS);

/** The forward schedule's rules as the form holds them: caps as typed (`''` = no cap), choices as ticks. */
export interface CalendarDraft {
  dailyCap: string;
  dailyCapPerEnvironment: string;
  blocking: Record<string, boolean>;
  productionNeedsGreenZone: boolean;
}

/** The form's values: numbers as typed (`''` = no stage limit), choices as ticks. */
export interface PolicyDraft {
  leadTime: string;
  /** E-mails of the CAB's members: they may record a CAB decision besides the matrix's A of the CAB activity. */
  cabMembers: string[];
  requireReview: boolean;
  tests: Record<string, boolean>;
  limits: Record<string, string>;
  overridable: Record<string, boolean>;
  /** The forward schedule's rules (D6): daily caps, which conflicts block, green zones. */
  calendar: CalendarDraft;
}

function calendarDraftOf(c: CalendarRules): CalendarDraft {
  const cap = (n: number | null) => (n === null ? '' : String(n));
  return {
    dailyCap: cap(c.daily_cap),
    dailyCapPerEnvironment: cap(c.daily_cap_per_environment),
    blocking: Object.fromEntries(CONFLICT_KINDS.map((k) => [k, c.blocking.includes(k)])),
    productionNeedsGreenZone: c.production_needs_green_zone,
  };
}

export function draftOf(p: Policy): PolicyDraft {
  const limit = new Map(p.stage_limits.map((l) => [l.status, l.days]));
  return {
    leadTime: String(p.lead_time_days),
    cabMembers: [...p.cab_members],
    requireReview: p.require_review,
    tests: Object.fromEntries(CHOOSABLE_TESTS.map((t) => [t, p.required_tests.includes(t)])),
    limits: Object.fromEntries(LIMITED_STATUSES.map((s) => [s, limit.has(s) ? String(limit.get(s)) : ''])),
    overridable: Object.fromEntries(OVERRIDABLE_GATES.map((g) => [g, p.overridable.includes(g)])),
    calendar: calendarDraftOf(p.calendar),
  };
}

/** True when the form holds the same values (the Save and Reset buttons wait for a change). */
export function sameDraft(a: PolicyDraft, b: PolicyDraft): boolean {
  const norm = (d: PolicyDraft) =>
    JSON.stringify([
      d.leadTime.trim(),
      [...d.cabMembers].map((e) => e.toLowerCase()).sort(),
      d.requireReview,
      CHOOSABLE_TESTS.map((t) => !!d.tests[t]),
      LIMITED_STATUSES.map((s) => (d.limits[s] ?? '').trim()),
      OVERRIDABLE_GATES.map((g) => !!d.overridable[g]),
      d.calendar.dailyCap.trim(),
      d.calendar.dailyCapPerEnvironment.trim(),
      CONFLICT_KINDS.map((k) => !!d.calendar.blocking[k]),
      d.calendar.productionNeedsGreenZone,
    ]);
  return norm(a) === norm(b);
}

/** A whole number of days as typed, or null. Nine digits at most, so it always fits a u32. */
function days(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/**
 * The policy to send, in the core's canonical order (so an unchanged policy compares equal), or
 * the fields that are not whole numbers. Ranges (lead time ≤ 365, limits 1..999) are the core's.
 */
export function policyOf(d: PolicyDraft): { policy: Policy } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lead = days(d.leadTime);
  if (lead === null) errors.push({ field: 'lead_time_days', message: 'Enter a whole number of days.' });
  const stage_limits = [];
  for (const status of LIMITED_STATUSES) {
    const text = (d.limits[status] ?? '').trim();
    if (text === '') continue;
    const n = days(text);
    if (n === null) {
      errors.push({
        field: `stage_limits.${status}`,
        message: 'Enter a whole number of days, or leave it empty for no limit.',
      });
    } else {
      stage_limits.push({ status, days: n });
    }
  }
  const caps: Record<'daily_cap' | 'daily_cap_per_environment', number | null> = { daily_cap: null, daily_cap_per_environment: null };
  for (const [field, text] of [
    ['daily_cap', d.calendar.dailyCap],
    ['daily_cap_per_environment', d.calendar.dailyCapPerEnvironment],
  ] as const) {
    if (text.trim() === '') continue;
    const n = days(text);
    if (n === null) errors.push({ field: `calendar.${field}`, message: 'Enter a whole number of deployments, or leave it empty for no cap.' });
    else caps[field] = n;
  }
  if (errors.length || lead === null) return { errors };
  return {
    policy: {
      lead_time_days: lead,
      required_tests: CHOOSABLE_TESTS.filter((t) => d.tests[t]),
      cab_members: [...d.cabMembers],
      require_review: d.requireReview,
      stage_limits,
      overridable: OVERRIDABLE_GATES.filter((g) => d.overridable[g]),
      calendar: {
        ...caps,
        blocking: CONFLICT_KINDS.filter((k) => d.calendar.blocking[k]),
        production_needs_green_zone: d.calendar.productionNeedsGreenZone,
      },
    },
  };
}

/** Where the form shows an error on `field`, or null when it has no place for it. */
export function placeOf(field: string): string | null {
  if (['lead_time_days', 'require_review'].includes(field)) return field;
  if (field === 'cab_members' || field.startsWith('cab_members')) return 'cab_members';
  if (field === 'required_tests' || field.startsWith('required_tests.')) return 'required_tests';
  if (field === 'overridable' || field.startsWith('overridable.')) return 'overridable';
  if (field.startsWith('stage_limits.')) {
    const status = field.slice('stage_limits.'.length) as ReleaseStatus;
    return LIMITED_STATUSES.includes(status) ? field : 'stage_limits';
  }
  if (field === 'stage_limits') return 'stage_limits';
  if (['calendar.daily_cap', 'calendar.daily_cap_per_environment', 'calendar.production_needs_green_zone'].includes(field)) return field;
  if (field === 'calendar.blocking' || field.startsWith('calendar.blocking.')) return 'calendar.blocking';
  if (field === 'calendar' || field.startsWith('calendar.')) return 'calendar';
  return null;
}

/** The errors by the place the form shows them, and those it has no place for. */
export function placeErrors(fields: readonly FieldError[]): { at: Record<string, string>; other: string[] } {
  const at: Record<string, string> = {};
  const other: string[] = [];
  for (const f of fields) {
    const place = placeOf(f.field);
    if (place === null) other.push(f.message);
    else at[place] = at[place] ? `${at[place]} ${f.message}` : f.message;
  }
  return { at, other };
}
