import { describe, expect, it } from 'vitest';
import type { DistributionList, Person, ReleaseSummary } from '../ipc/bindings';
import {
  added,
  followChip,
  importProblems,
  importWords,
  listDraft,
  listOf,
  listsByPerson,
  memberChip,
  memberKey,
  pickedFollow,
  pickedMember,
  placeListErrors,
  reachWords,
  withoutRowErrors,
} from './model';

const ada: Person = { email: 'ada@example.org', name: 'Ada Lovelace', organisation: 'IT' };
const bob: Person = { email: 'bob@example.org', name: 'Bob Manager', organisation: '' };
const list = (name: string, members: DistributionList['members']): DistributionList => ({ name, purpose: '', members, follows: [] });

describe('chips', () => {
  it('names people by name, marks lists, and shows what the plan lacks as spelled', () => {
    expect(memberChip({ person: 'ADA@example.org' }, [ada])).toMatchObject({ kind: 'person', label: 'Ada Lovelace', detail: 'ADA@example.org', unknown: false });
    expect(memberChip({ person: 'zed@example.org' }, [ada])).toMatchObject({ label: 'zed@example.org', detail: '', unknown: true });
    expect(memberChip({ list: 'Ops' }, [])).toMatchObject({ kind: 'list', label: 'Ops' });
  });

  it('names releases by key and applications by name', () => {
    const releases = [{ key: 'REL-1', title: 'Card limit' } as ReleaseSummary];
    expect(followChip({ release: 'REL-1' }, [], releases)).toMatchObject({ label: 'REL-1', detail: 'Card limit', title: 'REL-1 — Card limit' });
    expect(followChip({ application: 'PAY' }, [{ code: 'PAY', name: 'Payments' }], [])).toMatchObject({ label: 'Payments', detail: 'PAY' });
    expect(followChip({ application: 'GONE' }, [], []).unknown).toBe(true);
  });

  it('keys members as the core compares them and reads the pickers’ values back', () => {
    expect(memberKey({ person: 'Ada@Example.org' })).toBe(memberKey({ person: 'ada@example.org' }));
    expect(memberKey({ list: 'Ops' })).not.toBe(memberKey({ person: 'Ops' }));
    expect(pickedMember('p:ada@example.org')).toEqual({ person: 'ada@example.org' });
    expect(pickedMember('l:A: B')).toEqual({ list: 'A: B' });
    expect(pickedMember('')).toBeNull();
    expect(pickedFollow('r:REL-1')).toEqual({ release: 'REL-1' });
    expect(pickedFollow('a:PAY')).toEqual({ application: 'PAY' });
    expect(pickedFollow('x')).toBeNull();
    expect(added([{ person: 'a@x.org' }], { person: 'A@x.org' }, memberKey)).toHaveLength(1);
  });
});

describe('the lists a person is on', () => {
  it('is each list that reaches them, marked direct or through another list', () => {
    const lists = [list('Ops', [{ person: 'bob@example.org' }]), list('CAB', [{ person: 'ADA@example.org' }, { list: 'Ops' }])];
    const reach = new Map([
      ['Ops', [bob]],
      ['CAB', [ada, bob]],
    ]);
    const on = listsByPerson(lists, reach);
    expect(on.get('ada@example.org')).toEqual([{ list: 'CAB', direct: true }]);
    expect(on.get('bob@example.org')).toEqual([
      { list: 'CAB', direct: false },
      { list: 'Ops', direct: true },
    ]);
  });

  it('says how many people a list reaches', () => {
    expect(reachWords(0)).toBe('reaches nobody');
    expect(reachWords(1)).toBe('reaches 1 person');
    expect(reachWords(1200)).toBe('reaches 1,200 people');
  });
});

describe('the list form', () => {
  it('starts from the list, or empty, and sends the name and purpose trimmed', () => {
    const l = { ...list('Ops', [{ person: 'bob@example.org' }]), follows: [{ application: 'PAY' }] };
    const d = listDraft(l);
    d.members.push({ list: 'CAB' });
    expect(l.members).toHaveLength(1);
    expect(listOf({ ...listDraft(null), name: ' New ', purpose: ' Why ' })).toEqual({ name: 'New', purpose: 'Why', members: [], follows: [] });
  });

  it('puts each refusal at its field or row, the rest above the buttons', () => {
    const e = placeListErrors([
      { field: 'members', message: '“A” → “B” → “A” is a cycle.' },
      { field: 'members[1]', message: 'zed is not a person.' },
      { field: 'follows[0]', message: 'REL-9 is not a release.' },
      { field: 'scope', message: 'Odd.' },
    ]);
    expect(e.at).toEqual({ members: '“A” → “B” → “A” is a cycle.', 'members[1]': 'zed is not a person.', 'follows[0]': 'REL-9 is not a release.' });
    expect(e.other).toEqual(['Odd.']);
    expect(placeListErrors([], 'list "X" not found').other).toEqual(['list "X" not found']);
    expect(withoutRowErrors(e, 'members').at).toEqual({ members: '“A” → “B” → “A” is a cycle.', 'follows[0]': 'REL-9 is not a release.' });
  });
});

describe('the people’s CSV', () => {
  it('lists every bad line of a refused file', () => {
    const m = 'people.csv: 2 problems found, nothing was imported: line 3: "x" is not an e-mail address; line 5: the name is empty';
    expect(importProblems(m)).toEqual({
      summary: 'people.csv: 2 problems found, nothing was imported.',
      problems: ['line 3: "x" is not an e-mail address', 'line 5: the name is empty'],
    });
    expect(importProblems('people.csv cannot be read as text').problems).toEqual([]);
    const more = importProblems('f.csv: 25 problems found, nothing was imported: line 1: a; line 2: b; and 5 more');
    expect(more.problems).toEqual(['line 1: a', 'line 2: b', 'and 5 more']);
  });

  it('says what an import did', () => {
    expect(importWords({ added: 3, updated: 0, unchanged: 2 })).toBe('3 added, 2 unchanged');
    expect(importWords({ added: 0, updated: 0, unchanged: 0 })).toBe('nobody in the file');
  });
});
