// The Reports form: the eight reports in the users' words, what each needs, and the form's values
// turned into the core's ReportRequest. Dates are plan dates "YYYY-MM-DD" (no zone).

import type { Paper, ReportKind, ReportRequest } from '../ipc/bindings';
import { dayNumber, fromDayNumber, quarterBounds, quarterOf } from '../presentation/quarter';

/**
 * What a report is about: one release, a month, a quarter, a month or a quarter as the user
 * chooses (`span`), a range of days, or the matrix (for the portfolio or one release).
 */
export type ReportScope = 'release' | 'month' | 'quarter' | 'span' | 'range' | 'matrix';

export interface ReportKindInfo {
  id: ReportKind;
  label: string;
  /** One short line, in the words of the people who read it. */
  description: string;
  /** What the report holds, said in full (shown before the first preview). */
  details: string;
  scope: ReportScope;
}

export const REPORT_KINDS: readonly ReportKindInfo[] = [
  {
    id: 'release',
    label: 'Release report',
    description: 'One release, from plan to outcome.',
    details:
      'Everything about one release: its record and contents, planned against actual dates, every decision ' +
      'and piece of evidence, how it ended and its incidents.',
    scope: 'release',
  },
  {
    id: 'monthly',
    label: 'Monthly KPI report',
    description: 'The month in KPIs, with their tables.',
    details:
      'The month in figures: releases implemented, late, failed and backed out, the change failure rate and ' +
      'lead time, with the tables behind them.',
    scope: 'month',
  },
  {
    id: 'quarterly',
    label: 'Quarterly PMO report',
    description: 'KPIs with their trend, and the road ahead.',
    details:
      'The quarter for the PMO: the KPIs with a four-quarter trend, the tables behind them and the next ' +
      'quarter’s roadmap.',
    scope: 'quarter',
  },
  {
    id: 'poster',
    label: 'Roadmap poster',
    description: 'The Gantt of a period, on paper.',
    details:
      'The Gantt roadmap of a period by application, with the critical path and violated dependencies, tiled ' +
      'over several sheets or fitted on one page.',
    scope: 'range',
  },
  {
    id: 'cab_pack',
    label: 'CAB pack',
    description: 'Releases awaiting a CAB decision.',
    details:
      'The agenda for the board: every release awaiting a CAB decision in the period, with its gate, ' +
      'conflicts, dependencies, backout plan and test evidence.',
    scope: 'range',
  },
  {
    id: 'cab_minutes',
    label: 'CAB minutes',
    description: 'The decisions the CAB recorded.',
    details: 'The decisions the CAB recorded in the period, with their conditions and who decided.',
    scope: 'range',
  },
  {
    id: 'fsc',
    label: 'Forward schedule of changes',
    description: 'The month or quarter ahead, day by day.',
    details:
      'The calendar of a month or a quarter, a landscape page per month: the change windows shaded by kind, ' +
      'one lane per environment with its bookings, the deployments and CAB dates of each day, then every ' +
      'conflict with its kind, severity, time and message. Times are in the plan’s time zone.',
    scope: 'span',
  },
  {
    id: 'matrix',
    label: 'Responsibility matrix',
    description: 'Who signs, decides, does and is told.',
    details:
      'The SARCI (or RACI) matrix: activities against roles with the legend, who holds each role (for the ' +
      'portfolio or one release), and every rule the matrix breaks. Landscape when it is wide.',
    scope: 'matrix',
  },
];

/** Reports printed landscape whatever the form says (a lane per environment over a month of days). */
export const ALWAYS_LANDSCAPE: readonly ReportKind[] = ['fsc'];

export const PAPERS: readonly { id: Paper; label: string }[] = [
  { id: 'a4', label: 'A4' },
  { id: 'letter', label: 'Letter' },
  { id: 'a3', label: 'A3' },
];

export function kindInfo(kind: ReportKind): ReportKindInfo {
  return REPORT_KINDS.find((k) => k.id === kind) ?? (REPORT_KINDS[0] as ReportKindInfo);
}

export type RangeKind = 'poster' | 'cab_pack' | 'cab_minutes';

export interface DateRange {
  from: string;
  to: string;
}

/** What the form holds. Each ranged report keeps its own dates, so switching back loses nothing. */
export interface ReportDraft {
  kind: ReportKind;
  release: string;
  /** The year of the monthly and the quarterly report. */
  year: number;
  /** 1 to 12. */
  month: number;
  /** 1 to 4. */
  quarter: number;
  /** What the forward schedule covers: the month or the quarter above. */
  span: 'month' | 'quarter';
  ranges: Record<RangeKind, DateRange>;
  paper: Paper;
  landscape: boolean;
  fitOnePage: boolean;
  /** The matrix report: the release its names are resolved for ('' for the portfolio), and RACI. */
  matrixRelease: string;
  raci: boolean;
}

