import { describe, expect, it } from 'vitest';
import bindings from './ipc/bindings.ts?raw';
import {
  BREACH_LABELS,
  CAB_LABELS,
  EVIDENCE_LABELS,
  GATE_LABELS,
  PRIORITY_LABELS,
  SIGN_OFF_LABELS,
  TEST_LABELS,
  KIND_LABELS,
  MILESTONE_LABELS,
  RFC_STATUS_LABELS,
  RISK_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  UNIT_LABELS,
  milestoneLabel,
  milestoneWord,
  isBuiltInMilestone,
} from './labels';

// Reads the string unions straight from the generated bindings, so a variant added on the Rust
// side (and regenerated) without a label here fails this test.

function unionMembers(typeName: string): string[] {
  const match = new RegExp(`export type ${typeName} = ([^;]+);`).exec(bindings);
  if (!match?.[1]) throw new Error(`type ${typeName} not found in bindings.ts`);
  return [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

const maps: [string, Record<string, string>][] = [
  ['ReleaseStatus', STATUS_LABELS],
  ['ReleaseKind', KIND_LABELS],
  ['ReleaseUnit', UNIT_LABELS],
  ['Risk', RISK_LABELS],
  ['Role', ROLE_LABELS],
  ['RfcStatus', RFC_STATUS_LABELS],
  ['BuiltinMilestoneKind', MILESTONE_LABELS],
  ['EvidenceType', EVIDENCE_LABELS],
  ['TestKind', TEST_LABELS],
  ['CabDecision', CAB_LABELS],
  ['SignOffDecision', SIGN_OFF_LABELS],
  ['Priority', PRIORITY_LABELS],
  ['Gate', GATE_LABELS],
  ['Breach', BREACH_LABELS],
];

describe('label maps', () => {
  it.each(maps)('%s: every union member has a non-empty label and nothing else', (name, labels) => {
    const members = unionMembers(name);
    expect(members.length).toBeGreaterThan(0);
    expect(Object.keys(labels).sort()).toEqual([...members].sort());
    for (const m of members) expect(labels[m]?.trim()).toBeTruthy();
  });

  it('uses the same words as the Rust labels', () => {
    expect(STATUS_LABELS.submitted_to_cab).toBe('Submitted to CAB');
    expect(STATUS_LABELS.closed).toBe('Closed (successful)');
    expect(STATUS_LABELS.closed_rejected).toBe('Closed (rejected)');
    expect(ROLE_LABELS.change_manager).toBe('Change Manager / CAB');
    expect(ROLE_LABELS.environment_staff).toBe('Build & test environment staff');
    expect(ROLE_LABELS.early_life_support).toBe('Early life support staff');
    expect(MILESTONE_LABELS.cab).toBe('CAB');
  });

  it('labels are unique within a map', () => {
    for (const [, labels] of maps) {
      const values = Object.values(labels);
      expect(new Set(values).size).toBe(values.length);
    }
  });
});

describe('milestone kinds', () => {
  it('label the built-in kinds and show a custom phase by its name', () => {
    expect(milestoneLabel('early_life_support')).toBe('Early life support');
    expect(milestoneWord('cab')).toBe('cab');
    expect(milestoneLabel('Dress rehearsal')).toBe('Dress rehearsal');
    expect(milestoneWord('Dress rehearsal')).toBe('Dress rehearsal');
    expect(isBuiltInMilestone('deployment')).toBe(true);
    expect(isBuiltInMilestone('SIT')).toBe(false);
    expect(isBuiltInMilestone('toString')).toBe(false);
  });
});
