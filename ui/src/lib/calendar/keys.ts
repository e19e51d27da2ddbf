// The calendar's keys, as a pure function from a key to what it does (the app's own shortcuts are
// lib/shortcuts.ts; these apply only while the Calendar view is shown, never in a text field).

import type { KeyContext, KeyLike } from '../shortcuts';
import type { Mode } from './period';

export type CalendarKey =
  /** Move the focused day by this many days. */
  | { type: 'move'; days: number }
  /** The period before (-1) or after (+1). */
  | { type: 'page'; steps: number }
  | { type: 'today' }
  | { type: 'mode'; mode: Mode };

/** The help list's lines for these keys (lib/shortcuts.ts lists them with the app's). */
export const CALENDAR_SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '← → ↑ ↓ in the calendar', what: 'Move the focused day (a day, a week); Enter opens the focused event' },
  { keys: 'Page Up / Page Down in the calendar', what: 'The previous or next month, quarter or week' },
  { keys: 'T / M / Q / W in the calendar', what: 'Today; month, quarter or week view' },
];

const MOVES: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
const MODE_KEYS: Record<string, Mode> = { m: 'month', q: 'quarter', w: 'week' };

export function calendarKey(e: KeyLike, ctx: KeyContext): CalendarKey | null {
  if (ctx.typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  const move = MOVES[e.key];
  if (move !== undefined) return e.shiftKey ? null : { type: 'move', days: move };
  if (e.key === 'PageUp') return { type: 'page', steps: -1 };
  if (e.key === 'PageDown') return { type: 'page', steps: 1 };
  const k = e.key.toLowerCase();
  if (k === 't') return { type: 'today' };
  const mode = MODE_KEYS[k];
  return mode ? { type: 'mode', mode } : null;
}
