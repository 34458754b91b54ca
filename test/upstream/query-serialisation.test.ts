import { afterEach, describe, expect, it } from 'vitest';
import { buildQuery, createUpstreamClient } from '../../src/upstream/index.js';
import { closeAll, json, startFakeAuth0, track } from './fake-auth0.js';

afterEach(closeAll);

describe('query strings follow OpenAPI style: form', () => {
  it.each([
    ['repeats an exploded array (the default)', { identifiers: ['a', 'b'] }, {}, '?identifiers=a&identifiers=b'],
    ['joins an array with commas when explode is false', { fields: ['email', 'name'] }, { fields: { explode: false } }, '?fields=email%2Cname'],
    ['writes booleans as true/false', { include_totals: true, include_fields: false }, {}, '?include_totals=true&include_fields=false'],
    ['writes numbers as digits', { page: 0, per_page: 50 }, {}, '?page=0&per_page=50'],
    ['leaves out null and undefined', { q: undefined, sort: null, page: 1 }, {}, '?page=1'],
    ['encodes reserved characters in values', { q: 'user_id:"auth0|1" OR x&y=z' }, {}, '?q=user_id%3A%22auth0%7C1%22+OR+x%26y%3Dz'],
    ['is empty when nothing is left', { q: undefined }, {}, ''],
    ['keeps an empty array out', { identifiers: [] }, {}, ''],
  ])('%s', (_name, query, style, want) => {
    expect(buildQuery(query, style)).toBe(want);
  });

  it('reaches the server exactly so', async () => {
    const fake = await startFakeAuth0((_req, res) => json(res, 200, []));
    const client = track(createUpstreamClient({ baseUrl: fake.url, auth: { mode: 'static', token: 'static-token' } }));
    await client.request({
      operationId: 'get_resource_servers', method: 'GET', pathTemplate: '/resource-servers',
      query: { identifiers: ['a b', 'c&d'], strategy: ['x', 'y'], include_totals: true, skip: undefined },
      queryStyle: { strategy: { explode: false } },
    });
    expect(fake.seen[0]!.url).toBe('/api/v2/resource-servers?identifiers=a+b&identifiers=c%26d&strategy=x%2Cy&include_totals=true');
    expect(new URL(fake.seen[0]!.url, fake.url).searchParams.getAll('identifiers')).toEqual(['a b', 'c&d']);
  });
});
