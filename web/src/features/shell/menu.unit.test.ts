import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { Me, OrgKind } from '../../api/types';
import { FEATURES } from '..';
import { buildMenu, openKeys } from './menu';

/** What a persona of the demo sees in the side menu: every key, sub-menus' entries included. */
function menuOf(orgKind: OrgKind, permissions: string[], platformAdmin = false): unknown[] {
  const me: Me = {
    user: { id: '00000000-0000-4000-8000-000000000000', username: 'u', displayName: 'U', locale: 'zh-CN', orgId: '00000000-0000-4000-8000-000000000001', orgName: 'O', orgKind },
    permissions,
    regionScopes: [],
    platformAdmin,
    csrfToken: 'x',
  };
  const t = ((k: string) => k) as unknown as TFunction;
  return buildMenu(FEATURES, me, [], t);
}
const keys = (items: unknown[]): string[] =>
  items.flatMap((i) => {
    const item = i as { key: string; children?: unknown[] };
    return [item.key, ...(item.children ? keys(item.children) : [])];
  });
const menuKeys = (orgKind: OrgKind, permissions: string[], platformAdmin = false) => keys(menuOf(orgKind, permissions, platformAdmin));

/** The factory sub-menu as groups: [group key, its entries' keys]. */
function factoryGroups(permissions: string[]): [string, string[]][] {
  const factory = menuOf('enterprise', permissions).find((i) => (i as { key: string }).key === 'factory') as {
    children: { key: string; type?: string; children: { key: string }[] }[];
  };
  return factory.children.map((g) => {
    expect(g.type).toBe('group');
    return [g.key, g.children.map((c) => c.key)];
  });
}

// The built-in organisation administrator's permissions carry every module's read, whatever the organisation.
const ORG_ADMIN = ['org.read', 'org.manage', 'user.read', 'user.manage', 'role.manage', 'audit.read', 'factory.read', 'labor.read'];

describe('side menu by role and kind of organisation', () => {
  it("gives a hospital's administrator no factory and no labour menu, but talent (coming) and administration", () => {
    const keys = menuKeys('hospital', ORG_ADMIN);
    expect(keys.filter((k) => /factory|labor/.test(k))).toEqual([]);
    expect(keys).toContain('/talent');
    expect(keys).not.toContain('/park');
    expect(keys).toContain('/admin/users');
  });

  it("gives an institution's talent manager (the talent_institution role alone) the talent pages and no administration", () => {
    // The role's permissions as the server grants them (core org.read, talent read/edit/reveal/approve; plans.int.test.ts
    // checks the server's role carries none of the administration's gates).
    const keys = menuKeys('hospital', ['org.read', 'talent.read', 'talent.edit', 'talent.reveal', 'talent.approve']);
    expect(keys.filter((k) => k === 'admin' || k.startsWith('/admin'))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['/talent/plan', '/talent/demands', '/talent/stats']));
    // The demo's ck.hospital also holds org_admin of its hospital (identity seed): that role, not the talent one,
    // brings 系统管理 (the test above).
  });

  it('gives an operator, a buyer or a supplier (org.read only) no administration', () => {
    for (const perms of [['org.read', 'factory.read'], ['org.read']]) {
      const keys = menuKeys('enterprise', perms);
      expect(keys.filter((k) => k.startsWith('/admin') || k === 'admin')).toEqual([]);
    }
    expect(menuKeys('enterprise', ['org.read', 'factory.read'])).toContain('/factory');
  });

  it("gives the plant's administrator the factory, and the platform administrator every module", () => {
    expect(menuKeys('enterprise', ORG_ADMIN)).toEqual(expect.arrayContaining(['/factory', '/admin/orgs', '/admin/regions', '/trade']));
    expect(menuKeys('park_admin', ['*'], true)).toEqual(
      expect.arrayContaining(['/factory', '/labor', '/talent/people', '/talent/secondments', '/talent/pairings', '/park', '/trade', '/admin/orgs']),
    );
  });

  it("groups the factory's pages as a plant is run, each role seeing only its own, an empty group left out", () => {
    const manager = ['org.read', 'factory.read', 'factory.manage', 'factory.plan', 'factory.station', 'factory.quality', 'factory.logistics'];
    expect(factoryGroups(manager)).toEqual([
      ['factory:overview', ['/factory', '/factory/andon']],
      ['factory:production', ['/factory/work-orders', '/factory/station', '/factory/shift-report']],
      ['factory:quality', ['/factory/quality', '/factory/ncrs', '/factory/trace', '/factory/recall']],
      ['factory:equipment', ['/factory/devices', '/factory/connectivity', '/factory/alarm-rules', '/factory/tools']],
      ['factory:logistics', ['/factory/logistics']],
      ['factory:settings', ['/factory/calendar', '/factory/model']],
    ]);
    // The operator: no plant model; a reader without factory.station no station page.
    const operator = factoryGroups(['org.read', 'factory.read', 'factory.station', 'factory.logistics']);
    expect(operator.flatMap(([, e]) => e)).not.toContain('/factory/model');
    expect(operator.find(([g]) => g === 'factory:production')![1]).toContain('/factory/station');
    expect(factoryGroups(['org.read', 'factory.read']).flatMap(([, e]) => e)).not.toContain('/factory/station');
    // Groups are not sub-menus: nothing to open or keep open.
    expect(openKeys(FEATURES, '/factory/recall').filter((k) => k.startsWith('factory:'))).toEqual([]);
  });

  it('opens the factory menu for the plant’s people, not for a park officer who may also read the plant', () => {
    const me = (orgKind: OrgKind, platformAdmin = false): Me => ({
      user: { id: '00000000-0000-4000-8000-000000000000', username: 'u', displayName: 'U', locale: 'zh-CN', orgId: '00000000-0000-4000-8000-000000000001', orgName: 'O', orgKind },
      permissions: ['factory.read', 'park.read'],
      regionScopes: [],
      platformAdmin,
      csrfToken: 'x',
    });
    expect(openKeys(FEATURES, '/', me('enterprise'))).toContain('factory');
    expect(openKeys(FEATURES, '/', me('park_admin'))).not.toContain('factory');
    // …unless a factory page is the one opened.
    expect(openKeys(FEATURES, '/factory/trace', me('park_admin'))).toContain('factory');
    expect(openKeys(FEATURES, '/', me('park_admin', true))).toContain('factory');
  });
});
