// Builds ReleaseSummary rows for the unit tests.

import type { ReleaseSummary } from '../ipc/bindings';

export function summary(over: Partial<ReleaseSummary> & { key: string }): ReleaseSummary {
  return {
    title: `Release ${over.key}`,
    kind: 'minor',
    unit: 'delta',
    status: 'planned',
    applications: [],
    owner: null,
    manager: null,
    window: null,
    risk: 'low',
    rfc_count: 0,
    ci_count: 0,
    updated_at: '2027-01-01T00:00:00Z',
    ...over,
  };
}
