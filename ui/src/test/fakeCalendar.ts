// The forward schedule's commands for the FakeCore (docs/ipc.md: calendar_view, windows, bookings,
// conflicts), in memory: enough of the contract (shapes, field names of refusals, freezes and
// blackouts that conflict with the deployments they cover, undo) to drive the Calendar view the
// way the real core would. A test sets `deployments`, `milestones`, `automatic` bookings and
// extra `conflicts`; windows and manual bookings are edited through the commands.

import type {
  Band,
  Booking,
  CalendarView,
  Catalog,
  ChangeWindow,
  Conflict,
  DeploymentEvent,
  ErrorInfo,
  FieldError,
  ManualBooking,
  MilestoneEvent,
  MilestoneKind,
} from '../lib/ipc/bindings';
import { addDays, toDay } from '../lib/roadmap/dates';
import { todayIn } from '../lib/calendar/period';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A deployment of `release` from `start` to `end` (plan-local date-times), into Prod. */
export function deployment(release: string, start: string, end: string, more: Partial<DeploymentEvent> = {}): DeploymentEvent {
  return {
    release,
    title: `Release ${release}`,
    status: 'approved',
    start,
    end,
    applications: ['PAY'],
    environments: ['Prod'],
    production: true,
    conflicts: 0,
    blocking: false,
    ...more,
  };
}

export function milestone(release: string, kind: MilestoneKind, start: string, end = start, applications = ['PAY']): MilestoneEvent {
  return { release, kind, start, end, applications };
}

function invalid(fields: FieldError[]): ErrorInfo {
  return { code: 'validation', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields };
}

export class FakeCalendar {
  zone = 'Europe/London';
  windows: ChangeWindow[] = [];
  deployments: DeploymentEvent[] = [];
  milestones: MilestoneEvent[] = [];
  /** Bookings the releases' dates make (tests add them). */
  automatic: Booking[] = [];
  manual = new Map<number, ManualBooking>();
  /** Conflicts beyond the windows' (capacity, same CI…), as the core would find them. */
  conflicts: Conflict[] = [];
  /** The ranges calendar_view was asked for. */
  asked: [string, string][] = [];
  private undos: { message: string; key: string; run: () => void }[] = [];
  private nextId = 1;

  constructor(private catalog: () => Catalog) {}

  get canUndo(): boolean {
    return this.undos.length > 0;
  }

  undo(): [string, string] {
    const u = this.undos.pop();
    if (!u) throw { code: 'not_found', message: 'Nothing to undo.', fields: [] } satisfies ErrorInfo;
    u.run();
    return [u.message, u.key];
  }

  invoke(command: string, args: Record<string, unknown>): unknown {
    switch (command) {
      case 'calendar_view':
        return this.view(args.from as string, args.to as string);
      case 'conflicts':
        return this.allConflicts();
      case 'release_conflicts':
        return this.allConflicts().filter((c) => c.releases.includes(args.key as string));
      case 'list_windows':
        return this.windows.map((w) => structuredClone(w));
      case 'save_window':
        return this.saveWindow((args.original as string | null) ?? null, args.window as ChangeWindow);
      case 'remove_window':
        return this.removeWindow(args.name as string);
      case 'save_booking':
        return this.saveBooking((args.id as number | null) ?? null, args.booking as ManualBooking);
      case 'remove_booking':
        return this.removeBooking(args.id as number);
      case 'get_time_zone':
        return this.zone;
      default:
        throw { code: 'internal', message: `the fake calendar has no ${command}`, fields: [] } satisfies ErrorInfo;
    }
  }

