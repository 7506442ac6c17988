import { describe, expect, it } from 'vitest';
import { corePermissions } from '../../../../server/src/modules/identity/permissions';
import { modules } from '../../../../server/src/modules';
import { PERMISSIONS } from './permissions';

describe("the web's permission codes", () => {
  it('are exactly the codes the server defines', () => {
    const server = [...corePermissions, ...modules.flatMap((m) => m.permissions)].map((p) => p.code);
    expect([...PERMISSIONS].sort()).toEqual([...new Set(server)].sort());
  });
});
