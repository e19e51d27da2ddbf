// The Stakeholders view's pure parts: how a list's members and follows read (people by name, lists
// marked as lists, releases by key, applications by name), the lists each person is on, the
// words of "reaches N people", a list form's draft and where the core's refusal of it shows, and
// the bad lines of a refused people's CSV. Nothing here decides whether a list is valid: the core
// does, and names each problem by field.

import type { Application, DistributionList, FieldError, Follow, Member, Person, ReleaseSummary } from '../ipc/bindings';

/** A member or a follow as the view shows it. */
export interface Chip {
  kind: 'person' | 'list' | 'release' | 'application';
  /** The person's e-mail, the list's name, the release's key, the application's code. */
  value: string;
  label: string;
  /** What else names it: a person's e-mail, a release's title, an application's code ('' for a list). */
  detail: string;
  /** The tooltip. */
  title: string;
  /** Not in the plan (any more): shown as it is spelled. */
  unknown: boolean;
}

export function memberChip(m: Member, people: readonly Person[]): Chip {
  if ('person' in m) {
    const p = people.find((x) => x.email.toLowerCase() === m.person.toLowerCase());
    return { kind: 'person', value: m.person, label: p?.name || m.person, detail: p ? m.person : '', title: m.person, unknown: !p };
  }
  return { kind: 'list', value: m.list, label: m.list, detail: '', title: `The list “${m.list}”`, unknown: false };
}

export function followChip(f: Follow, applications: readonly Application[], releases: readonly ReleaseSummary[]): Chip {
  if ('release' in f) {
    const r = releases.find((x) => x.key === f.release);
    return { kind: 'release', value: f.release, label: f.release, detail: r?.title ?? '', title: r ? `${r.key} — ${r.title}` : f.release, unknown: !r };
  }
  const a = applications.find((x) => x.code === f.application);
  return {
    kind: 'application',
    value: f.application,
    label: a?.name || f.application,
    detail: a ? a.code : '',
    title: `Every release of ${a ? `${a.name} (${a.code})` : f.application}`,
    unknown: !a,
  };
}

/** A member's or a follow's identity (as the core compares them: an e-mail or a list name ignoring case). */
export const memberKey = (m: Member): string => ('person' in m ? `p:${m.person.toLowerCase()}` : `l:${m.list.toLowerCase()}`);
export const followKey = (f: Follow): string => ('release' in f ? `r:${f.release}` : `a:${f.application}`);

/** The member or follow a picker's value (`p:…`, `l:…`, `r:…`, `a:…`) stands for. */
export function pickedMember(value: string): Member | null {
  if (value.startsWith('p:')) return { person: value.slice(2) };
  if (value.startsWith('l:')) return { list: value.slice(2) };
  return null;
}
export function pickedFollow(value: string): Follow | null {
  if (value.startsWith('r:')) return { release: value.slice(2) };
  if (value.startsWith('a:')) return { application: value.slice(2) };
  return null;
}

export function reachWords(n: number): string {
  return n === 0 ? 'reaches nobody' : n === 1 ? 'reaches 1 person' : `reaches ${n.toLocaleString('en')} people`;
}

/** A list a person is on: directly, or through a list it contains (`direct` false). */
export interface OnList {
  list: string;
  direct: boolean;
}

/** The lists each person (by lower-case e-mail) is on, by list name: from each list's reach. */
export function listsByPerson(lists: readonly DistributionList[], reach: ReadonlyMap<string, readonly Person[]>): Map<string, OnList[]> {
  const out = new Map<string, OnList[]>();
  const sorted = [...lists].sort((a, b) => a.name.localeCompare(b.name));
  for (const l of sorted) {
    const direct = new Set(l.members.flatMap((m) => ('person' in m ? [m.person.toLowerCase()] : [])));
    const reached = reach.get(l.name) ?? [];
    const emails = new Set([...direct, ...reached.map((p) => p.email.toLowerCase())]);
    for (const e of emails) out.set(e, [...(out.get(e) ?? []), { list: l.name, direct: direct.has(e) }]);
  }
  return out;
}

/** What a list form edits. */
export interface ListDraft {
  name: string;
  purpose: string;
  members: Member[];
  follows: Follow[];
}

export const listDraft = (l: DistributionList | null): ListDraft =>
  l ? { name: l.name, purpose: l.purpose, members: [...l.members], follows: [...l.follows] } : { name: '', purpose: '', members: [], follows: [] };

export const listOf = (d: ListDraft): DistributionList => ({ name: d.name.trim(), purpose: d.purpose.trim(), members: d.members, follows: d.follows });

/** Adds `item` unless it is there already (by `key`). */
export function added<T>(items: readonly T[], item: T, key: (t: T) => string): T[] {
  return items.some((x) => key(x) === key(item)) ? [...items] : [...items, item];
}

/**
 * Where the core's refusal of a list shows: `name`, `purpose`, `members` (empty, a cycle),
 * `members[i]` and `follows[i]` at their row, anything else above the buttons.
 */
export interface ListErrors {
  at: Record<string, string>;
  other: string[];
}

export function placeListErrors(fields: readonly FieldError[], general = ''): ListErrors {
  const at: Record<string, string> = {};
  const other: string[] = [];
  for (const f of fields) {
    const known = /^(name|purpose|members|follows)(\[\d+\])?$/.test(f.field);
    if (!known) other.push(f.message);
    else at[f.field] = at[f.field] ? `${at[f.field]} ${f.message}` : f.message;
  }
  if (!fields.length && general) other.push(general);
  return { at, other };
}

/** The errors that still hold after a member or follow was added or removed (row errors go: rows moved). */
export function withoutRowErrors(e: ListErrors, field: 'members' | 'follows'): ListErrors {
  const at = Object.fromEntries(Object.entries(e.at).filter(([k]) => !k.startsWith(`${field}[`)));
  return { at, other: e.other };
}

/**
 * A refused people's CSV as the view lists it: the core's sentence ("people.csv: 2 problems found,
 * nothing was imported: line 3: …; line 5: …") split into its summary and each bad line.
 */
export function importProblems(message: string): { summary: string; problems: string[] } {
  const at = message.indexOf('nothing was imported: ');
  if (at < 0) return { summary: message, problems: [] };
  const head = message.slice(0, at + 'nothing was imported'.length);
  const rest = message.slice(at + 'nothing was imported: '.length);
  const problems = rest
    .split(/; (?=line \d+:|and \d+ more$|the file holds)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { summary: `${head}.`, problems };
}

/** "3 added, 1 updated, 2 unchanged" — the parts that are not zero (or "nobody new"). */
export function importWords(r: { added: number; updated: number; unchanged: number }): string {
  const parts = [r.added && `${r.added} added`, r.updated && `${r.updated} updated`, r.unchanged && `${r.unchanged} unchanged`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nobody in the file';
}
