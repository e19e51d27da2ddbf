// The responsibility matrix's commands for the FakeCore (docs/ipc.md: matrix_view, set_matrix_cell,
// edit_matrix, list_people, save_person, assign_role, unassign_role, audience), in memory: seed
// 003's template (a few of its activities), the rules (one A, at least one R, at most one S, each
// break named on its row as the core names it), people holding roles for the portfolio and per
// release (a release's owner and manager are its record's), the refusals the core gives, and undo.

import type {
  Activity,
  Assignment,
  Audience,
  AudienceMember,
  Catalog,
  Code,
  ErrorInfo,
  Holder,
  Matrix,
  MatrixEdit,
  MatrixView,
  Person,
  PersonRoles,
  Release,
  RuleBreak,
} from '../lib/ipc/bindings';

const ROLES: [string, string][] = [
  ['sponsor', 'Sponsor (SVP)'],
  ['release_manager', 'Release Manager'],
  ['test_manager', 'Test Manager'],
  ['release_owner', 'Release Owner'],
  ['change_manager', 'Change Manager / CAB'],
  ['deployment_staff', 'Deployment staff'],
];

/** Activity, name, description, then the codes in the order of ROLES. */
const ACTIVITIES: [string, string, string, string][] = [
  ['plan', 'Conduct release planning', 'Create release units; develop the release strategy.', 'I A C R I C'],
  ['cab', 'Coordinate release acceptance (CAB approval)', 'Obtain the approval of Change Management.', 'I R C C A -'],
  ['authorize', 'Authorize deployment', 'Sign off the release into production.', 'S R C C A I'],
  ['deploy', 'Coordinate distribution and installation of releases', 'Deploy the release in its window.', '- A I I I R'],
];

export function template(): Matrix {
  const roles = ROLES.map(([key, name]) => ({ key, name }));
  const activities: Activity[] = ACTIVITIES.map(([key, name, description]) => ({ key, name, description }));
  const cells = ACTIVITIES.flatMap(([activity, , , codes]) =>
    codes.split(' ').flatMap((c, i) => (c === '-' ? [] : [{ activity, role: ROLES[i]![0], code: c as Code }])),
  );
  return { roles, activities, cells };
}

function field(name: string, message: string): ErrorInfo {
  return { code: 'validation', message: `${name}: ${message}`, fields: [{ field: name, message }] };
}

const COUNT = ['', 'one', 'two', 'three', 'four'];

/** The core's rules (runway_domain::matrix::check), with its words. */
export function check(m: Matrix): RuleBreak[] {
  const out: RuleBreak[] = [];
  for (const a of m.activities) {
    const with_ = (code: Code) => m.roles.filter((r) => m.cells.some((c) => c.activity === a.key && c.role === r.key && c.code === code));
    const list = (rs: { name: string }[]) => rs.map((r) => r.name).join(', ');
    const acc = with_('A');
    if (acc.length === 0) out.push({ activity: a.key, rule: 'one_accountable', roles: [], message: `${a.name}: no role is accountable (A)` });
    if (acc.length > 1) {
      out.push({ activity: a.key, rule: 'one_accountable', roles: acc.map((r) => r.key), message: `${a.name}: ${COUNT[acc.length] ?? acc.length} roles are accountable: ${list(acc)}` });
    }
    if (with_('R').length === 0) out.push({ activity: a.key, rule: 'responsible', roles: [], message: `${a.name}: no role is responsible (R)` });
    const sig = with_('S');
    if (sig.length > 1) out.push({ activity: a.key, rule: 'one_signature', roles: sig.map((r) => r.key), message: `${a.name}: ${COUNT[sig.length] ?? sig.length} roles sign: ${list(sig)}` });
  }
  return out;
}

export class FakeMatrix {
  matrix: Matrix = template();
  /** Portfolio assignments (release null) and a release's own. */
  assignments: Assignment[] = [
    { role: 'sponsor', person: 'eve@example.org', release: null },
    { role: 'release_owner', person: 'ada@example.org', release: null },
    { role: 'release_manager', person: 'bob@example.org', release: null },
    { role: 'change_manager', person: 'bob@example.org', release: null },
  ];
  /** What undo_edit restores, newest last (the FakeCore asks it first). */
  undos: (() => [string, string])[] = [];

  constructor(
    private catalog: () => Catalog,
    private setCatalog: (c: Catalog) => void,
    private releases: Map<string, Release>,
  ) {}

  invoke(command: string, args: Record<string, unknown>): unknown {
    const a = args as { release?: string | null; activity: string; role: string; code: Code | null; person: string; edit: MatrixEdit };
    switch (command) {
      case 'matrix_view':
        return this.view(a.release ?? null);
      case 'set_matrix_cell':
        return this.setCell(a.activity, a.role, a.code);
      case 'edit_matrix':
        return this.edit(a.edit);
      case 'list_people':
        return this.people();
      case 'save_person':
        return this.savePerson((args as { person: Person }).person);
      case 'assign_role':
        return this.assign(a.role, a.person, a.release ?? null, true);
      case 'unassign_role':
        return this.assign(a.role, a.person, a.release ?? null, false);
      case 'audience':
        return this.audience(a.release ?? '', a.activity);
      default:
        throw { code: 'internal', message: `the fake matrix has no ${command}`, fields: [] } satisfies ErrorInfo;
    }
  }

