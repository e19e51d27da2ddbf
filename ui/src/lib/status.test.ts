import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, keysOf } from './labels';
import { STATUS_GROUPS, groupOf, toneOf } from './status';

describe('status groups', () => {
  it('put every status in exactly one group', () => {
    const all = STATUS_GROUPS.flatMap((g) => g.statuses);
    expect([...all].sort()).toEqual(keysOf(STATUS_LABELS).sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it('has the eight dashboard groups in lifecycle order', () => {
    expect(STATUS_GROUPS.map((g) => g.id)).toEqual([
      'planning', 'cab', 'build_test', 'deploying', 'els', 'closed', 'failed', 'cancelled',
    ]);
  });

  it('groups statuses the way a release manager reads them', () => {
    expect(groupOf('submitted_to_cab')).toBe('cab');
    expect(groupOf('test_failed')).toBe('build_test');
    expect(groupOf('backed_out')).toBe('failed');
    expect(groupOf('early_life_support')).toBe('els');
  });

  it('colours failures red', () => {
    expect(toneOf('deployment_failed')).toBe('red');
    expect(toneOf('test_failed')).toBe('red');
    expect(toneOf('closed')).toBe('green');
    expect(toneOf('draft')).toBe('neutral');
  });
});
