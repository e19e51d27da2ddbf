// The Merge review's words, pure: what happened on a card in plain words, a side's value shown
// readably (its JSON text parsed), the copies by a short id, what a merge did, and the decisions
// a person's choice sends (docs/ipc.md: decide_card). Nothing here talks to the core.

import type { Card, Decision, MergeReport, Side } from '../ipc/bindings';
import { KIND_LABELS, RISK_LABELS, STATUS_LABELS, UNIT_LABELS, milestoneLabel } from '../labels';
import { formatWindow, fromLocalInput, toLocalInput } from '../datetime';

/** A copy's replica id, short: its last eight characters (a UUIDv7 starts with its time, so two
 * copies made the same day share their first ones). */
export function shortReplica(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
}

const FIELD_LABELS: Record<string, string> = {
  key: 'Key',
  title: 'Title',
  kind: 'Kind',
  unit: 'Unit',
  status: 'Status',
  owner: 'Release owner',
  manager: 'Release manager',
  window: 'Deployment window',
  risk: 'Risk',
  acceptance_criteria: 'Acceptance criteria',
  backout_plan: 'Back-out plan',
  backout_tested: 'Back-out tested',
  notes: 'Notes',
  lag_days: 'Lag',
};

/** What a field is called on screen: "Title", "Phase Dress rehearsal", "CI ledger-db version". */
export function fieldLabel(field: string, entity = 'release'): string {
  const [set, element] = splitField(field);
  if (element !== null) {
    if (set === 'milestones') return `Phase ${milestoneLabel(element)}`;
    if (set === 'cis') return `CI ${element} version`;
    if (set === 'applications') return `Application ${element}`;
    if (set === 'environments') return `Environment ${element}`;
    if (set === 'rfcs') return `RFC ${element}`;
  }
  if (entity === 'dependency' && field === 'kind') return 'Dependency type';
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function splitField(field: string): [string, string | null] {
  const at = field.indexOf('/');
  return at < 0 ? [field, null] : [field.slice(0, at), field.slice(at + 1)];
}

/** What happened, in plain words: the card's heading. */
export function whatHappened(card: Card): string {
  switch (card.kind) {
    case 'field':
      return `${fieldLabel(card.field, card.entity)} edited on both sides`;
    case 'deleted':
      return 'Deleted by one side, edited by the other';
    case 'key':
      return `Two releases claim the key ${card.subject}`;
    case 'cycle':
      return 'Left out: it would close a cycle';
  }
}

/** What a person is asked, under the heading. */
export function question(card: Card): string {
  switch (card.kind) {
    case 'field':
      return 'Two copies changed it without seeing each other’s change. Keep one side, or write the value yourself.';
    case 'deleted':
      return 'It stays deleted until you decide. Keep it deleted, or bring it back with the other side’s edit.';
    case 'key':
      return 'Both copies gave a release this key. One keeps it; give the other a key of its own.';
    case 'cycle':
      return 'With this dependency the dependencies would go round in a circle, so the merge left it out.';
  }
}

const DEP_KINDS: Record<string, string> = {
  fs: 'finish to start',
  ss: 'start to start',
  ff: 'finish to finish',
  sf: 'start to finish',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parse(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

function isObject(v: Json): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);

/** "2027-01-04 – 2027-01-05", one day once; an end not there yet is `open`. */
export function span(start: string, end: string | null, open = ''): string {
  return end === start ? start : `${start} – ${end ?? open}`;
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  kind: KIND_LABELS,
  unit: UNIT_LABELS,
  status: STATUS_LABELS,
  risk: RISK_LABELS,
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A side's value as a person reads it: text as text, a phase's dates, a window, a dependency's
 * type and lag; null is "Deleted" for the existence of a thing and "Removed" for one of its fields.
 */
export function showValue(card: Card, side: Side): string {
  const parsed = parse(side.value);
  if (!parsed.ok) return side.value;
  const v = parsed.value;
  if (v === null) return card.kind === 'deleted' || card.kind === 'cycle' ? 'Deleted' : 'Removed';
  const [set, element] = splitField(card.field);
  if (typeof v === 'string') {
    if (card.kind === 'field' && card.entity === 'release') return ENUM_LABELS[card.field]?.[v] ?? v;
    if (card.entity === 'dependency' && card.field === 'kind') return DEP_KINDS[v] ?? v;
    return v;
  }
  if (typeof v === 'boolean') {
    if (element !== null && set !== 'milestones') return v ? 'Linked' : 'Not linked';
    return v ? 'Yes' : 'No';
  }
  if (typeof v === 'number') return card.field === 'lag_days' ? plural(v, 'day') : String(v);
  if (isObject(v)) {
    const start = str(v.planned_start);
    const end = str(v.planned_end);
    if (start && end) {
      const actual = str(v.actual_start);
      return actual ? `${span(start, end)} (actual ${span(actual, str(v.actual_end), 'ongoing')})` : span(start, end);
    }
    const from = str(v.start);
    const to = str(v.end);
    if (from && to) return formatWindow({ start: from, end: to });
    if ('from' in v && 'to' in v && typeof v.kind === 'string') {
      const lag = typeof v.lag_days === 'number' ? v.lag_days : 0;
      return `${DEP_KINDS[v.kind] ?? v.kind}, lag ${plural(lag, 'day')}`;
    }
    const key = str(v.key);
    const title = str(v.title);
    if (key || title) return [key, title].filter(Boolean).join(' ');
  }
  return JSON.stringify(v);
}

/** How a field card's value is written by hand: free text, a phase's planned dates, a window. */
export type EditKind = 'text' | 'dates' | 'window';

const TEXT_FIELDS = new Set(['key', 'title', 'owner', 'manager', 'acceptance_criteria', 'backout_plan', 'notes']);

/** Whether (and how) a card can be decided by a value of one's own; null: only by picking a side. */
export function editKind(card: Card): EditKind | null {
  if (card.kind !== 'field' || card.entity !== 'release') return null;
  const [set, element] = splitField(card.field);
  if (element !== null) return set === 'milestones' ? 'dates' : set === 'cis' ? 'text' : null;
  if (card.field === 'window') return 'window';
  return TEXT_FIELDS.has(card.field) ? 'text' : null;
}

/** The value an edit starts from: the side that stands for now (else the first that holds one). */
export function baseValue(card: Card): Json {
  const sides = [...card.sides].sort((a, b) => Number(b.standing) - Number(a.standing));
  for (const s of sides) {
    const p = parse(s.value);
    if (p.ok && p.value !== null) return p.value;
  }
  return null;
}

/** What the edit form holds: text, or two dates (YYYY-MM-DD), or two datetime-local values. */
export interface EditInput {
  text: string;
  from: string;
  to: string;
}

/** The edit form, prefilled with the standing value. */
export function editStart(card: Card): EditInput {
  const v = baseValue(card);
  const kind = editKind(card);
  if (kind === 'dates' && isObject(v)) return { text: '', from: str(v.planned_start) ?? '', to: str(v.planned_end) ?? '' };
  if (kind === 'window' && isObject(v)) return { text: '', from: toLocalInput(str(v.start)), to: toLocalInput(str(v.end)) };
  return { text: typeof v === 'string' ? v : '', from: '', to: '' };
}

/** The decision an edit sends (the value as JSON text), or what is wrong with the input. */
export function valueDecision(card: Card, input: EditInput): { decision: Decision } | { error: string } {
  const kind = editKind(card);
  if (kind === 'text') return { decision: { how: 'value', value: JSON.stringify(input.text) } };
  if (kind === 'dates') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from) || !/^\d{4}-\d{2}-\d{2}$/.test(input.to)) {
      return { error: 'Give the planned start and end.' };
    }
    if (input.to < input.from) return { error: 'The phase ends before it starts.' };
    const base = baseValue(card);
    const value = { actual_start: null, actual_end: null, ...(isObject(base) ? base : {}), planned_start: input.from, planned_end: input.to };
    return { decision: { how: 'value', value: JSON.stringify(value) } };
  }
  if (kind === 'window') {
    const start = fromLocalInput(input.from);
    const end = fromLocalInput(input.to);
    if (!start || !end) return { error: 'Give the window’s start and end.' };
    if (end <= start) return { error: 'The window ends before it starts.' };
    return { decision: { how: 'value', value: JSON.stringify({ start, end }) } };
  }
  return { error: 'This card is decided by keeping one side.' };
}

