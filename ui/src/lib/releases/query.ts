// Filtering, searching and sorting of the release list (all client-side, docs/ipc.md).

import type { ReleaseKind, ReleaseStatus, ReleaseSummary } from '../ipc/bindings';
import { KIND_LABELS, RISK_LABELS, STATUS_ORDER, keysOf } from '../labels';
import { groupById, type StatusGroupId } from '../status';

export type SortColumn =
  | 'key'
  | 'title'
  | 'kind'
  | 'status'
  | 'applications'
  | 'owner'
  | 'window'
  | 'risk';
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: SortColumn;
  direction: SortDirection;
}

/** `''` = any; a status filter is either `status:<status>` or `group:<group id>`. */
export interface ReleaseFilter {
  search: string;
  application: string;
  status: string;
  kind: ReleaseKind | '';
}

export const NO_FILTER: ReleaseFilter = { search: '', application: '', status: '', kind: '' };

export function statusFilterOf(status: ReleaseStatus): string {
  return `status:${status}`;
}

export function groupFilterOf(group: StatusGroupId): string {
  return `group:${group}`;
}

function statusMatcher(filter: string): (s: ReleaseStatus) => boolean {
  if (filter.startsWith('status:')) {
    const wanted = filter.slice('status:'.length);
    return (s) => s === wanted;
  }
  if (filter.startsWith('group:')) {
    const statuses = new Set<string>(groupById(filter.slice('group:'.length) as StatusGroupId).statuses);
    return (s) => statuses.has(s);
  }
  return () => true;
}

export function filterReleases(rows: readonly ReleaseSummary[], f: ReleaseFilter): ReleaseSummary[] {
  const needle = f.search.trim().toLowerCase();
  const statusOk = statusMatcher(f.status);
  return rows.filter(
    (r) =>
      (needle === '' ||
        r.key.toLowerCase().includes(needle) ||
        r.title.toLowerCase().includes(needle)) &&
      (f.application === '' || r.applications.includes(f.application)) &&
      (f.kind === '' || r.kind === f.kind) &&
      statusOk(r.status),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const KIND_RANK = rankOf(keysOf(KIND_LABELS));
const RISK_RANK = rankOf(keysOf(RISK_LABELS));
const STATUS_RANK = rankOf(STATUS_ORDER);

function rankOf<K extends string>(order: readonly K[]): Map<K, number> {
  return new Map(order.map((k, i) => [k, i]));
}

/** The comparable value of a column; `null` always sorts last, whatever the direction. */
function sortValue(r: ReleaseSummary, column: SortColumn): string | number | null {
  switch (column) {
    case 'key':
      return r.key;
    case 'title':
      return r.title;
    case 'kind':
      return KIND_RANK.get(r.kind) ?? 0;
    case 'status':
      return STATUS_RANK.get(r.status) ?? 0;
    case 'applications':
      return r.applications.length ? r.applications.join(', ') : null;
    case 'owner':
      return r.owner || null;
    case 'window':
      return r.window?.start ?? null;
    case 'risk':
      return RISK_RANK.get(r.risk) ?? 0;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Plan-local date-times ("YYYY-MM-DDTHH:MM:SS") sort correctly as plain strings.
  return collator.compare(String(a), String(b));
}

export function sortReleases(rows: readonly ReleaseSummary[], sort: SortSpec): ReleaseSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = rows.map((r) => ({ r, v: sortValue(r, sort.column) }));
  keyed.sort((x, y) => {
    if (x.v === null || y.v === null) {
      if (x.v !== y.v) return x.v === null ? 1 : -1;
    } else {
      const c = compareValues(x.v, y.v);
      if (c !== 0) return sign * c;
    }
    return collator.compare(x.r.key, y.r.key);
  });
  return keyed.map((k) => k.r);
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function toggleSort(current: SortSpec, column: SortColumn): SortSpec {
  if (current.column !== column) return { column, direction: 'asc' };
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

export function queryReleases(
  rows: readonly ReleaseSummary[],
  filter: ReleaseFilter,
  sort: SortSpec,
): ReleaseSummary[] {
  return sortReleases(filterReleases(rows, filter), sort);
}
