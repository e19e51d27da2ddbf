// The stakeholders' commands for the FakeCore (docs/ipc.md: distribution_lists, save_list,
// remove_list, list_reach, import_people_csv, export_people_csv), in memory: lists checked as the
// core checks them (runway_domain::stakeholders::check, in its words: an empty list, an unknown
// member, a list containing itself through others named “A” → “B” → “A”, a removal another list
// blocks), each person reached once, the people's CSV all or nothing with every bad line named,
// and undo. Also File → Import… and Export… (export_plan, import_into_plan): a releases CSV
// (`key,title,kind`, other columns not read) all or nothing, a bad kind named by row and column.

import type { Catalog, DistributionList, ErrorInfo, FieldError, Member, PeopleImport, Person, Release } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

/** The commands the FakeCore hands to this fake. */
export const STAKEHOLDER_COMMANDS: readonly Command[] = [
  'distribution_lists',
  'save_list',
  'remove_list',
  'list_reach',
  'import_people_csv',
  'export_people_csv',
  'export_plan',
  'import_into_plan',
];

const KINDS = ['major', 'minor', 'patch', 'emergency'];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class FakeStakeholders {
  lists: DistributionList[] = [];
  /** What undo_edit restores, newest last (the FakeCore asks it). */
  undos: (() => [string, string])[] = [];
  /** The file Import CSV… "chooses" in the native dialog, or null for Cancel. */
  csvFile: { name: string; text: string } | null = null;
  /** The file File → Import… "chooses", or null for Cancel. */
  planFile: { name: string; text: string } | null = null;
  /** Where File → Export… "saves" (its extension added), or null for Cancel. */
  planExportChoice: string | null = '/home/ada/Demo portfolio';
  /** Where Export CSV… "saves", or null for Cancel. */
  exportChoice: string | null = '/home/ada/People.csv';

  constructor(
    private catalog: () => Catalog,
    private setCatalog: (c: Catalog) => void,
    private releases: Map<string, Release>,
  ) {}

  invoke(command: string, args: Record<string, unknown>): unknown {
    const a = args as { original?: string | null; list: DistributionList; name: string };
    switch (command) {
      case 'distribution_lists':
        return structuredClone([...this.lists].sort((x, y) => x.name.localeCompare(y.name)));
      case 'save_list':
        return this.save(a.original ?? null, a.list);
      case 'remove_list':
        return this.remove(a.name);
      case 'list_reach':
        this.find(a.name);
        return this.expand(a.name).flatMap((e) => this.catalog().people.filter((p) => same(p.email, e)));
      case 'import_people_csv':
        return this.csvFile ? this.importCsv(this.csvFile.name, this.csvFile.text) : null;
      case 'export_people_csv':
        return this.exportChoice;
      case 'export_plan': {
        const format = (args as { format: string }).format;
        const ext = format === 'json' ? 'json' : format === 'mspdi' ? 'xml' : 'csv';
        return this.planExportChoice && `${this.planExportChoice}.${ext}`;
      }
      case 'import_into_plan':
        return this.planFile ? this.importReleases(this.planFile.name, this.planFile.text) : null;
      default:
        throw { code: 'internal', message: `the fake stakeholders have no ${command}`, fields: [] } satisfies ErrorInfo;
    }
  }

  private find(name: string): DistributionList {
    const l = this.lists.find((x) => same(x.name, name));
    if (!l) throw { code: 'not_found', message: `list "${name}" not found`, fields: [] } satisfies ErrorInfo;
    return l;
  }

  /** The e-mails a list reaches, each once, in the order met (stakeholders::expand). */
  expand(name: string, seen = new Set<string>(), visited = new Set<string>()): string[] {
    if (visited.has(name.toLowerCase())) return [];
    visited.add(name.toLowerCase());
    const l = this.lists.find((x) => same(x.name, name));
    const out: string[] = [];
    for (const m of l?.members ?? []) {
      if ('person' in m) {
        if (!seen.has(m.person.toLowerCase())) out.push(m.person);
        seen.add(m.person.toLowerCase());
      } else out.push(...this.expand(m.list, seen, visited));
    }
    return out;
  }

  /** The cycle `name` is part of among `lists`, as names from it back to it (stakeholders::cycle). */
  private cycle(lists: DistributionList[], name: string): string[] | null {
    const walk = (at: string, path: string[], seen: Set<string>): string[] | null => {
      for (const m of lists.find((l) => same(l.name, at))?.members ?? []) {
        if (!('list' in m)) continue;
        if (same(m.list, name)) return [...path, m.list];
        if (seen.has(m.list.toLowerCase())) continue;
        seen.add(m.list.toLowerCase());
        const found = walk(m.list, [...path, m.list], seen);
        if (found) return found;
      }
      return null;
    };
    return walk(name, [name], new Set());
  }

  private check(list: DistributionList, others: DistributionList[]): FieldError[] {
    const out: FieldError[] = [];
    const name = list.name.trim();
    if (!name) out.push({ field: 'name', message: 'A list needs a name.' });
    if (!list.members.length) out.push({ field: 'members', message: `"${name}" is empty: a list needs at least one member.` });
    const seen = new Set<string>();
    list.members.forEach((m: Member, i) => {
      const field = `members[${i}]`;
      const key = 'person' in m ? `p:${m.person.toLowerCase()}` : `l:${m.list.toLowerCase()}`;
      if (seen.has(key)) return out.push({ field, message: 'This member is listed twice.' });
      seen.add(key);
      if ('person' in m && !this.catalog().people.some((p) => same(p.email, m.person))) {
        out.push({ field, message: `${m.person} is not a person in this plan (add them first).` });
      } else if ('list' in m && same(m.list, name)) out.push({ field, message: `"${name}" cannot contain itself.` });
      else if ('list' in m && !others.some((l) => same(l.name, m.list))) out.push({ field, message: `"${m.list}" is not a list of this plan.` });
    });
    const c = this.cycle([...others, list], name);
    if (c && c.length > 2) {
      out.push({ field: 'members', message: `${c.map((n) => `“${n}”`).join(' → ')} is a cycle: a list cannot contain itself through another.` });
    }
    list.follows.forEach((f, i) => {
      if ('release' in f && !this.releases.has(f.release)) out.push({ field: `follows[${i}]`, message: `${f.release} is not a release of this plan.` });
      if ('application' in f && !this.catalog().applications.some((x) => x.code === f.application)) {
        out.push({ field: `follows[${i}]`, message: `${f.application} is not an application of this plan.` });
      }
    });
    return out;
  }

  save(original: string | null, given: DistributionList): DistributionList {
    // As it crosses the IPC: JSON (the UI may hand over its $state proxies).
    const list: DistributionList = JSON.parse(JSON.stringify({ ...given, name: given.name.trim(), purpose: given.purpose.trim() }));
    if (original) this.find(original);
    const others = this.lists.filter((l) => !original || !same(l.name, original));
    if (others.some((l) => same(l.name, list.name))) {
      throw { code: 'validation', message: `name: A list named "${list.name}" exists already.`, fields: [{ field: 'name', message: `A list named "${list.name}" exists already.` }] } satisfies ErrorInfo;
    }
    const fields = this.check(list, others);
    if (fields.length) throw { code: 'validation', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields } satisfies ErrorInfo;
    const before = this.lists;
    this.lists = [...others, list];
    this.undos.push(() => {
      this.lists = before;
      return [`Undid ${original ? 'the edit of' : 'adding'} the list ${list.name}.`, list.name];
    });
    return list;
  }

  remove(name: string): null {
    const list = this.find(name);
    const containing = this.lists.filter((l) => l.members.some((m) => 'list' in m && same(m.list, list.name))).map((l) => l.name);
    if (containing.length) {
      throw { code: 'conflict', message: `"${list.name}" is a member of ${containing.join(', ')}: take it out of them first`, fields: [] } satisfies ErrorInfo;
    }
    const before = this.lists;
    this.lists = this.lists.filter((l) => l !== list);
    this.undos.push(() => {
      this.lists = before;
      return [`Undid removing the list ${list.name}.`, list.name];
    });
    return null;
  }

  /** As the core reads a plain CSV (`name,email[,organisation]`, a header optional): all or nothing. */
  importCsv(source: string, text: string): PeopleImport {
    const errors: string[] = [];
    const people: Person[] = [];
    text.split(/\r?\n/).forEach((row, i) => {
      const [name = '', email = '', organisation = ''] = row.split(',').map((c) => c.trim());
      if (!row.trim() || (i === 0 && /e-?mail/i.test(row))) return;
      const line = i + 1;
      if (!email) errors.push(`line ${line}: the e-mail address is empty`);
      else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push(`line ${line}: "${email}" is not an e-mail address`);
      else if (!name) errors.push(`line ${line}: the name is empty`);
      else people.push({ name, email, organisation });
    });
    if (errors.length) {
      const s = errors.length === 1 ? '' : 's';
      throw { code: 'validation', message: `${source}: ${errors.length} problem${s} found, nothing was imported: ${errors.join('; ')}`, fields: [] } satisfies ErrorInfo;
    }
    const out: PeopleImport = { added: 0, updated: 0, unchanged: 0 };
    let all = [...this.catalog().people];
    for (const p of people) {
      const had = all.find((x) => same(x.email, p.email));
      if (!had) out.added++;
      else if (had.name === p.name && had.organisation === p.organisation) out.unchanged++;
      else out.updated++;
      all = [...all.filter((x) => x !== had), { ...p, email: had?.email ?? p.email }];
    }
    this.setCatalog({ ...this.catalog(), people: all.sort((a, b) => a.email.localeCompare(b.email)) });
    return out;
  }

  /** As the core reads a releases CSV, reduced to `key,title,kind`: all or nothing. */
  importReleases(source: string, text: string): string {
    const [header = '', ...rows] = text.trim().split(/\r?\n/);
    const columns = header.split(',');
    const errors: string[] = [];
    const added: Release[] = [];
    rows.forEach((row, i) => {
      const [key = '', title = '', kind = ''] = row.split(',');
      if (!KINDS.includes(kind)) errors.push(`row ${i + 2}, column kind: "${kind}" is not a release kind`);
      else if (!this.releases.has(key)) added.push({ ...[...this.releases.values()][0]!, key, title, kind: kind as Release['kind'] });
    });
    if (errors.length) throw { code: 'validation', message: `${source}: nothing was imported: ${errors.join('; ')}`, fields: [] } satisfies ErrorInfo;
    for (const r of added) this.releases.set(r.key, r);
    const ignored = columns.slice(3);
    return `From ${source}: ${added.length} added, 0 updated.${ignored.length ? ` Columns not read: ${ignored.join(', ')}.` : ''}`;
  }
}
