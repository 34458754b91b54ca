import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../src/upstream/index.js';
import { closeAll, json, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

async function sent(body: Parameters<ReturnType<typeof createUpstreamClient>['request']>[0]['body']) {
  const fake = await startFakeAuth0((_req, res) => json(res, 201, { id: 'job_1' }));
  const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
  await client.request({ operationId: 'post_x', method: 'POST', pathTemplate: '/x', body });
  const [seen] = fake.seen;
  return { contentType: seen!.headers['content-type'] ?? '', body: seen!.body };
}

describe('request bodies', () => {
  it('are JSON by default', async () => {
    expect(await sent({ kind: 'json', value: { name: 'admins', nested: { a: [1, null] } } }))
      .toEqual({ contentType: 'application/json', body: '{"name":"admins","nested":{"a":[1,null]}}' });
  });

  it('are form-encoded when asked: arrays repeated, objects as JSON, null and undefined left out', async () => {
    expect(await sent({ kind: 'form', value: { name: 'a b&c', enabled: true, ids: ['x', 'y'], meta: { k: 1 }, skip: undefined, none: null } })).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      body: 'name=a+b%26c&enabled=true&ids=x&ids=y&meta=%7B%22k%22%3A1%7D',
    });
  });

  it('are multipart from a FormData, boundary in the content type', async () => {
    const form = new FormData();
    form.append('connection_id', 'con_1');
    form.append('users', new Blob(['[{"email":"a@example.com"}]'], { type: 'application/json' }), 'users.json');
    const { contentType, body } = await sent({ kind: 'multipart', value: form });
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
    expect(boundary).toBeTruthy();
    expect(body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="connection_id"\r\n\r\ncon_1\r\n`);
    expect(body).toContain('Content-Disposition: form-data; name="users"; filename="users.json"\r\nContent-Type: application/json\r\n\r\n[{"email":"a@example.com"}]\r\n');
  });

  it('are multipart from a list of parts with a file Blob', async () => {
    const { contentType, body } = await sent({
      kind: 'multipart',
      value: [{ name: 'connection_id', value: 'con_1' }, { name: 'users', value: new Blob(['[]'], { type: 'application/json' }), filename: 'import.json' }],
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(body).toContain('name="connection_id"\r\n\r\ncon_1\r\n');
    expect(body).toContain('name="users"; filename="import.json"\r\nContent-Type: application/json\r\n\r\n[]\r\n');
  });

  it('are sent again, byte for byte, when a 429 is retried', async () => {
    const fake = await startFakeAuth0((_req, res, seen) => (seen.length === 1 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 202, {})));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({ operationId: 'post_users_imports', method: 'POST', pathTemplate: '/jobs/users-imports', body: { kind: 'multipart', value: [{ name: 'users', value: new Blob(['[]']) }] } });
    expect(fake.seen).toHaveLength(2);
    expect(fake.seen[1]!.body).toBe(fake.seen[0]!.body);
    expect(fake.seen[1]!.headers['content-type']).toBe(fake.seen[0]!.headers['content-type']);
  });

  it('no body, no content type; a 204 resolves with body undefined; text stays text', async () => {
    const fake = await startFakeAuth0((req, res) => {
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('plain words');
    });
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    expect(await client.request({ operationId: 'delete_roles_by_id', method: 'DELETE', pathTemplate: '/roles/{id}', pathParams: { id: 'r' } })).toMatchObject({ status: 204, body: undefined });
    expect((await client.request({ operationId: 'get_text', method: 'GET', pathTemplate: '/text' })).body).toBe('plain words');
    expect(fake.seen.map((s) => s.headers['content-type'])).toEqual([undefined, undefined]);
  });
});