  private name(email: string): string {
    return this.catalog().people.find((p) => p.email.toLowerCase() === email.toLowerCase())?.name ?? email;
  }

  private release(key: string): Release {
    const r = this.releases.get(key);
    if (!r) throw { code: 'not_found', message: `No release ${key}.`, fields: [] } satisfies ErrorInfo;
    return r;
  }

  /** The people holding `role`: the release's own when it names any, else the portfolio's (Holders::of). */
  holders(release: string | null, role: string): Holder[] {
    if (release) {
      const own = this.assignments.filter((x) => x.release === release && x.role === role);
      if (own.length) return own.map((x) => ({ email: x.person, name: this.name(x.person), role, for_release: true }));
      const r = this.release(release);
      const record = role === 'release_owner' ? r.owner : role === 'release_manager' ? r.manager : null;
      if (record) return [{ email: record, name: this.name(record), role, for_release: true }];
    }
    return this.assignments
      .filter((x) => !x.release && x.role === role)
      .map((x) => ({ email: x.person, name: this.name(x.person), role, for_release: false }));
  }

  view(release: string | null): MatrixView {
    if (release) this.release(release);
    return {
      matrix: structuredClone(this.matrix),
      violations: check(this.matrix),
      holders: this.matrix.roles.map((r) => ({ role: r.key, people: this.holders(release, r.key) })),
      release,
    };
  }

