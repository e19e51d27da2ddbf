import { describe, expect, it } from 'vitest';
import type { Card, MergeReport, Side } from '../ipc/bindings';
import { editKind, editStart, fieldLabel, mergeSummary, renameDecision, shortReplica, showValue, valueDecision, whatHappened } from './model';

const side = (value: unknown, standing = false, op = 'r:1'): Side => ({
  op,
  value: JSON.stringify(value),
  author: 'ada',
  at: '2026-11-22T10:00:00Z',
  replica: 'r',
  standing,
});

const card = (field: string, sides: Side[], kind: Card['kind'] = 'field', entity = 'release'): Card => ({
  id: 'c1',
  kind,
  entity,
  object: 'o',
  subject: 'REL-1',
  field,
  sides,
});

describe('the merge review words', () => {
  it('names fields and what happened plainly', () => {
    expect(fieldLabel('title')).toBe('Title');
    expect(fieldLabel('milestones/build')).toBe('Phase Build');
    expect(fieldLabel('milestones/Dress rehearsal')).toBe('Phase Dress rehearsal');
    expect(fieldLabel('cis/ledger-db')).toBe('CI ledger-db version');
    expect(fieldLabel('kind', 'dependency')).toBe('Dependency type');
    expect(fieldLabel('something_new')).toBe('Something new');
    expect(whatHappened(card('window', []))).toBe('Deployment window edited on both sides');
    expect(whatHappened(card('key', [], 'key'))).toBe('Two releases claim the key REL-1');
  });

  it('shows values readably: text, phases, windows, enums, removals', () => {
    expect(showValue(card('title', []), side('Ledger'))).toBe('Ledger');
    expect(showValue(card('status', []), side('planned'))).toBe('Planned');
    expect(showValue(card('milestones/build', []), side(null))).toBe('Removed');
    expect(showValue(card('', [], 'deleted'), side(null))).toBe('Deleted');
    const m = { planned_start: '2027-01-04', planned_end: '2027-01-05', actual_start: null, actual_end: null };
    expect(showValue(card('milestones/x', []), side(m))).toBe('2027-01-04 – 2027-01-05');
    expect(showValue(card('milestones/x', []), side({ ...m, planned_end: '2027-01-04' }))).toBe('2027-01-04');
    expect(showValue(card('milestones/x', []), side({ ...m, actual_start: '2027-01-06' }))).toBe('2027-01-04 – 2027-01-05 (actual 2027-01-06 – ongoing)');
    expect(showValue(card('window', []), side({ start: '2027-03-14T22:00:00', end: '2027-03-14T23:30:00' }))).toBe('2027-03-14 22:00–23:30');
    expect(showValue(card('lag_days', [], 'field', 'dependency'), side(1))).toBe('1 day');
    expect(showValue(card('backout_tested', []), side(true))).toBe('Yes');
    expect(showValue(card('title', []), { ...side(''), value: 'not json' })).toBe('not json');
  });

  it('edits text, a phase or a window, and only those', () => {
    expect(editKind(card('title', []))).toBe('text');
    expect(editKind(card('milestones/build', []))).toBe('dates');
    expect(editKind(card('window', []))).toBe('window');
    expect(editKind(card('status', []))).toBeNull();
    expect(editKind(card('', [], 'deleted'))).toBeNull();
    expect(editKind(card('lag_days', [], 'field', 'dependency'))).toBeNull();

    const w = card('window', [side({ start: '2027-03-14T22:00:00', end: '2027-03-15T01:00:00' }, true)]);
    const start = editStart(w);
    expect(start).toEqual({ text: '', from: '2027-03-14T22:00', to: '2027-03-15T01:00' });
    expect(valueDecision(w, { ...start, to: '2027-03-14T21:00' })).toEqual({ error: 'The window ends before it starts.' });
    expect(valueDecision(w, start)).toEqual({
      decision: { how: 'value', value: JSON.stringify({ start: '2027-03-14T22:00:00', end: '2027-03-15T01:00:00' }) },
    });
    // A removed phase on the standing side: the edit starts from the other side's dates.
    const m = card('milestones/build', [side(null, true), side({ planned_start: '2027-01-04', planned_end: '2027-01-08' }, false, 'r:2')]);
    expect(editStart(m)).toEqual({ text: '', from: '2027-01-04', to: '2027-01-08' });
  });

  it('refuses a rename that keeps the clash', () => {
    const k = card('key', [side('REL-1', true, 'a:1'), side('REL-1', false, 'b:1')], 'key');
    expect(renameDecision(k, 'a:1', 'REL-1')).toHaveProperty('error');
    expect(renameDecision(k, 'a:1', 'REL 2')).toHaveProperty('error');
    expect(renameDecision(k, 'a:1', ' REL-2 ')).toEqual({ decision: { how: 'rename', keeps: 'a:1', key: 'REL-2' } });
  });

  it('sums up a merge, each change once', () => {
    const r: MergeReport = {
      source: 'b.runway-changes',
      author: 'bob',
      replica: '01a2532e-f22e-735b-8139-3c2dcea9405b',
      added: 1,
      already_had: 0,
      changed: ['A', 'A', 'B'],
      cards: [],
    };
    expect(mergeSummary(r)).toEqual({
      headline: 'Merged 1 operation from bob (copy …cea9405b).',
      changed: ['A', 'B'],
      review: 'Nothing to review: the two copies did not contradict each other.',
    });
    expect(shortReplica('abc')).toBe('abc');
  });
});
