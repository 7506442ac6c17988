import { describe, expect, it } from 'vitest';
import i18n, { registerTranslations } from '../../../i18n';
import { FEATURES } from '../..';

// Every feature's translations, as the app registers them at start (the audit labels come with them).
registerTranslations(FEATURES.flatMap((f) => (f.i18n ? [f.i18n] : [])));

// The server's audit actions as its sources write them (`action: 'import.expire'`): every literal one, the
// platform's (imports, sign-in …) and each module's. An action built at run time (`factory.unit.${event}`) is not here.
const sources = import.meta.glob<string>(['../../../../../server/src/**/*.ts', '!**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
const ACTIONS = [...new Set(Object.values(sources).flatMap((src) => [...src.matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1])))].sort();

const label = (lng: string, action: string) => i18n.getResource(lng, 'translation', `audit.actions.${action}`) as unknown;

describe('the audit page labels every action the server writes', () => {
  it('finds the server’s actions, the imports’ among them', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(ACTIONS).toEqual(expect.arrayContaining(['import.upload', 'import.confirm', 'import.discard', 'import.expire', 'park.certification.attach']));
  });

  it.each(['zh-CN', 'en'])('in %s, each by its own words', (lng) => {
    const missing = ACTIONS.filter((a) => typeof label(lng, a) !== 'string');
    expect(missing, `actions without a ${lng} label`).toEqual([]);
    const cjk = /[\u4e00-\u9fff]/;
    const wrong = ACTIONS.filter((a) => cjk.test(label(lng, a) as string) !== (lng === 'zh-CN'));
    expect(wrong, `labels not in ${lng}`).toEqual([]);
  });

  it('labels the imports’ actions', () => {
    expect(['upload', 'confirm', 'discard', 'expire'].map((v) => label('zh-CN', `import.${v}`))).toEqual(['上传导入文件', '确认导入', '放弃导入', '导入文件过期清除']);
    expect(label('en', 'import.expire')).toBe('Import expired and removed');
  });
});
