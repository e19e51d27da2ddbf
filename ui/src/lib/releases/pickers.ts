// Choosing RFCs and CIs from the catalogue for a release: what is not linked yet and matches.

import type { Ci, Person, PersonRoles, Rfc, RoleDef } from '../ipc/bindings';
import { roleNames } from '../matrix/model';

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
 * Options for an owner or manager picker: people holding the preferred role for the portfolio
 * first (list_people), then everyone else, each by name and labelled with the roles they hold
 * (`roles`: the matrix's, for their names); a current value unknown to the plan is kept so
 * editing never drops it. `people` is the catalogue's: someone list_people lacks is still offered.
 */
export function personOptions(
  people: readonly Person[],
  holding: readonly PersonRoles[],
  roles: readonly RoleDef[],
  preferred: string,
  current: string,
): { preferred: PersonOption[]; others: PersonOption[] } {
  const held = new Map(holding.map((h) => [h.person.email.toLowerCase(), h.roles]));
  const rolesOf = (p: Person) => held.get(p.email.toLowerCase()) ?? [];
  const byName = [...people].sort((a, b) => a.name.localeCompare(b.name));
  const option = (p: Person): PersonOption => {
    const mine = roleNames(roles, rolesOf(p));
    return { email: p.email, label: mine.length ? `${p.name} — ${mine.join(', ')}` : p.name };
  };
  const result = {
    preferred: byName.filter((p) => rolesOf(p).includes(preferred)).map(option),
    others: byName.filter((p) => !rolesOf(p).includes(preferred)).map(option),
  };
  if (current && !people.some((p) => p.email === current)) {
    result.others.unshift({ email: current, label: `${current} (not in the catalogue)` });
  }
  return result;
}
