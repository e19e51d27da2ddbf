import { describe, expect, it } from 'vitest';
import type { Policy } from './ipc/bindings';
import {
  CHOOSABLE_TESTS,
  CONFLICT_KINDS,
  LIMITED_STATUSES,
  OVERRIDABLE_GATES,
  draftOf,
  placeErrors,
  placeOf,
  policyOf,
  sameDraft,
} from './policy';

const policy: Policy = {
  lead_time_days: 28,
  required_tests: ['installation', 'functional'],
  cab_members: ['robert.king@example.com'],
  require_review: true,
  stage_limits: [
    { status: 'planned', days: 45 },
    { status: 'draft', days: 60 },
  ],
  overridable: ['submit'],
  calendar: {
    daily_cap: 4,
    daily_cap_per_environment: 2,
    blocking: ['environment_capacity', 'same_ci', 'freeze', 'blackout', 'outside_green_zone'],
    production_needs_green_zone: true,
  },
};

describe('the choices', () => {
  it('offers every non-final stage, the seven overridable gates, and no backout test', () => {
    expect(LIMITED_STATUSES).toHaveLength(17);
    expect(LIMITED_STATUSES).not.toContain('closed');
    expect(LIMITED_STATUSES).not.toContain('cancelled');
    expect(LIMITED_STATUSES[0]).toBe('draft');
    expect(LIMITED_STATUSES.at(-1)).toBe('early_life_support');
    expect(OVERRIDABLE_GATES).toEqual(['plan', 'submit', 'tests_passed', 'authorize', 'deploy', 'verify', 'close']);
    expect(CHOOSABLE_TESTS).not.toContain('backout');
    expect(CHOOSABLE_TESTS).toHaveLength(6);
  });
});

describe('draftOf and policyOf', () => {
  it('round-trip a policy, in the canonical order, empty limits meaning none', () => {
    const d = draftOf(policy);
    expect(d.leadTime).toBe('28');
    expect(d.limits.draft).toBe('60');
    expect(d.limits.build).toBe('');
    expect(policyOf(d)).toEqual({
      policy: {
        ...policy,
        stage_limits: [
          { status: 'draft', days: 60 },
          { status: 'planned', days: 45 },
        ],
      },
    });
  });

  it('sends out-of-range numbers for the core to judge, but not words or fractions', () => {
    const d = draftOf(policy);
    d.leadTime = '400';
    d.limits.build = '0';
    const sent = policyOf(d);
    expect('policy' in sent && sent.policy.lead_time_days).toBe(400);
    expect('policy' in sent && sent.policy.stage_limits).toContainEqual({ status: 'build', days: 0 });

    d.leadTime = '';
    d.limits.test = '2.5';
    expect(policyOf(d)).toEqual({
      errors: [
        { field: 'lead_time_days', message: 'Enter a whole number of days.' },
        { field: 'stage_limits.test', message: 'Enter a whole number of days, or leave it empty for no limit.' },
      ],
    });
  });

  it('compares drafts by value', () => {
    const a = draftOf(policy);
    const b = draftOf(policy);
    expect(sameDraft(a, b)).toBe(true);
    b.overridable.plan = true;
    expect(sameDraft(a, b)).toBe(false);
    b.overridable.plan = false;
    b.limits.draft = ' 60 ';
    expect(sameDraft(a, b)).toBe(true);
    b.cabMembers = [...b.cabMembers, 'ada@example.org'];
    expect(sameDraft(a, b)).toBe(false);
    b.cabMembers = ['ada@example.org', 'Robert.King@example.com'];
    a.cabMembers = ['robert.king@example.com', 'ada@example.org'];
    expect(sameDraft(a, b), 'the same members in another order and case').toBe(true);
  });

  it('keeps the CAB members it was given and sends them', () => {
    const d = draftOf(policy);
    expect(d.cabMembers).toEqual(['robert.king@example.com']);
    d.cabMembers.push('ada@example.org');
    const sent = policyOf(d);
    expect('policy' in sent && sent.policy.cab_members).toEqual(['robert.king@example.com', 'ada@example.org']);
    expect(policy.cab_members, 'the policy given is not changed').toEqual(['robert.king@example.com']);
  });
});

