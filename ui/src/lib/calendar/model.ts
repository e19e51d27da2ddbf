// What the calendar draws, from the core's CalendarView: the events of each day (deployments with
// their window's time and whether a conflict blocks them, CAB dates, the start and end of other
// milestones), the conflicts on each day, the windows' bands, and the environment lanes, all
// after the filters. Computed once per view and filter (one pass over each list), so a quarter of
// a 5,000-release plan is indexed once and the grid only looks things up.

import type {
  Band,
  CalendarView,
  Conflict,
  ConflictKind,
  Lane,
  WindowKind,
} from '../ipc/bindings';
import { WINDOW_KIND_LABELS } from '../ipc/bindings';
import { STATUS_LABELS, milestoneLabel } from '../labels';
import { fromDay, toDay } from '../roadmap/dates';
import { dayTime } from './period';

export type EventKind = 'deployment' | 'cab' | 'milestone';

export const EVENT_KINDS: readonly { id: EventKind; label: string }[] = [
  { id: 'deployment', label: 'Deployments' },
  { id: 'cab', label: 'CAB dates' },
  { id: 'milestone', label: 'Other milestones' },
];

export const WINDOW_KINDS = Object.keys(WINDOW_KIND_LABELS) as WindowKind[];

export interface CalendarFilter {
  /** An application code; '' for all. */
  application: string;
  /** An environment name; '' for all. */
  environment: string;
  events: Record<EventKind, boolean>;
  windows: Record<WindowKind, boolean>;
}

export function noFilter(): CalendarFilter {
  return {
    application: '',
    environment: '',
    events: { deployment: true, cab: true, milestone: true },
    windows: { freeze: true, blackout: true, maintenance: true, green_zone: true },
  };
}

export function isFiltered(f: CalendarFilter): boolean {
  return (
    f.application !== '' ||
    f.environment !== '' ||
    Object.values(f.events).some((on) => !on) ||
    Object.values(f.windows).some((on) => !on)
  );
}

export type Severity = 'blocking' | 'warning';

/** One chip in a day: a deployment, a CAB date, or another milestone on the day it starts. */
export interface CalEvent {
  /** Unique in the view. */
  id: string;
  kind: EventKind;
  release: string;
  day: number;
  /** Before the key: "20:00–22:00", "CAB", "Build starts". */
  lead: string;
  /** The same where room is short (month and quarter cells): "20:00", "CAB", "▸Build" (after the key). */
  short: string;
  /** After the key: the release's title (deployments), else ''. */
  text: string;
  /** The whole story, for the tooltip and the accessible name. */
  title: string;
  severity: Severity | null;
  /** The kinds of the conflicts its release is party to (deployments only). */
  conflictKinds: ConflictKind[];
  /** Its place in the day: deployments, then CAB dates, then other milestones, each by time. */
  order: number;
  at: string;
}

export interface DayConflicts {
  count: number;
  blocking: number;
  kinds: ConflictKind[];
}

export interface CalendarIndex {
  events: Map<number, CalEvent[]>;
  conflictsByDay: Map<number, DayConflicts>;
  /** The conflicts after the filters, by start (the whole range of the view). */
  conflicts: Conflict[];
  bands: Band[];
  lanes: Lane[];
  /** Each deployment's environments, for the booking form's and the lanes' words. */
  deploymentsByRelease: Map<string, string[]>;
}

export const EMPTY_INDEX: CalendarIndex = {
  events: new Map(),
  conflictsByDay: new Map(),
  conflicts: [],
  bands: [],
  lanes: [],
  deploymentsByRelease: new Map(),
};

/** "20:00", from a plan-local date-time. */
export const timeOf = (planDateTime: string): string => planDateTime.slice(11, 16);

/** The last day an end-exclusive date-time touches ("2026-12-02T00:00:00" → 1 Dec). */
export function lastDayOf(end: string): number {
  const day = toDay(end.slice(0, 10));
  return end.slice(11, 19) === '00:00:00' || end.length <= 10 ? day - 1 : day;
}

/** The day range [first, last] of a start and an exclusive end, never empty. */
export function daysOf(start: string, end: string): [number, number] {
  const first = toDay(start.slice(0, 10));
  return [first, Math.max(first, lastDayOf(end))];
}

/** The window's words: "20:00–22:00", "22:00–04:00 (next day)". */
export function timeRange(start: string, end: string): string {
  const days = toDay(end.slice(0, 10)) - toDay(start.slice(0, 10));
  const tail = days === 1 ? ' (next day)' : days > 1 ? ` (+${days} days)` : '';
  return `${timeOf(start)}–${timeOf(end)}${tail}`;
}

const MILESTONE_ORDER = 2;

/**
 * The view after the filters, indexed by day. `appsOf` gives a release's applications for the
 * releases the view names only in its conflicts (the app's release list has them all).
 */
