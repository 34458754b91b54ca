import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

describe('Prometheus metrics', () => {
  it('count upstream requests by operation and status, and calls per GraphQL request', async () => {
    await h.query('{ roles(first: 2) { nodes { id } } missing: user(id: "auth0|none") { email } }');
    const text = await h.gateway.metrics.registry.metrics();
    expect(text).toMatch(/gateway_upstream_requests_total\{operation="get_roles",status="200"\} 1/);
    expect(text).toMatch(/gateway_upstream_requests_total\{operation="get_users_by_id",status="404"\} 1/);
    expect(text).toMatch(/gateway_upstream_calls_per_request_count 1/);
    expect(text).toMatch(/gateway_upstream_rate_limit_remaining \d+/);
    expect(text).toMatch(/gateway_graphql_errors_total\{code="NOT_FOUND"\} 1/);
    expect(text).toMatch(/gateway_loader_batch_size_count\{entity="User"\} 1/);
    expect(text).toMatch(/gateway_http_request_duration_seconds_count\{status="200"\} 1/);
    expect(text).not.toContain('Bearer');
  });
});