/** The decision that keeps a key with the side `keeps` and gives the other release `key`. */
export function renameDecision(card: Card, keeps: string, key: string): { decision: Decision } | { error: string } {
  const k = key.trim();
  if (!k) return { error: 'Give the other release a key.' };
  if (k === card.subject) return { error: `Give the other release a key of its own, not ${card.subject}.` };
  if (!/^[\p{L}\p{N}._-]+$/u.test(k)) return { error: "A key may hold letters, digits, '-', '.' and '_' only." };
  return { decision: { how: 'rename', keeps, key: k } };
}

/** The label of a side's button. */
export function keepLabel(card: Card, side: Side): string {
  if (card.kind === 'deleted') return side.value === 'null' ? 'Keep it deleted' : 'Bring it back with this edit';
  return 'Keep this';
}

/** What a merge did, line by line, for its summary. */
export function mergeSummary(r: MergeReport): { headline: string; changed: string[]; review: string } {
  const from = `${r.author || 'someone'} (copy ${shortReplica(r.replica)})`;
  const headline =
    r.added === 0
      ? `Nothing new from ${from}: this plan already had all ${plural(r.already_had, 'operation')} of ${r.source}.`
      : `Merged ${plural(r.added, 'operation')} from ${from}` +
        (r.already_had ? `; this plan already had ${r.already_had} more.` : '.');
  const changed = [...new Set(r.changed)];
  const review =
    r.cards.length === 0
      ? 'Nothing to review: the two copies did not contradict each other.'
      : `${plural(r.cards.length, 'card')} to review: ${r.cards.length === 1 ? 'a change needs' : 'changes need'} your decision.`;
  return { headline, changed, review };
}
