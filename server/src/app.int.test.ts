import { describe, expect, it } from 'vitest';
import { createPlatform } from './app';
import { createLogger } from './platform/logger';
import { seededOnDisk } from './test/harness';
import { DEMO_PASSWORD } from './modules/identity';

describe('sessions', () => {
  it('survive a server restart: they live in the database', async () => {
    // The seeded demo on disk (DATA_DIR) for PGlite, so the second start opens the same database.
    const tdb = await seededOnDisk();
    const opts = { serveWeb: false, logger: createLogger('silent') };
    const first = await createPlatform(tdb.config, opts);
    const csrf = (await first.app.inject({ method: 'GET', url: '/api/auth/csrf' })).json().csrfToken;
    const login = await first.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `gb_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'gear.manager', password: DEMO_PASSWORD }),
    });
    expect(login.statusCode).toBe(200);
    const cookie = `gb_session=${login.cookies.find((c) => c.name === 'gb_session')!.value}`;
    await first.close();

    const second = await createPlatform(tdb.config, opts);
    try {
      const me = await second.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.username).toBe('gear.manager');
      expect(second.seeded).toBe(false);
    } finally {
      await second.close();
      await tdb.drop();
    }
  });
});
