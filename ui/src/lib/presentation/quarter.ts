// Calendar quarters for the CAB presentation: which quarter a date falls in, stepping between
// quarters, their bounds and labels. Dates are plan dates, "YYYY-MM-DD" (no zone): the arithmetic
// is done in UTC so that no local offset or daylight-saving change can shift a day.

export interface Quarter {
  year: number;
  /** 1 to 4. */
  q: number;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A plan date ("YYYY-MM-DD", or a date-time whose date part is read) as a day number. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a plan date: ${date}`);
  return Math.round(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY_MS);
}

/** A day number back as "YYYY-MM-DD". */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The quarter a plan date falls in. */
export function quarterOf(date: string): Quarter {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a plan date: ${date}`);
  return { year: +m[1]!, q: Math.floor((+m[2]! - 1) / 3) + 1 };
}

/** The quarter `n` quarters after (negative: before) the given one. */
export function stepQuarter(quarter: Quarter, n: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + n;
  return { year: Math.floor(index / 4), q: (((index % 4) + 4) % 4) + 1 };
}

export function sameQuarter(a: Quarter, b: Quarter): boolean {
  return a.year === b.year && a.q === b.q;
}

/** First and last day of the quarter, inclusive: Q1 2027 is 2027-01-01 to 2027-03-31. */
export function quarterBounds(quarter: Quarter): { start: string; end: string } {
  const firstMonth = (quarter.q - 1) * 3; // 0-based
  const start = `${quarter.year}-${pad(firstMonth + 1)}-01`;
  const next = stepQuarter(quarter, 1);
  const end = fromDayNumber(dayNumber(`${next.year}-${pad((next.q - 1) * 3 + 1)}-01`) - 1);
  return { start, end };
}

/** Number of days in the quarter (90 to 92). */
export function quarterDays(quarter: Quarter): number {
  const { start, end } = quarterBounds(quarter);
  return dayNumber(end) - dayNumber(start) + 1;
}

/** "Q1 2027". */
export function quarterLabel(quarter: Quarter): string {
  return `Q${quarter.q} ${quarter.year}`;
}

/** The quarter's three months: their short names and where each starts, as a fraction of the quarter. */
export function quarterMonths(quarter: Quarter): { label: string; offset: number }[] {
  const { start } = quarterBounds(quarter);
  const first = dayNumber(start);
  const days = quarterDays(quarter);
  return [0, 1, 2].map((i) => {
    const month = (quarter.q - 1) * 3 + i;
    const day = dayNumber(`${quarter.year}-${pad(month + 1)}-01`);
    return { label: MONTHS[month]!, offset: (day - first) / days };
  });
}

/** Where a date lies in the quarter, as a fraction (0 at its first day's start, 1 after its last day). */
export function offsetIn(quarter: Quarter, date: string, endOfDay = false): number {
  const first = dayNumber(quarterBounds(quarter).start);
  return (dayNumber(date) - first + (endOfDay ? 1 : 0)) / quarterDays(quarter);
}
