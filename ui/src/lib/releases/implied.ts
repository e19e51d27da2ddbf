// The links configuration items imply for one release, as its pane lists them: the releases
// upstream (they change a CI that one of this release's CIs depends on, and deploy no later) and
// downstream, each once with every CI dependency behind it.

import type { CiLink } from '../ipc/bindings';

export interface Implied {
  direction: 'upstream' | 'downstream';
  /** The other release. */
  key: string;
  /** "portal-web depends on iam-keycloak", in name order. */
  reasons: string[];
}

export function impliedOf(key: string, links: readonly CiLink[]): Implied[] {
  const found = new Map<string, Implied>();
  for (const l of links) {
    const direction = l.downstream === key ? 'upstream' : l.upstream === key ? 'downstream' : null;
    if (!direction) continue;
    const other = direction === 'upstream' ? l.upstream : l.downstream;
    if (other === key) continue;
    const id = `${direction}|${other}`;
    const item = found.get(id) ?? { direction, key: other, reasons: [] };
    const reason = `${l.ci} depends on ${l.depends_on}`;
    if (!item.reasons.includes(reason)) item.reasons.push(reason);
    found.set(id, item);
  }
  const rank = (d: Implied['direction']) => (d === 'upstream' ? 0 : 1);
  return [...found.values()]
    .map((i) => ({ ...i, reasons: [...i.reasons].sort() }))
    .sort((a, b) => rank(a.direction) - rank(b.direction) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
