import { describe, expect, it } from 'vitest';
import type { Ci, Rfc } from '../ipc/bindings';
import { checkVersion, ciCandidates, personOptions, rfcCandidates } from './pickers';

const rfcs: Rfc[] = [
  { key: 'RFC-1', title: 'Raise card limit', status: 'approved' },
  { key: 'RFC-2', title: 'New TLS certificates', status: 'submitted' },
  { key: 'RFC-3', title: 'Card freeze toggle', status: 'submitted' },
];

describe('rfcCandidates', () => {
  it('leaves out linked RFCs and matches key or title case-insensitively', () => {
    expect(rfcCandidates(rfcs, ['RFC-1'], 'card').map((r) => r.key)).toEqual(['RFC-3']);
    expect(rfcCandidates(rfcs, [], 'rfc-2').map((r) => r.key)).toEqual(['RFC-2']);
    expect(rfcCandidates(rfcs, ['RFC-2'], '').map((r) => r.key)).toEqual(['RFC-1', 'RFC-3']);
  });

  it('stops at the limit', () => {
    expect(rfcCandidates(rfcs, [], '', 2)).toHaveLength(2);
  });
});

describe('ciCandidates', () => {
  const cis: Ci[] = [
    { name: 'zeta-db', kind: 'database', application: 'PAY' },
    { name: 'alpha-lb', kind: 'infrastructure', application: null },
    { name: 'mid-api', kind: 'service', application: 'CRM' },
    { name: 'pay-api', kind: 'service', application: 'PAY' },
  ];

  it("puts the release's applications first and leaves out what is on the BOM", () => {
    expect(ciCandidates(cis, ['pay-api'], ['PAY']).map((c) => c.name)).toEqual(['zeta-db', 'alpha-lb', 'mid-api']);
  });
});

describe('checkVersion', () => {
  it('wants a one-line, non-empty version', () => {
    expect(checkVersion('4.2.0')).toBeNull();
    expect(checkVersion('  ')).toMatch(/version/);
    expect(checkVersion('1\n2')).toMatch(/one line/);
  });
});

describe('personOptions', () => {
  const people = [
    { email: 'zoe@x', name: 'Zoe', organisation: '' },
    { email: 'al@x', name: 'Al', organisation: '' },
    { email: 'bea@x', name: 'Bea', organisation: '' },
    { email: 'new@x', name: 'Nemo', organisation: '' },
  ];
  const holding = [
    { person: people[0]!, roles: ['release_owner'], overrides: [] },
    { person: people[1]!, roles: ['test_manager'], overrides: [] },
    { person: people[2]!, roles: ['release_manager', 'release_owner'], overrides: [] },
  ];
  const roles = [
    { key: 'release_manager', name: 'Release Manager' },
    { key: 'test_manager', name: 'Test Manager' },
    { key: 'release_owner', name: 'Release Owner' },
  ];

  it('lists holders of the role first, by name, with the roles they hold in the label', () => {
    const o = personOptions(people, holding, roles, 'release_owner', '');
    expect(o.preferred.map((p) => p.email)).toEqual(['bea@x', 'zoe@x']);
    expect(o.others).toEqual([
      { email: 'al@x', label: 'Al — Test Manager' },
      { email: 'new@x', label: 'Nemo' },
    ]);
    expect(o.preferred[0]?.label).toBe('Bea — Release Manager, Release Owner');
  });

  it('keeps a current person the catalogue does not know', () => {
    const o = personOptions(people, holding, roles, 'sponsor', 'gone@x');
    expect(o.preferred).toEqual([]);
    expect(o.others[0]).toEqual({ email: 'gone@x', label: 'gone@x (not in the catalogue)' });
  });
});