export function indexView(
  view: CalendarView,
  filter: CalendarFilter,
  appsOf: (key: string) => readonly string[] | undefined,
): CalendarIndex {
  const first = toDay(view.from);
  const last = toDay(view.to);
  const apps = new Map<string, readonly string[]>();
  const envs = new Map<string, string[]>();
  for (const d of view.deployments) {
    apps.set(d.release, d.applications);
    envs.set(d.release, d.environments);
  }
  for (const m of view.milestones) if (!apps.has(m.release)) apps.set(m.release, m.applications);
  const app = filter.application;
  const env = filter.environment;
  const appOk = (key: string) => !app || (apps.get(key) ?? appsOf(key) ?? []).includes(app);
  const envOk = (key: string) => !env || (envs.get(key)?.includes(env) ?? true);

  // What each release's conflicts are, over the whole view (a chip says so whatever the filter).
  const mine = new Map<string, { blocking: boolean; kinds: Set<ConflictKind> }>();
  for (const c of view.conflicts) {
    for (const r of c.releases) {
      let m = mine.get(r);
      if (!m) mine.set(r, (m = { blocking: false, kinds: new Set() }));
      if (c.severity === 'blocking') m.blocking = true;
      m.kinds.add(c.kind);
    }
  }

  const events = new Map<number, CalEvent[]>();
  const add = (e: CalEvent) => {
    if (e.day < first || e.day > last) return;
    let list = events.get(e.day);
    if (!list) events.set(e.day, (list = []));
    list.push(e);
  };

  const deployed = new Set<string>();
  for (const d of view.deployments) {
    deployed.add(d.release);
    if (!filter.events.deployment || !appOk(d.release) || (env && !d.environments.includes(env))) continue;
    const m = mine.get(d.release);
    const severity: Severity | null = d.blocking || m?.blocking ? 'blocking' : d.conflicts > 0 || m ? 'warning' : null;
    const lead = timeRange(d.start, d.end);
    const status = STATUS_LABELS[d.status];
    const n = d.conflicts || m?.kinds.size || 0;
    const said =
      severity === null ? 'no conflict' : `${n} conflict${n === 1 ? '' : 's'}${severity === 'blocking' ? ', blocking' : ''}`;
    add({
        id: `deployment|${d.release}`,
        kind: 'deployment',
        release: d.release,
        day: toDay(d.start.slice(0, 10)),
        lead,
        short: timeOf(d.start),
        text: d.title,
        title: `${d.release} ${d.title}\nDeployment ${d.start.slice(0, 10)} ${lead} into ${d.environments.join(', ') || 'no environment'}\n${status}; ${said}`,
        severity,
        conflictKinds: m ? [...m.kinds] : [],
        order: 0,
        at: d.start,
      },
    );
  }

  for (const m of view.milestones) {
    const cab = m.kind === 'cab';
    const kind: EventKind = cab ? 'cab' : 'milestone';
    if (!filter.events[kind] || !appOk(m.release) || !envOk(m.release)) continue;
    if (m.kind === 'deployment' && deployed.has(m.release)) continue;
    const words = milestoneLabel(m.kind);
    const order = cab ? 1 : MILESTONE_ORDER;
    const span = m.start === m.end ? `on ${m.start}` : `${m.start} to ${m.end}`;
    const lead = m.start === m.end ? words : `${words} starts`;
    add({
      id: `${m.kind}|${m.release}`,
      kind,
      release: m.release,
      day: toDay(m.start),
      lead,
      short: m.start === m.end ? words : `▸${words}`,
      text: '',
      title: `${m.release}: ${words} ${span}`,
      severity: null,
      conflictKinds: [],
      order,
      at: m.start,
    });
  }
  for (const list of events.values()) list.sort(byOrder);

  const conflicts = view.conflicts.filter(
    (c) =>
      (c.releases.length === 0 || c.releases.some(appOk)) &&
      (!env || (c.environment !== null ? c.environment === env : c.releases.length === 0 || c.releases.some((r) => envs.get(r)?.includes(env) ?? true))),
  );
  const byDay = new Map<number, { count: number; blocking: number; kinds: Set<ConflictKind> }>();
  for (const c of conflicts) {
    const [a, b] = daysOf(c.start, c.end);
    for (let day = Math.max(a, first); day <= Math.min(b, last); day++) {
      let s = byDay.get(day);
      if (!s) byDay.set(day, (s = { count: 0, blocking: 0, kinds: new Set() }));
      s.count++;
      if (c.severity === 'blocking') s.blocking++;
      s.kinds.add(c.kind);
    }
  }
  const conflictsByDay = new Map<number, DayConflicts>();
  for (const [day, s] of byDay) conflictsByDay.set(day, { count: s.count, blocking: s.blocking, kinds: [...s.kinds] });

  const bands = view.bands.filter(
    (b) =>
      filter.windows[b.kind] &&
      (!app || b.applications.length === 0 || b.applications.includes(app)) &&
      (!env || b.environments.length === 0 || b.environments.includes(env)),
  );

  const lanes = view.lanes
    .filter((l) => !env || l.environment === env)
    .map((l) => (app ? { ...l, bookings: l.bookings.filter((b) => b.release === null || appOk(b.release)) } : l));

  return { events, conflictsByDay, conflicts, bands, lanes, deploymentsByRelease: envs };
}

function byOrder(a: CalEvent, b: CalEvent): number {
  return a.order - b.order || a.at.localeCompare(b.at) || a.release.localeCompare(b.release);
}

/** The conflicts that touch the days `from`–`to`, blocking first, then by start. */
export function conflictsIn(conflicts: readonly Conflict[], from: number, to: number, blockingOnly = false): Conflict[] {
  const a = `${fromDay(from)}T00:00:00`;
  const b = `${fromDay(to + 1)}T00:00:00`;
  return conflicts
    .filter((c) => c.start < b && c.end > a && (!blockingOnly || c.severity === 'blocking'))
    .sort((x, y) => (x.severity === y.severity ? x.start.localeCompare(y.start) : x.severity === 'blocking' ? -1 : 1));
}

/** The bands that touch day `day`. */
export function bandsOn(bands: readonly Band[], day: number): Band[] {
  return bands.filter((b) => dayTime(b.start) < day + 1 && dayTime(b.end) > day);
}
