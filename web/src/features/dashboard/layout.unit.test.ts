import { describe, expect, it } from 'vitest';
import { layoutSpans } from './DashboardPage';

describe('home page card layout', () => {
  it('pairs half cards and widens one left alone, so no row has a gap', () => {
    expect(layoutSpans(['half', 'half'])).toEqual([12, 12]);
    expect(layoutSpans(['half'])).toEqual([24]);
    expect(layoutSpans(['half', 'half', 'half'])).toEqual([12, 12, 24]);
    expect(layoutSpans(['half', 'full', 'half', 'half'])).toEqual([24, 24, 12, 12]);
    expect(layoutSpans(['third', 'third', 'half'])).toEqual([8, 16, 24]);
    expect(layoutSpans(['full', 'half', 'half'])).toEqual([24, 12, 12]);
  });
});
