// A window's recurrence as the form offers it: none, weekly on chosen days, the last N working
// days of each month, or a rule typed in RFC 5545's words. The core reads and checks the rule
// (runway_domain::calendar::window, with the rrule crate); this only writes the presets and
// recognises them again.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_WORDS: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export type Preset = 'none' | 'weekly' | 'monthly_last' | 'custom';

export const PRESETS: readonly { id: Preset; label: string }[] = [
  { id: 'none', label: 'Does not repeat' },
  { id: 'weekly', label: 'Weekly, on chosen days' },
  { id: 'monthly_last', label: 'Monthly, the last working days' },
  { id: 'custom', label: 'Custom rule (RRULE)' },
];

export interface Repeat {
  preset: Preset;
  /** Weekly: the days. */
  days: Weekday[];
  /** Monthly: how many of the last working days, as typed. */
  lastDays: string;
  /** Custom: the rule as typed. */
  rule: string;
}

export const NO_REPEAT: Repeat = { preset: 'none', days: [], lastDays: '3', rule: '' };

/** The most "last working days" a month has room for. */
export const MAX_LAST_DAYS = 20;

/** The rule to send, or an error in words for the recurrence field. */
export function ruleOf(r: Repeat): { rule: string | null } | { error: string } {
  switch (r.preset) {
    case 'none':
      return { rule: null };
    case 'weekly': {
      const days = WEEKDAYS.filter((d) => r.days.includes(d));
      return { rule: days.length ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : 'FREQ=WEEKLY' };
    }
    case 'monthly_last': {
      const t = r.lastDays.trim();
      const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
      if (!(n >= 1 && n <= MAX_LAST_DAYS)) return { error: `Give the number of working days, 1 to ${MAX_LAST_DAYS}.` };
      const positions = Array.from({ length: n }, (_, i) => String(i - n));
      return { rule: `FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=${positions.join(',')}` };
    }
    case 'custom': {
      const rule = r.rule.trim().replace(/^RRULE:/i, '');
      return { rule: rule || null };
    }
  }
}

function parts(rule: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [k, v, ...rest] = part.split('=');
    if (!k || v === undefined || rest.length) return null;
    out.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return out;
}

/** The form's values for a stored rule: a preset when the rule is one, else the rule as custom. */
export function repeatOf(rule: string | null): Repeat {
  if (!rule?.trim()) return { ...NO_REPEAT };
  const p = parts(rule.trim().replace(/^RRULE:/i, ''));
  const custom: Repeat = { ...NO_REPEAT, preset: 'custom', rule: rule.trim() };
  if (!p) return custom;
  const keys = [...p.keys()].sort().join(',');
  if (p.get('FREQ') === 'WEEKLY' && (keys === 'FREQ' || keys === 'BYDAY,FREQ')) {
    const days = (p.get('BYDAY') ?? '').split(',').filter(Boolean);
    if (days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) {
      return { ...NO_REPEAT, preset: 'weekly', days: WEEKDAYS.filter((d) => days.includes(d)) };
    }
  }
  if (p.get('FREQ') === 'MONTHLY' && keys === 'BYDAY,BYSETPOS,FREQ' && p.get('BYDAY') === 'MO,TU,WE,TH,FR') {
    const pos = (p.get('BYSETPOS') ?? '').split(',').map(Number);
    const n = pos.length;
    if (n >= 1 && n <= MAX_LAST_DAYS && [...pos].sort((a, b) => a - b).every((v, i) => v === i - n)) {
      return { ...NO_REPEAT, preset: 'monthly_last', lastDays: String(n) };
    }
  }
  return custom;
}

/** The rule in words: "Every week on Tuesday and Thursday", "The last 3 working days of each month". */
export function describeRule(rule: string | null): string {
  if (!rule) return 'Once';
  const r = repeatOf(rule);
  if (r.preset === 'weekly') {
    if (r.days.length === 0) return 'Every week';
    const words = r.days.map((d) => WEEKDAY_WORDS[d]);
    const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
    return `Every week on ${list}`;
  }
  if (r.preset === 'monthly_last') {
    return r.lastDays === '1' ? 'The last working day of each month' : `The last ${r.lastDays} working days of each month`;
  }
  return `Repeats: ${rule}`;
}
