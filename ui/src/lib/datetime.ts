// Dates as the plan holds them: plan-local date-times "YYYY-MM-DDTHH:MM:SS" (no zone), milestone
// dates "YYYY-MM-DD", and audit times in UTC RFC 3339.

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/;

/** A plan date-time as an `<input type="datetime-local">` value (seconds kept only if not zero). */
export function toLocalInput(planDateTime: string | null | undefined): string {
  if (!planDateTime) return '';
  const m = LOCAL_INPUT.exec(planDateTime.slice(0, 19));
  if (!m) return '';
  return m[3] && m[3] !== '00' ? `${m[1]}T${m[2]}:${m[3]}` : `${m[1]}T${m[2]}`;
}

/** A datetime-local value ("YYYY-MM-DDTHH:MM") as a plan date-time ("YYYY-MM-DDTHH:MM:00"). */
export function fromLocalInput(value: string): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  return `${m[1]}T${m[2]}:${m[3] ?? '00'}`;
}

/** "2027-03-14T22:00:00" → "2027-03-14 22:00". */
export function formatPlanDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return value.slice(0, 16).replace('T', ' ');
}

/** A window for display: same-day windows show the end time only. */
export function formatWindow(w: { start: string; end: string } | null | undefined): string {
  if (!w) return '';
  const start = formatPlanDateTime(w.start);
  const end = formatPlanDateTime(w.end);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A UTC RFC 3339 time in the user's local time, "YYYY-MM-DD HH:MM". */
export function formatUtc(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The browser clock as a plan-local date-time (the plan has no zone: local wall time). */
export function planNow(now: Date = new Date()): string {
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`
  );
}

/** Adds whole days to a plan-local date-time, keeping the wall time. */
export function addDays(planDateTime: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(planDateTime);
  if (!m) throw new Error(`not a plan date-time: ${planDateTime}`);
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]! + days, +m[4]!, +m[5]!, +m[6]!));
  return d.toISOString().slice(0, 19);
}