  private save(change: (m: Matrix) => void, what: string): MatrixView {
    const before = structuredClone(this.matrix);
    const after = structuredClone(this.matrix);
    change(after);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      this.matrix = after;
      this.undos.push(() => {
        this.matrix = before;
        return [`Undid ${what}.`, 'matrix'];
      });
    }
    return this.view(null);
  }

  private role(m: Matrix, key: string) {
    const i = m.roles.findIndex((r) => r.key === key || r.name.toLowerCase() === key.toLowerCase());
    if (i < 0) throw field('role', `The matrix has no role "${key}".`);
    return i;
  }

  private activity(m: Matrix, key: string) {
    const i = m.activities.findIndex((a) => a.key === key || a.name.toLowerCase() === key.toLowerCase());
    if (i < 0) throw field('activity', `The matrix has no activity "${key}".`);
    return i;
  }

  setCell(activity: string, role: string, code: Code | null): MatrixView {
    return this.save((m) => {
      const a = m.activities[this.activity(m, activity)]!.key;
      const r = m.roles[this.role(m, role)]!.key;
      m.cells = m.cells.filter((c) => !(c.activity === a && c.role === r));
      if (code) m.cells.push({ activity: a, role: r, code });
    }, 'the matrix edit');
  }

  edit(e: MatrixEdit): MatrixView {
    const keyFor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'x';
    const named = (name: string, taken: string[], what: string) => {
      const n = name.trim();
      if (!n) throw field(what, `The ${what}'s name: a name is needed.`);
      if (taken.some((t) => t.toLowerCase() === n.toLowerCase())) throw field(what, `There is already a ${what} named "${n}".`);
      return n;
    };
    const move = <T>(items: T[], from: number, to: number) => {
      const [item] = items.splice(from, 1);
      items.splice(Math.min(to, items.length), 0, item as T);
    };
    return this.save((m) => {
      switch (e.op) {
        case 'add_role': {
          const name = named(e.name, m.roles.map((r) => r.name), 'role');
          m.roles.push({ key: keyFor(name), name });
          break;
        }
        case 'rename_role': {
          const i = this.role(m, e.key);
          m.roles[i]!.name = named(e.name, m.roles.filter((_, j) => j !== i).map((r) => r.name), 'role');
          break;
        }
        case 'move_role':
          move(m.roles, this.role(m, e.key), e.to);
          break;
        case 'remove_role': {
          const i = this.role(m, e.key);
          const r = m.roles[i]!;
          if (r.key === 'release_owner' || r.key === 'release_manager') {
            throw field('role', `${r.name} cannot be removed: each release's record names who holds it (its owner or manager).`);
          }
          const held = this.assignments.filter((x) => x.role === r.key).map((x) => (x.release ? `${x.person} (for ${x.release})` : x.person));
          if (held.length) throw field('role', `${r.name} cannot be removed: ${held.join(', ')} hold it. Unassign them first.`);
          m.roles.splice(i, 1);
          m.cells = m.cells.filter((c) => c.role !== r.key);
          break;
        }
        case 'add_activity': {
          const name = named(e.name, m.activities.map((a) => a.name), 'activity');
          m.activities.push({ key: keyFor(name), name, description: e.description.trim() });
          break;
        }
        case 'edit_activity': {
          const i = this.activity(m, e.key);
          m.activities[i]!.name = named(e.name, m.activities.filter((_, j) => j !== i).map((a) => a.name), 'activity');
          m.activities[i]!.description = e.description.trim();
          break;
        }
        case 'move_activity':
          move(m.activities, this.activity(m, e.key), e.to);
          break;
        case 'remove_activity': {
          const i = this.activity(m, e.key);
          const a = m.activities[i]!;
          if (a.key === 'cab' || a.key === 'authorize') {
            throw field('activity', `${a.name} cannot be removed: its gate asks it who decides. Rename it if you call it otherwise.`);
          }
          m.activities.splice(i, 1);
          m.cells = m.cells.filter((c) => c.activity !== a.key);
          break;
        }
      }
    }, 'the matrix edit');
  }

  people(): PersonRoles[] {
    return this.catalog().people.map((person) => {
      const mine = this.assignments.filter((x) => x.person.toLowerCase() === person.email.toLowerCase());
      return {
        person,
        roles: this.matrix.roles.filter((r) => mine.some((x) => !x.release && x.role === r.key)).map((r) => r.key),
        overrides: mine.filter((x) => !!x.release),
      };
    });
  }

  savePerson(p: Person): Person {
    const person = { email: p.email.trim(), name: p.name.trim(), organisation: p.organisation.trim() };
    const fields = [];
    if (!person.email.includes('@') || /\s/.test(person.email)) fields.push({ field: 'email', message: `"${person.email}" is not an e-mail address.` });
    if (!person.name) fields.push({ field: 'name', message: 'A person needs a name.' });
    if (fields.length) throw { code: 'validation', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields } satisfies ErrorInfo;
    const before = this.catalog();
    const people = before.people.filter((x) => x.email.toLowerCase() !== person.email.toLowerCase());
    this.setCatalog({ ...before, people: [...people, person].sort((a, b) => a.email.localeCompare(b.email)) });
    this.undos.push(() => {
      this.setCatalog(before);
      return [`Undid saving ${person.email}.`, person.email];
    });
    return person;
  }

  assign(role: string, person: string, release: string | null, on: boolean): MatrixView {
    const r = this.matrix.roles[this.role(this.matrix, role)]!;
    const email = this.catalog().people.find((p) => p.email.toLowerCase() === person.trim().toLowerCase())?.email;
    if (!email) throw field('person', `${person} is not a person in this plan (add them first: runway people add).`);
    if (release && (r.key === 'release_owner' || r.key === 'release_manager')) {
      const rel = this.release(release);
      const key = r.key === 'release_owner' ? 'owner' : 'manager';
      if (on && rel[key] === email) throw field('person', `${email} is already the ${r.name} of ${release}.`);
      if (on || rel[key] === email) {
        const before = { ...rel };
        this.releases.set(release, { ...rel, [key]: on ? email : null });
        this.undos.push(() => {
          this.releases.set(release, before);
          return [`Undid the edit of ${release}.`, release];
        });
        return this.view(release);
      }
    }
    const i = this.assignments.findIndex((x) => x.role === r.key && x.person === email && (x.release ?? null) === release);
    const whose = release ?? 'the portfolio';
    if (on && i >= 0) throw field('person', `${email} already holds ${r.name} for ${whose}.`);
    if (!on && i < 0) throw field('person', `${email} does not hold ${r.name} for ${whose}.`);
    const before = [...this.assignments];
    if (on) this.assignments.push({ role: r.key, person: email, release });
    else this.assignments.splice(i, 1);
    this.undos.push(() => {
      this.assignments = before;
      return [`Undid ${on ? 'assigning' : 'unassigning'} ${r.name}.`, release ?? 'matrix'];
    });
    return this.view(release);
  }

  audience(release: string, activity: string): Audience {
    this.release(release);
    const a = this.matrix.activities[this.activity(this.matrix, activity)]!;
    const out: Audience = {
      activity: a.key,
      signature: [],
      accountable: [],
      responsible: [],
      consulted: [],
      informed: [],
      violations: check(this.matrix).filter((v) => v.activity === a.key).map((v) => v.message),
      unfilled: [],
    };
    const lists: Record<Code, AudienceMember[]> = { S: out.signature, A: out.accountable, R: out.responsible, C: out.consulted, I: out.informed };
    for (const r of this.matrix.roles) {
      const code = this.matrix.cells.find((c) => c.activity === a.key && c.role === r.key)?.code;
      if (!code) continue;
      const people = this.holders(release, r.key);
      if (!people.length) out.unfilled.push(r.name);
      for (const h of people) {
        const there = lists[code].find((p) => p.email === h.email);
        if (there) there.roles.push(r.name);
        else lists[code].push({ email: h.email, name: h.name, roles: [r.name] });
      }
    }
    return out;
  }
}
