// Plan dates ("YYYY-MM-DD", whole days) as day numbers: days since 1970-01-01, computed in UTC so
// no time zone or daylight-saving change ever shifts a bar.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAYS = ['M', 'T', 'W', 'T', 'F', 'S', 'S'] as const;

/** "2027-03-01" → its day number; throws on anything else. */
export function toDay(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** A day number → "YYYY-MM-DD". */
export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** `b - a` in days. */
export function diffDays(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export interface Ymd {
  year: number;
  /** 0-11 */
  month: number;
  /** 1-31 */
  date: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

export function partsOf(day: number): Ymd {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), date: d.getUTCDate(), weekday: (d.getUTCDay() + 6) % 7 };
}

/** The day number of the first of a month (month may run past 11 or below 0). */
export function monthStart(year: number, month: number): number {
  return Math.round(Date.UTC(year, month, 1) / DAY_MS);
}

/** "1 Mar 2027". */
export function formatDay(date: string): string {
  const p = partsOf(toDay(date));
  return `${p.date} ${MONTHS[p.month]} ${p.year}`;
}

/** "+3 days", "−1 day". */
export function formatDays(days: number): string {
  const sign = days > 0 ? '+' : days < 0 ? '−' : '±';
  const n = Math.abs(days);
  return `${sign}${n} ${n === 1 ? 'day' : 'days'}`;
}
