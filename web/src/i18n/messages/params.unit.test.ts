import { afterAll, describe, expect, it } from 'vitest';
import i18n, { changeLocale, registerMessages } from '../index';
import { FEATURES } from '../../features';
import { messageText, withParams } from './index';

// Every feature's server messages, as the app registers them at start.
registerMessages(FEATURES.flatMap((f) => (f.messages ? [f.messages] : [])));
const before = i18n.language;
afterAll(() => changeLocale(before === 'en' ? 'en' : 'zh-CN', false));

/** The message as the web shows it, with the server's English text as the fallback for an unknown key. */
const show = (key: string, params: Record<string, string | number>) => messageText({ key, params }, `english ${key}`);

describe('list parameters in server messages', () => {
  it('leaves out the bracketed group of an empty list, in zh-CN and en (a chain link with projects but no enterprises)', () => {
    changeLocale('zh-CN', false);
    const zh = show('park.chain.link_in_use', { link: '汽车电子', enterprises: '—', projects: '金悦通' });
    expect(zh).not.toContain('—');
    expect(zh).toContain('环节“汽车电子”上还有企业或补链项目（金悦通）');
    changeLocale('en', false);
    const en = show('park.chain.link_in_use', { link: 'Auto electronics', enterprises: '—', projects: '金悦通' });
    expect(en).not.toContain('—');
    expect(en).toContain('while enterprises are on it or projects fill it (金悦通)');
  });
  it('keeps a list that has items, and an empty value that is not alone in its brackets', () => {
    changeLocale('zh-CN', false);
    expect(show('park.chain.in_use', { chain: '铝产业链', links: '铝锭, 铝合金轮毂' })).toContain('（铝锭, 铝合金轮毂）');
    expect(withParams((p) => `工序（当前 ${p.op}）`, { op: '—' })).toBe('工序（当前 —）');
    expect(withParams((p) => `a ${p.x} b`, { x: '' })).toBe('a — b');
  });
  it('works for any module and any bracket: the shell helper, not one message', () => {
    const render = (p: Record<string, unknown>) => `删除失败（${p.a}）；仍有 [${p.b}] 与【${p.c}】 (${p.d})`;
    expect(withParams(render, { a: '—', b: '', c: ' — ', d: '—' })).toBe('删除失败；仍有  与');
    expect(withParams(render, { a: 1, b: 'x', c: 'y', d: 'z' })).toBe('删除失败（1）；仍有 [x] 与【y】 (z)');
  });
});
