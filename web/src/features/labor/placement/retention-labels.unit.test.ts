import { describe, expect, it } from 'vitest';
import { shortLabels } from './RetentionPage';

describe('retention group labels', () => {
  it('drop the region every group shares, so each row names its town', () => {
    expect(shortLabels(['重庆市 城口县 葛城街道', '重庆市 城口县 庙坝镇', '重庆市 城口县 北屏乡'])).toEqual(['葛城街道', '庙坝镇', '北屏乡']);
    expect(shortLabels(['重庆市 城口县 葛城街道', '山东省 临沂市 平邑县'])).toEqual(['重庆市 城口县 葛城街道', '山东省 临沂市 平邑县']);
    expect(shortLabels(['重庆市 城口县', '重庆市 城口县 庙坝镇'])).toEqual(['城口县', '城口县 庙坝镇']);
    expect(shortLabels(['重庆市 城口县 庙坝镇'])).toEqual(['庙坝镇']);
    expect(shortLabels(['2026-01', '2026-02'])).toEqual(['2026-01', '2026-02']);
  });
});
