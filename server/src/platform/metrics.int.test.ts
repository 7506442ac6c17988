import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness';

/** METRICS_PORT: a listener of its own for Prometheus, on loopback by default; the main port does not serve them. */
let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp({ METRICS_PORT: '0' });
  const line = await t.platform.serveMetrics();
  url = /(http:\/\/\S+\/metrics)/.exec(line ?? '')![1];
});
afterAll(() => t?.close());

describe('metrics on METRICS_PORT', () => {
  it('serves /metrics on loopback without a token, and only /metrics', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await t.anonymous().get('/api/health/live')).statusCode).toBe(200);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/health\/live",status_code="200"\} 1$/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect((await fetch(url.replace('/metrics', '/api/health/live'))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
  });

  it('are not served on the main port without METRICS_TOKEN', async () => {
    expect((await t.platform.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('keep each platform its own registry: a second platform in the same process counts its own requests', async () => {
    const other = await startTestApp();
    try {
      await other.anonymous().get('/api/health/live');
      await other.anonymous().get('/api/health/live');
      const mine = await other.platform.metrics.metrics();
      expect(mine).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/health\/live",status_code="200"\} 2$/m);
    } finally {
      await other.close();
    }
  });
});