function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** The last day of the month `months` months after the one `date` falls in. */
function endOfMonthAfter(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months + 1;
  const first = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  return addDays(first, -1);
}

/**
 * A new form for `today` ("YYYY-MM-DD"): this quarter and month; the poster from the start of the
 * quarter over six months (as the core does when no dates are given); the CAB pack over the next
 * four weeks and the minutes over the last four.
 */
export function defaultDraft(today: string, releaseKey = ''): ReportDraft {
  const q = quarterOf(today);
  const quarterStart = quarterBounds(q).start;
  return {
    kind: 'poster',
    release: releaseKey,
    year: q.year,
    month: Number(today.slice(5, 7)),
    quarter: q.q,
    span: 'month',
    ranges: {
      poster: { from: quarterStart, to: endOfMonthAfter(quarterStart, 5) },
      cab_pack: { from: today, to: addDays(today, 27) },
      cab_minutes: { from: addDays(today, -27), to: today },
    },
    paper: 'a4',
    landscape: true,
    fitOnePage: false,
    matrixRelease: '',
    raci: false,
  };
}

export function isRangeKind(kind: ReportKind): kind is RangeKind {
  return kind === 'poster' || kind === 'cab_pack' || kind === 'cab_minutes';
}

/** "2027-Q1". */
export function quarterKey(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

/** "2027-02". */
export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The month names the form lists (the roadmap's own). */
export { MONTH_NAMES } from '../roadmap/dates';

const validYear = (y: number) => Number.isInteger(y) && y >= 1900 && y <= 9999;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form as the core's request, or the messages of the fields it cannot send yet. */
export function requestOf(
  d: ReportDraft,
): { request: ReportRequest } | { errors: Record<string, string> } {
  const request: ReportRequest = {
    kind: d.kind,
    quarter: null,
    month: null,
    release: null,
    from: null,
    to: null,
    sheet: { paper: d.paper, landscape: d.landscape || ALWAYS_LANDSCAPE.includes(d.kind) },
    fit_one_page: false,
    generated_at: null,
  };
  const errors: Record<string, string> = {};
  const info = kindInfo(d.kind);
  switch (info.scope === 'span' ? d.span : info.scope) {
    case 'release':
      if (!d.release.trim()) errors.release = 'Choose the release to report on.';
      else request.release = d.release.trim();
      break;
    case 'month':
      if (!validYear(d.year)) errors.year = 'Enter a year between 1900 and 9999.';
      else if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) errors.month = 'Choose a month.';
      else request.month = monthKey(d.year, d.month);
      break;
    case 'quarter':
      if (!validYear(d.year)) errors.year = 'Enter a year between 1900 and 9999.';
      else if (![1, 2, 3, 4].includes(d.quarter)) errors.quarter = 'Choose a quarter.';
      else request.quarter = quarterKey(d.year, d.quarter);
      break;
    case 'range': {
      const r = d.ranges[d.kind as RangeKind];
      if (!DATE.test(r.from)) errors.from = 'Choose the first day.';
      if (!DATE.test(r.to)) errors.to = 'Choose the last day.';
      else if (DATE.test(r.from) && r.to < r.from) errors.to = 'The period ends before it starts.';
      request.from = r.from;
      request.to = r.to;
      request.fit_one_page = d.kind === 'poster' && d.fitOnePage;
      break;
    }
    case 'matrix':
      request.release = d.matrixRelease.trim() || null;
      request.raci = d.raci;
      break;
  }
  return Object.keys(errors).length ? { errors } : { request };
}

/** The fields the form shows, for the core's validation errors (`field` names of the request). */
export const REQUEST_FIELDS = ['release', 'year', 'month', 'quarter', 'from', 'to'] as const;

/** Where the core's field errors are shown: at a field of the form, or above the buttons. */
export function placeErrors(fields: readonly { field: string; message: string }[]): {
  at: Record<string, string>;
  other: string[];
} {
  const at: Record<string, string> = {};
  const other: string[] = [];
  for (const f of fields) {
    if ((REQUEST_FIELDS as readonly string[]).includes(f.field) && !at[f.field]) at[f.field] = f.message;
    else other.push(f.message);
  }
  return { at, other };
}
