// The window and booking forms' values and what they send: date-time inputs to the plan's local
// date-times, an all-day window's inclusive last day to its exclusive end, skipped dates to the
// occurrences they leave out, and the core's field errors to the places the forms show them. The
// core decides what is valid (the end after the start, a scope the plan holds, a readable rule);
// the forms only refuse what they cannot send (a date half typed).

import type { Booking, ChangeWindow, ErrorInfo, FieldError, ManualBooking, WindowKind } from '../ipc/bindings';
import { fromLocalInput, toLocalInput } from '../datetime';
import { addDays } from '../roadmap/dates';
import { NO_REPEAT, repeatOf, ruleOf, type Repeat } from './recurrence';

export interface WindowDraft {
  name: string;
  kind: WindowKind;
  reason: string;
  environments: string[];
  applications: string[];
  cis: string[];
  allDay: boolean;
  /** Timed: datetime-local values ("2026-12-01T20:00"). */
  start: string;
  end: string;
  /** All day: the first and the last day (inclusive), "2026-12-21". */
  firstDay: string;
  lastDay: string;
  repeat: Repeat;
  /** Dates whose occurrence is left out ("2026-12-24"). */
  skipped: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A new window's values, on `day` ("2026-12-01"), or an existing window's. */
export function windowDraft(w: ChangeWindow | null, day: string): WindowDraft {
  if (!w) {
    return {
      name: '',
      kind: 'freeze',
      reason: '',
      environments: [],
      applications: [],
      cis: [],
      allDay: true,
      start: `${day}T00:00`,
      end: `${addDays(day, 1)}T00:00`,
      firstDay: day,
      lastDay: day,
      repeat: { ...NO_REPEAT },
      skipped: [],
    };
  }
  const startDay = w.start.slice(0, 10);
  const endDay = w.end.slice(0, 10);
  return {
    name: w.name,
    kind: w.kind,
    reason: w.reason,
    environments: [...w.scope.environments],
    applications: [...w.scope.applications],
    cis: [...w.scope.cis],
    allDay: w.all_day,
    start: toLocalInput(w.start),
    end: toLocalInput(w.end),
    firstDay: startDay,
    lastDay: w.all_day ? addDays(endDay, -1) : endDay,
    repeat: repeatOf(w.recurrence),
    skipped: w.exceptions.map((e) => e.slice(0, 10)),
  };
}

/** Switching all day on or off keeps the dates the form shows. */
export function toggleAllDay(d: WindowDraft, allDay: boolean): WindowDraft {
  if (allDay === d.allDay) return d;
  if (allDay) {
    const first = d.start.slice(0, 10);
    const endDay = d.end.slice(0, 10);
    const last = DATE.test(endDay) && endDay > first && d.end.slice(11, 16) === '00:00' ? addDays(endDay, -1) : endDay;
    return { ...d, allDay, firstDay: DATE.test(first) ? first : d.firstDay, lastDay: DATE.test(last) ? last : d.lastDay };
  }
  const first = DATE.test(d.firstDay) ? d.firstDay : d.start.slice(0, 10);
  const last = DATE.test(d.lastDay) ? addDays(d.lastDay, 1) : d.end.slice(0, 10);
  return { ...d, allDay, start: `${first}T00:00`, end: `${last}T00:00` };
}

/** The window to send, or the fields the form cannot send as they are. */
export function windowOf(d: WindowDraft): { window: ChangeWindow } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  let start: string | null;
  let end: string | null;
  if (d.allDay) {
    start = DATE.test(d.firstDay) ? `${d.firstDay}T00:00:00` : null;
    end = DATE.test(d.lastDay) ? `${addDays(d.lastDay, 1)}T00:00:00` : null;
    if (!start) errors.push({ field: 'start', message: 'Give the first day.' });
    if (!end) errors.push({ field: 'end', message: 'Give the last day.' });
  } else {
    start = fromLocalInput(d.start);
    end = fromLocalInput(d.end);
    if (!start) errors.push({ field: 'start', message: 'Give the date and time it starts.' });
    if (!end) errors.push({ field: 'end', message: 'Give the date and time it ends.' });
  }
  const rule = ruleOf(d.repeat);
  if ('error' in rule) errors.push({ field: 'recurrence', message: rule.error });
  if (errors.length || !start || !end || 'error' in rule) return { errors };
  const time = start.slice(10);
  const exceptions = rule.rule ? [...new Set(d.skipped.filter((s) => DATE.test(s)))].sort().map((s) => `${s}${time}`) : [];
  return {
    window: {
      name: d.name.trim(),
      kind: d.kind,
      reason: d.reason.trim(),
      scope: { applications: [...d.applications], environments: [...d.environments], cis: [...d.cis] },
      start,
      end,
      all_day: d.allDay,
      recurrence: rule.rule,
      exceptions,
    },
  };
}

