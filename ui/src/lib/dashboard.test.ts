import { describe, expect, it } from 'vitest';
import { countByGroup, daysAway, occupiedStages, quarterLabel } from './dashboard';
import { summary } from './releases/testRows';

describe('countByGroup', () => {
  it('counts every release once, in its group, with zeros for empty groups', () => {
    const counts = countByGroup([
      summary({ key: 'A', status: 'draft' }),
      summary({ key: 'B', status: 'rejected' }),
      summary({ key: 'C', status: 'awaiting_authorization' }),
      summary({ key: 'D', status: 'backed_out' }),
    ]);
    expect(counts).toEqual({ planning: 2, cab: 1, build_test: 0, deploying: 0, els: 0, closed: 0, failed: 1, cancelled: 0 });
  });
});

describe('occupiedStages', () => {
  it('drops empty stages and keeps the lifecycle order', () => {
    const stages = occupiedStages([
      { status: 'test', count: 2, overdue: 1 },
      { status: 'approved', count: 0, overdue: 0 },
      { status: 'draft', count: 5, overdue: 0 },
      { status: 'closed', count: 9, overdue: 0 },
    ]);
    expect(stages.map((s) => s.status)).toEqual(['draft', 'test', 'closed']);
  });
});

describe('daysAway', () => {
  it('says today, tomorrow and in N days', () => {
    expect(daysAway(0)).toBe('today');
    expect(daysAway(1)).toBe('tomorrow');
    expect(daysAway(14)).toBe('in 14 days');
    expect(daysAway(-2)).toBe('2 days ago');
  });
});

describe('quarterLabel', () => {
  it('reads the core quarter as Qn YYYY and leaves anything else alone', () => {
    expect(quarterLabel('2027-Q1')).toBe('Q1 2027');
    expect(quarterLabel('2027-Q4')).toBe('Q4 2027');
    expect(quarterLabel('this quarter')).toBe('this quarter');
  });
});
