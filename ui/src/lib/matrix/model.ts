// The responsibility matrix (D7) as the views show it: pure helpers over the core's MatrixView.
// The core decides the rules (runway_domain::matrix: one A, at least one R, at most one S) and
// who holds a role; these only index, name and lay out what it answered.

import { CODE_LABELS } from '../ipc/bindings';
import type { Code, Holder, Matrix, MatrixView, PersonRoles, RoleDef, RuleBreak } from '../ipc/bindings';

/** The codes in SARCI order; RACI offers them without S. */
export const SARCI: readonly Code[] = ['S', 'A', 'R', 'C', 'I'];
export const RACI: readonly Code[] = ['A', 'R', 'C', 'I'];

/** The activities the gates and the release page use (their keys never change). */
export const ACTIVITY_CAB = 'cab';
export const ACTIVITY_AUTHORIZE = 'authorize';
export const ACTIVITY_DEPLOY = 'deploy';

/** How an S shows in the RACI view, and what the legend says of it. */
export const SIGNING_A = 'A*';
export const SIGNING_A_NOTE =
  'A* is an A that signs: it approves the finished product (the S of the SARCI view). The matrix holds one code: switching back shows the S.';

/** A cell's code as shown: in RACI an S shows as A*. */
export function shownCode(code: Code | null | undefined, raci: boolean): string {
  if (!code) return '';
  return raci && code === 'S' ? SIGNING_A : code;
}

/** The words a cell's code is read out with (its title and accessible name). */
export function codeWords(code: Code | null | undefined, raci: boolean): string {
  if (!code) return 'empty';
  if (raci && code === 'S') return 'Accountable, signs (A*)';
  return CODE_LABELS[code];
}

const cellKey = (activity: string, role: string) => `${activity}\u0000${role}`;

/** The filled cells by activity and role. */
export function cellIndex(m: Matrix): Map<string, Code> {
  return new Map(m.cells.map((c) => [cellKey(c.activity, c.role), c.code]));
}

export function codeAt(index: ReadonlyMap<string, Code>, activity: string, role: string): Code | null {
  return index.get(cellKey(activity, role)) ?? null;
}

/**
 * What a key typed on a cell does: a code to set, `null` to clear it, `undefined` when the key is
 * not the matrix's. In RACI, S is not offered (an A* cell is left alone by S); typing A on an A*
 * cell makes it a plain A.
 */
export function typedCode(key: string, raci: boolean): Code | null | undefined {
  if (key === 'Delete' || key === 'Backspace') return null;
  if (key.length !== 1) return undefined;
  const code = key.toUpperCase() as Code;
  const offered = raci ? RACI : SARCI;
  return offered.includes(code) ? code : undefined;
}

/** The broken rules by activity key, in the core's order. */
export function breaksByActivity(violations: readonly RuleBreak[]): Map<string, RuleBreak[]> {
  const out = new Map<string, RuleBreak[]>();
  for (const v of violations) out.set(v.activity, [...(out.get(v.activity) ?? []), v]);
  return out;
}

/** The header badge: "valid", or how many rules are broken. */
export function validity(violations: readonly RuleBreak[]): string {
  const n = violations.length;
  return n === 0 ? 'valid' : n === 1 ? '1 rule broken' : `${n} rules broken`;
}

/** A role's name from the matrix, or its key when the matrix has no such role (any more). */
export function roleName(roles: readonly RoleDef[], key: string): string {
  return roles.find((r) => r.key === key)?.name ?? key;
}

/** The names of roles, by key, in the matrix's order. */
export function roleNames(roles: readonly RoleDef[], keys: readonly string[]): string[] {
  const wanted = new Set(keys);
  const known = roles.filter((r) => wanted.has(r.key)).map((r) => r.name);
  const unknown = keys.filter((k) => !roles.some((r) => r.key === k));
  return [...known, ...unknown];
}

/** The people of each role, by role key. */
export function holdersByRole(view: MatrixView): Map<string, Holder[]> {
  return new Map(view.holders.map((h) => [h.role, h.people]));
}