/** Where the window form shows each field of the core's errors; the rest go above its buttons. */
export const WINDOW_FIELDS = [
  'name',
  'kind',
  'reason',
  'scope.environments',
  'scope.applications',
  'scope.cis',
  'start',
  'end',
  'all_day',
  'recurrence',
  'exceptions',
] as const;

export const BOOKING_FIELDS = ['environment', 'purpose', 'by', 'release', 'start', 'end'] as const;

/**
 * The errors by the field that shows them (`scope.environments[0]` shows at `scope.environments`,
 * `all_day` at the dates), and the messages no field shows.
 */
export function placeErrors(errors: readonly FieldError[], fields: readonly string[]): { at: Record<string, string>; other: string[] } {
  const at: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    const place = fields.find((f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`));
    if (place === undefined) other.push(e.message);
    else at[place] = at[place] ? `${at[place]} ${e.message}` : e.message;
  }
  return { at, other };
}

/** The errors a form shows: by the field that shows them, and the rest above its buttons. */
export interface PlacedErrors {
  at: Record<string, string>;
  other: string[];
}

/** A form's state while it saves or removes: busy while the core works, the errors it shows. */
export interface FormState {
  busy: boolean;
  errors: PlacedErrors;
}

export const formState = (): FormState => ({ busy: false, errors: { at: {}, other: [] } });

/**
 * The submit flow the window and booking forms share. `state` is the component's `$state` (what
 * is set here shows); `fields` where the form shows each field's errors; `shown` is called once
 * errors are set (the form focuses the first field in error after the DOM has them).
 * - `submit(built, save)`: what the form could not build is shown without asking the core; else
 *   the errors are cleared and `save` called, busy meanwhile; the core's field errors go to their
 *   fields, a failure without any to the general message. Answers whether it saved.
 * - `remove(action)`: the same for removing (the errors shown stay until it fails).
 * Either does nothing while the other is busy.
 */
export function formActions(state: FormState, fields: readonly string[], shown: () => void | Promise<void>) {
  const show = async (errors: readonly FieldError[], general: string[] = []): Promise<void> => {
    const placed = placeErrors(errors, fields);
    state.errors = { at: placed.at, other: [...general, ...placed.other] };
    await shown();
  };
  const run = async (action: () => Promise<void>, fail: (info: ErrorInfo) => Promise<void>): Promise<boolean> => {
    state.busy = true;
    try {
      await action();
      return true;
    } catch (failure) {
      await fail(failure as ErrorInfo);
      return false;
    } finally {
      state.busy = false;
    }
  };
  return {
    show,
    async submit<B extends object>(built: B | { errors: FieldError[] }, save: (built: B) => Promise<void>): Promise<boolean> {
      if (state.busy) return false;
      if ('errors' in built) {
        await show(built.errors as FieldError[]);
        return false;
      }
      state.errors = { at: {}, other: [] };
      return run(
        () => save(built),
        (info) => (info.fields?.length ? show(info.fields) : show([], [info.message])),
      );
    },
    async remove(action: () => Promise<void>): Promise<boolean> {
      if (state.busy) return false;
      return run(action, (info) => show([], [info.message]));
    },
  };
}

export interface BookingDraft {
  environment: string;
  purpose: string;
  by: string;
  release: string;
  /** datetime-local values. */
  start: string;
  end: string;
}

/** A new booking of `environment` on `day`, 09:00 to 17:00, by `by`; or a booking to move. */
export function bookingDraft(b: Booking | null, environment: string, day: string, by: string): BookingDraft {
  if (!b) return { environment, purpose: '', by, release: '', start: `${day}T09:00`, end: `${day}T17:00` };
  return {
    environment: b.environment,
    purpose: b.purpose,
    by: b.by,
    release: b.release ?? '',
    start: toLocalInput(b.start),
    end: toLocalInput(b.end),
  };
}

export function bookingOf(d: BookingDraft): { booking: ManualBooking } | { errors: FieldError[] } {
  const start = fromLocalInput(d.start);
  const end = fromLocalInput(d.end);
  const errors: FieldError[] = [];
  if (!start) errors.push({ field: 'start', message: 'Give the date and time it starts.' });
  if (!end) errors.push({ field: 'end', message: 'Give the date and time it ends.' });
  if (!start || !end) return { errors };
  return {
    booking: {
      environment: d.environment,
      start,
      end,
      purpose: d.purpose.trim(),
      by: d.by.trim(),
      release: d.release.trim() || null,
    },
  };
}
