import { describe, expect, it } from 'vitest';
import type { Policy } from './ipc/bindings';
import {
  CHOOSABLE_TESTS,
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
  signature_role: 'change_manager',
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
    expect(
      placeErrors([
        { field: 'overridable.cab_approval', message: 'A.' },
        { field: 'overridable.back_out', message: 'B.' },
        { field: 'mystery', message: 'C.' },
      ]),
    ).toEqual({ at: { overridable: 'A. B.' }, other: ['C.'] });
  });
});
