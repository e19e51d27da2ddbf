import { describe, expect, it } from 'vitest';
import type { CiLink } from '../ipc/bindings';
import { impliedOf } from './implied';

const link = (upstream: string, downstream: string, ci: string, depends_on: string): CiLink => ({ upstream, downstream, ci, depends_on });

describe('impliedOf', () => {
  it('lists the releases upstream, then downstream, each once with every CI dependency behind it', () => {
    const links = [
      link('KC-2', 'WEB-1', 'portal-web', 'iam-keycloak'),
      link('DB-1', 'WEB-1', 'portal-web', 'postgres'),
      link('WEB-1', 'APP-9', 'mobile-bff', 'portal-web'),
      link('KC-2', 'WEB-1', 'mobile-bff', 'iam-keycloak'),
      link('KC-2', 'WEB-1', 'portal-web', 'iam-keycloak'),
      link('X', 'Y', 'a', 'b'),
    ];
    expect(impliedOf('WEB-1', links)).toEqual([
      { direction: 'upstream', key: 'DB-1', reasons: ['portal-web depends on postgres'] },
      { direction: 'upstream', key: 'KC-2', reasons: ['mobile-bff depends on iam-keycloak', 'portal-web depends on iam-keycloak'] },
      { direction: 'downstream', key: 'APP-9', reasons: ['mobile-bff depends on portal-web'] },
    ]);
  });

  it('is empty for a release no CI dependency reaches', () => {
    expect(impliedOf('Z', [link('X', 'Y', 'a', 'b')])).toEqual([]);
  });
});