/** The people who hold `role` for the portfolio (list_people), by name. */
export function peopleHolding(people: readonly PersonRoles[], role: string): PersonRoles[] {
  return people.filter((p) => p.roles.includes(role)).sort((a, b) => a.person.name.localeCompare(b.person.name));
}

// --- The cursor ------------------------------------------------------------------------------------

export interface Cursor {
  row: number;
  col: number;
}

/** Where an arrow, Home, End, Page Up or Page Down key moves the cursor in a grid of `rows` × `cols`; null for other keys. */
export function movedCursor(c: Cursor, key: string, rows: number, cols: number, ctrl = false): Cursor | null {
  if (rows === 0 || cols === 0) return null;
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(c.row - 1, rows), col: c.col };
    case 'ArrowDown':
      return { row: clamp(c.row + 1, rows), col: c.col };
    case 'ArrowLeft':
      return { row: c.row, col: clamp(c.col - 1, cols) };
    case 'ArrowRight':
      return { row: c.row, col: clamp(c.col + 1, cols) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: c.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: c.row, col: cols - 1 };
    case 'PageUp':
      return { row: 0, col: c.col };
    case 'PageDown':
      return { row: rows - 1, col: c.col };
    default:
      return null;
  }
}

/** The cursor kept inside a grid that shrank (a role or an activity removed). */
export function clampCursor(c: Cursor, rows: number, cols: number): Cursor {
  return { row: Math.max(0, Math.min(rows - 1, c.row)), col: Math.max(0, Math.min(cols - 1, c.col)) };
}

/** Alt+arrow on a cell moves its activity (up, down) or its role (left, right) one place: the new index, or null. */
export function reorderKey(key: string, c: Cursor, rows: number, cols: number): { what: 'activity' | 'role'; to: number } | null {
  if (key === 'ArrowUp' && c.row > 0) return { what: 'activity', to: c.row - 1 };
  if (key === 'ArrowDown' && c.row < rows - 1) return { what: 'activity', to: c.row + 1 };
  if (key === 'ArrowLeft' && c.col > 0) return { what: 'role', to: c.col - 1 };
  if (key === 'ArrowRight' && c.col < cols - 1) return { what: 'role', to: c.col + 1 };
  return null;
}

// --- A release's matrix in names -------------------------------------------------------------------

export interface Duty {
  code: Code;
  /** How the code shows (SARCI). */
  shown: string;
  role: string;
  roleName: string;
  /** Who holds the role for the release; empty when nobody does. */
  people: Holder[];
}

export interface ResolvedActivity {
  key: string;
  name: string;
  description: string;
  /** The S, A and R of the row (in that order, then the roles' order). */
  duties: Duty[];
  /** The row's broken rules (nothing should rely on it while there are any). */
  breaks: RuleBreak[];
}

const ORDER: Record<Code, number> = { S: 0, A: 1, R: 2, C: 3, I: 4 };

/** The release's matrix resolved to names, row by row: who signs, is accountable and does the work. */
export function resolvedActivities(view: MatrixView, codes: readonly Code[] = ['S', 'A', 'R']): ResolvedActivity[] {
  const index = cellIndex(view.matrix);
  const holders = holdersByRole(view);
  const breaks = breaksByActivity(view.violations);
  return view.matrix.activities.map((a) => {
    const duties: Duty[] = [];
    for (const r of view.matrix.roles) {
      const code = codeAt(index, a.key, r.key);
      if (!code || !codes.includes(code)) continue;
      duties.push({ code, shown: code, role: r.key, roleName: r.name, people: holders.get(r.key) ?? [] });
    }
    duties.sort((x, y) => ORDER[x.code] - ORDER[y.code]);
    return { key: a.key, name: a.name, description: a.description, duties, breaks: breaks.get(a.key) ?? [] };
  });
}

/** "Ada Lovelace, Bob Stone" or "nobody". */
export function names(people: readonly { name: string }[]): string {
  return people.length ? people.map((p) => p.name).join(', ') : 'nobody';
}
