import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger';

describe('redactUrl', () => {
  it('replaces the value of search parameters whatever they hold', () => {
    expect(redactUrl('/api/labor/workers?q=%E5%BC%A0%E4%B8%89&page=2')).toBe('/api/labor/workers?q=[redacted]&page=2');
    expect(redactUrl('/api/users?pageSize=20&Q=x')).toBe('/api/users?pageSize=20&Q=[redacted]');
  });

  it('masks ID numbers (18 with X, old 15) and mobile numbers anywhere in the path or query', () => {
    expect(redactUrl('/api/x/50022919900101123X/y')).toBe('/api/x/[id]/y');
    expect(redactUrl('/api/x?a=500229900101123')).toBe('/api/x?a=%5Bid%5D');
    expect(redactUrl('/api/x?phone2=13812345678&z=1')).toBe('/api/x?phone2=%5Bphone%5D&z=1');
    expect(redactUrl('/api/x?p=%2B8613812345678')).toBe('/api/x?p=%5Bphone%5D');
  });

  it('leaves ids, dates and counts alone', () => {
    const url = '/api/labor/workers/0b9f3c2e-1d2a-4e5f-8a9b-123456789012?from=2026-12-01&pageSize=20&since=1733443200000';
    expect(redactUrl(url)).toBe(url);
  });

  it('survives malformed escapes', () => {
    expect(redactUrl('/api/%E0%A4%A?q=%zz')).toBe('/api/%E0%A4%A?q=[redacted]');
  });
});