describe('placeErrors', () => {
  it("puts the core's field names at their fields and keeps the rest for the general message", () => {
    expect(placeOf('lead_time_days')).toBe('lead_time_days');
    expect(placeOf('stage_limits.build')).toBe('stage_limits.build');
    expect(placeOf('stage_limits.closed')).toBe('stage_limits');
    expect(placeOf('overridable.cab_approval')).toBe('overridable');
    expect(placeOf('required_tests')).toBe('required_tests');
    expect(placeOf('mystery')).toBeNull();
    expect(placeOf('cab_members')).toBe('cab_members');
    expect(placeOf('signature_role')).toBeNull();
    expect(placeOf('calendar.daily_cap')).toBe('calendar.daily_cap');
    expect(placeOf('calendar.daily_cap_per_environment')).toBe('calendar.daily_cap_per_environment');
    expect(placeOf('calendar.blocking')).toBe('calendar.blocking');
    expect(placeOf('calendar.blocking.freeze')).toBe('calendar.blocking');
    expect(placeOf('calendar.something_new')).toBe('calendar');
    expect(
      placeErrors([
        { field: 'overridable.cab_approval', message: 'A.' },
        { field: 'overridable.back_out', message: 'B.' },
        { field: 'mystery', message: 'C.' },
      ]),
    ).toEqual({ at: { overridable: 'A. B.' }, other: ['C.'] });
  });
});

describe('the calendar rules', () => {
  it('offers every kind of conflict to block on, and round-trips the rules', () => {
    expect(CONFLICT_KINDS).toEqual([
      'environment_capacity',
      'same_ci',
      'ci_dependency',
      'freeze',
      'blackout',
      'maintenance',
      'outside_green_zone',
      'daily_cap',
    ]);
    const d = draftOf(policy);
    expect(d.calendar).toEqual({
      dailyCap: '4',
      dailyCapPerEnvironment: '2',
      blocking: {
        environment_capacity: true,
        same_ci: true,
        ci_dependency: false,
        freeze: true,
        blackout: true,
        maintenance: false,
        outside_green_zone: true,
        daily_cap: false,
      },
      productionNeedsGreenZone: true,
    });
    expect(policyOf(d)).toMatchObject({ policy: { calendar: policy.calendar } });
  });

  it('sends an empty cap as none, ticks in the kinds’ order, and refuses a cap that is not a whole number', () => {
    const d = draftOf(policy);
    d.calendar.dailyCap = ' ';
    d.calendar.blocking.daily_cap = true;
    d.calendar.blocking.freeze = false;
    d.calendar.productionNeedsGreenZone = false;
    expect(sameDraft(d, draftOf(policy))).toBe(false);
    const sent = policyOf(d);
    expect('policy' in sent && sent.policy.calendar).toEqual({
      daily_cap: null,
      daily_cap_per_environment: 2,
      blocking: ['environment_capacity', 'same_ci', 'blackout', 'outside_green_zone', 'daily_cap'],
      production_needs_green_zone: false,
    });
    // Out of range is the core's to judge (1 to 999); words and fractions are the form's.
    d.calendar.dailyCap = '0';
    expect('policy' in policyOf(d)).toBe(true);
    d.calendar.dailyCap = 'four';
    d.calendar.dailyCapPerEnvironment = '1.5';
    expect(policyOf(d)).toEqual({
      errors: [
        { field: 'calendar.daily_cap', message: 'Enter a whole number of deployments, or leave it empty for no cap.' },
        { field: 'calendar.daily_cap_per_environment', message: 'Enter a whole number of deployments, or leave it empty for no cap.' },
      ],
    });
  });
});
