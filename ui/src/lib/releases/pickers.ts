// Choosing RFCs and CIs from the catalogue for a release: what is not linked yet and matches.

import type { Ci, Person, Rfc, Role } from '../ipc/bindings';
import { ROLE_LABELS } from '../labels';

/** RFCs not yet on the release whose key or title contains the query, at most `limit`. */
export function rfcCandidates(
  rfcs: readonly Rfc[],
  linked: readonly string[],
  query: string,
  limit = 8,
): Rfc[] {
  const taken = new Set(linked);
  const needle = query.trim().toLowerCase();
  const out: Rfc[] = [];
  for (const rfc of rfcs) {
    if (taken.has(rfc.key)) continue;
    if (needle && !rfc.key.toLowerCase().includes(needle) && !rfc.title.toLowerCase().includes(needle)) continue;
    out.push(rfc);
    if (out.length >= limit) break;
  }
  return out;
}

/** CIs not yet on the bill of materials, applications of the release first, then by name. */
export function ciCandidates(cis: readonly Ci[], onBom: readonly string[], applications: readonly string[]): Ci[] {
  const taken = new Set(onBom);
  const mine = new Set(applications);
  const rank = (c: Ci) => (c.application !== null && mine.has(c.application) ? 0 : 1);
  return cis
    .filter((c) => !taken.has(c.name))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** A version is free text, but not empty and without line breaks. */
export function checkVersion(version: string): string | null {
  if (!version.trim()) return 'Give the version the release deploys.';
  if (/[\r\n]/.test(version)) return 'The version must fit on one line.';
  return null;
}

export interface PersonOption {
  email: string;
  label: string;
}

/**
 * Options for an owner or manager picker: people holding the preferred role first, then everyone
 * else, each by name; a current value unknown to the catalogue is kept so editing never drops it.
 */
export function personOptions(
  people: readonly Person[],
  preferred: Role,
  current: string,
): { preferred: PersonOption[]; others: PersonOption[] } {
  const byName = [...people].sort((a, b) => a.name.localeCompare(b.name));
  const option = (p: Person): PersonOption => ({ email: p.email, label: `${p.name} — ${ROLE_LABELS[p.role]}` });
  const result = {
    preferred: byName.filter((p) => p.role === preferred).map(option),
    others: byName.filter((p) => p.role !== preferred).map(option),
  };
  if (current && !people.some((p) => p.email === current)) {
    result.others.unshift({ email: current, label: `${current} (not in the catalogue)` });
  }
  return result;
}
