import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, HANDLERS, startEmulator } from '../../src/emulator/index.js';
import { specIndex } from '../../src/emulator/spec-index.js';
import { validatorFor } from '../../src/emulator/validation.js';
import { resolve, successResponses } from '../../src/schema/spec.js';
import { captureIds, handModelledSteps } from '../support/hand-modelled-steps.js';

// Every hand-modelled operation, called for real; each JSON answer is checked against the
// response schema the spec gives for its status (ajv, JSON Schema 2020-12).
let emulator: Emulator;
let token: string;
const ids: Record<string, string> = {};
const steps = handModelledSteps(ids);

async function call(method: string, path: string, body?: unknown, form?: FormData) {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as any : undefined };
}

beforeAll(async () => {
  // Jobs complete on their first read, so the completed job's body is the one checked.
  emulator = await startEmulator({ jobDurationMs: 0 });
  token = await emulator.issueToken([...new Set(specIndex().routes.flatMap((r) => r.scopes))]);
  const seed = await call('GET', '/users?per_page=1');
  ids.seedUser = seed.body[0].user_id;
  const connections = (await call('GET', '/connections')).body;
  ids.seedConnection = connections[0].id;
  ids.enterprise = connections.find((c: { strategy: string }) => c.strategy === 'samlp').id;
  ids.workspace = (await call('POST', '/connections', { name: 'schema-workspace', strategy: 'google-apps', options: { domain: 'acme.test' } })).body.id;
  ids.log = (await call('GET', '/logs?per_page=1')).body[0].log_id;
});

afterAll(async () => {
  await emulator.close();
});

describe('hand-modelled operations answer what the spec says', () => {
  it('covers every hand-modelled operation', () => {
    expect(steps.map((s) => s[0]).sort()).toEqual(Object.keys(HANDLERS).sort());
  });

  it('answers each with a 2xx body valid against its response schema', async () => {
    const problems: string[] = [];
    for (const [operationId, method, path, body, form] of steps) {
      const response = await call(method, path(), body?.(), form?.());
      const route = specIndex().byOperationId.get(operationId)!;
      if (response.status >= 300) { problems.push(`${operationId}: ${response.status} ${JSON.stringify(response.body)}`); continue; }
      const declared = successResponses(route.op).find((r) => r.status === String(response.status));
      if (!declared) { problems.push(`${operationId}: status ${response.status} not in the spec`); continue; }
      if (declared.schema) {
        // The spec's list shapes overlap (a last checkpoint page is also a valid offset page), so a
        // response's oneOf is read as anyOf: the body must fit one of the shapes.
        const resolved = resolve(specIndex().doc, declared.schema);
        const schema = resolved.oneOf ? { anyOf: resolved.oneOf } : declared.schema;
        const validate = await validatorFor(`response:${operationId}:${declared.status}`, schema);
        if (!validate(response.body)) problems.push(`${operationId}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      } else if (response.body !== undefined) {
        problems.push(`${operationId}: body on a response the spec declares empty`);
      }
      const b = response.body;
      captureIds(operationId, (key) => b?.[key], ids);
      if (operationId === 'get_jobs_by_id') expect(b.status).toBe('completed');
      if (operationId === 'get_errors') expect(b).toHaveLength(1);
    }
    expect(problems).toEqual([]);
  });
});