  /** The occurrences of every window that overlap [a, b) (plan-local), weekly and daily rules expanded. */
  bands(a: string, b: string): Band[] {
    const out: Band[] = [];
    for (const w of this.windows) {
      const length = toDay(w.end.slice(0, 10)) - toDay(w.start.slice(0, 10));
      const starts = [w.start];
      const rule = w.recurrence ?? '';
      if (/FREQ=(WEEKLY|DAILY)/.test(rule)) {
        const days = /BYDAY=([A-Z,]+)/.exec(rule)?.[1]?.split(',') ?? [];
        for (let i = 1; i < 400; i++) {
          const day = addDays(w.start.slice(0, 10), i);
          const weekday = WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]!;
          if (rule.includes('DAILY') || (days.length ? days.includes(weekday) : i % 7 === 0)) starts.push(`${day}${w.start.slice(10)}`);
        }
      }
      for (const s of starts) {
        if (w.exceptions.includes(s)) continue;
        const e = `${addDays(s.slice(0, 10), length)}${w.end.slice(10)}`;
        if (s < b && e > a) {
          out.push({
            window: w.name,
            kind: w.kind,
            reason: w.reason,
            scope: w.scope.environments.length ? `environment ${w.scope.environments.join(', ')}` : 'the whole portfolio',
            environments: w.scope.environments,
            applications: w.scope.applications,
            start: s,
            end: e,
            all_day: w.all_day,
            recurring: w.recurrence !== null,
          });
        }
      }
    }
    return out.sort((x, y) => x.start.localeCompare(y.start));
  }

  /** Deployments inside a freeze or a blackout that covers them, then the tests' own conflicts. */
  allConflicts(): Conflict[] {
    const out: Conflict[] = [];
    for (const band of this.bands('0001-01-01T00:00:00', '9999-12-31T00:00:00')) {
      if (band.kind !== 'freeze' && band.kind !== 'blackout') continue;
      const kind: 'freeze' | 'blackout' = band.kind;
      for (const d of this.deployments) {
        const covered =
          (band.environments.length === 0 && band.applications.length === 0) ||
          d.environments.some((e) => band.environments.includes(e)) ||
          d.applications.some((a) => band.applications.includes(a));
        if (!covered || d.start >= band.end || d.end <= band.start) continue;
        out.push({
          id: `${band.kind}|${d.release}|${band.window}|${d.start}`,
          kind,
          severity: 'blocking',
          parties: [
            { kind: 'release', name: d.release, booking: null },
            { kind: 'window', name: band.window, booking: null },
          ],
          releases: [d.release],
          start: d.start > band.start ? d.start : band.start,
          end: d.end < band.end ? d.end : band.end,
          environment: null,
          ci: null,
          message: `${d.release} deploys during the ${band.kind} “${band.window}”.`,
        });
      }
    }
    return [...out, ...this.conflicts].sort((x, y) => x.start.localeCompare(y.start));
  }

  view(from: string, to: string): CalendarView {
    this.asked.push([from, to]);
    if (to < from) throw invalid([{ field: 'to', message: `The range ends (${to}) before it starts (${from}).` }]);
    const a = `${from}T00:00:00`;
    const b = `${addDays(to, 1)}T00:00:00`;
    const conflicts = this.allConflicts().filter((c) => c.start < b && c.end > a);
    const bookings: Booking[] = [
      ...this.automatic,
      ...[...this.manual].map(([id, m]) => ({ id, ...m, release: m.release, source: 'manual' as const })),
    ];
    return {
      zone: this.zone,
      // The real core's today is the plan's (RUNWAY_TODAY in the E2E app); the fake's is the clock's.
      today: todayIn(this.zone),
      from,
      to,
      bands: this.bands(a, b),
      deployments: this.deployments
        .filter((d) => d.start < b && d.end > a)
        .map((d) => {
          const mine = conflicts.filter((c) => c.releases.includes(d.release));
          return { ...d, conflicts: mine.length, blocking: mine.some((c) => c.severity === 'blocking') };
        }),
      milestones: this.milestones.filter((m) => m.start <= to && m.end >= from),
      lanes: this.catalog().environments.map((e) => ({
        environment: e.name,
        production: e.production,
        capacity: e.capacity,
        booked_by: e.production ? 'deployment' : 'test',
        bookings: bookings.filter((x) => x.environment === e.name && x.start < b && x.end > a),
      })),
      conflicts,
    };
  }

  private saveWindow(original: string | null, w: ChangeWindow): ChangeWindow {
    const fields: FieldError[] = [];
    const name = w.name.trim();
    if (!name) fields.push({ field: 'name', message: 'A window needs a name.' });
    if (w.end <= w.start) {
      fields.push({ field: 'end', message: `The window ends (${w.end.replace('T', ' ').slice(0, 16)}) before or when it starts (${w.start.replace('T', ' ').slice(0, 16)}).` });
    }
    const envs = this.catalog().environments.map((e) => e.name);
    for (const e of w.scope.environments) {
      if (!envs.includes(e)) fields.push({ field: 'scope.environments', message: `"${e}" is not an environment of the plan.` });
    }
    if (w.recurrence && (!w.recurrence.includes('FREQ=') || /FREQ=(HOURLY|MINUTELY|SECONDLY)/.test(w.recurrence))) {
      fields.push({ field: 'recurrence', message: `The recurrence rule "${w.recurrence}" cannot be read: a window recurs at most daily.` });
    }
    if (fields.length) throw invalid(fields);
    if (name !== original && this.windows.some((x) => x.name === name)) {
      throw invalid([{ field: 'name', message: `A window named "${name}" exists already.` }]);
    }
    const saved = { ...structuredClone(w), name };
    const before = this.windows;
    this.windows = [...this.windows.filter((x) => x.name !== original), saved].sort((x, y) => x.start.localeCompare(y.start));
    this.undos.push({ message: `Undid ${original ? 'the edit of' : 'adding'} the window ${name}.`, key: name, run: () => (this.windows = before) });
    return saved;
  }

  private removeWindow(name: string): null {
    const before = this.windows;
    if (!before.some((w) => w.name === name)) throw { code: 'not_found', message: `No window "${name}".`, fields: [] } satisfies ErrorInfo;
    this.windows = before.filter((w) => w.name !== name);
    this.undos.push({ message: `Undid removing the window ${name}.`, key: name, run: () => (this.windows = before) });
    return null;
  }

  private saveBooking(id: number | null, b: ManualBooking): number {
    const fields: FieldError[] = [];
    if (!this.catalog().environments.some((e) => e.name === b.environment)) {
      fields.push({ field: 'environment', message: `"${b.environment}" is not an environment of the plan.` });
    }
    if (!b.purpose.trim()) fields.push({ field: 'purpose', message: 'Say what the environment is booked for.' });
    if (b.end <= b.start) fields.push({ field: 'end', message: 'The booking ends before or when it starts.' });
    if (fields.length) throw invalid(fields);
    const key = id ?? this.nextId++;
    const before = this.manual.get(key);
    this.manual.set(key, { ...b, by: b.by || 'ada' });
    this.undos.push({
      message: `Undid ${before ? 'moving' : 'adding'} booking #${key}.`,
      key: `#${key}`,
      run: () => (before ? this.manual.set(key, before) : this.manual.delete(key)),
    });
    return key;
  }

  private removeBooking(id: number): null {
    const before = this.manual.get(id);
    if (!before) throw { code: 'not_found', message: `No booking #${id}.`, fields: [] } satisfies ErrorInfo;
    this.manual.delete(id);
    this.undos.push({ message: `Undid releasing booking #${id}.`, key: `#${id}`, run: () => this.manual.set(id, before) });
    return null;
  }
}
