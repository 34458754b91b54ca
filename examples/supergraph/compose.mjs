/**
 * Compose the supergraph from the Auth0 subgraph and the billing subgraph with BOTH
 * @theguild/federation-composition (MIT; its output is written) and @apollo/composition
 * (Elastic-2.0; a dev-time cross-check only), and report each composer's time.
 *
 *   node compose.mjs --auth0-sdl fixtures/auth0-standin.graphql --auth0-url http://127.0.0.1:4001/graphql \
 *                    --billing-url http://127.0.0.1:4002/graphql [--out supergraph.graphql]
 *   node compose.mjs --auth0-url http://127.0.0.1:4000/graphql --header 'x-api-key: …' --billing-url …
 *
 * --auth0-sdl <file>     the Auth0 subgraph SDL; without it, fetched as `{ _service { sdl } }` from --auth0-url
 * --auth0-url <url>      the Auth0 subgraph's routing URL (default http://127.0.0.1:4000/graphql)
 * --header 'name: value' sent with the Auth0 SDL fetch (repeatable)
 * --billing-sdl <file>   the billing SDL; without it, fetched from --billing-url, or (no URL) taken from billing.mjs
 * --billing-url <url>    the billing subgraph's routing URL (default http://127.0.0.1:4002/graphql)
 * --out <file>           where to write the supergraph (default supergraph.graphql beside this script)
 *
 * Exits 1 with the composers' errors (and their codes) if either composer fails; 2 on bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';

const { values: args } = parseArgs({
  options: {
    'auth0-sdl': { type: 'string' },
    'auth0-url': { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    'billing-sdl': { type: 'string' },
    'billing-url': { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('./supergraph.graphql', import.meta.url)) },
    quiet: { type: 'boolean', default: false },
  },
});

function fail(message, code = 2) {
  console.error(`compose: ${message}`);
  process.exit(code);
}

async function fetchSdl(url, headers = {}) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    fail(`cannot fetch the SDL from ${url}: ${error.cause?.message ?? error.message}`);
  }
  const body = await response.json().catch(() => undefined);
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string') {
    fail(`${url} gave no _service.sdl (HTTP ${response.status}): ${JSON.stringify(body?.errors ?? body)}`);
  }
  return sdl;
}

function headerObject(lines) {
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) fail(`--header must be 'name: value', got ${JSON.stringify(line)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const auth0Url = args['auth0-url'] ?? 'http://127.0.0.1:4000/graphql';
const billingUrl = args['billing-url'] ?? 'http://127.0.0.1:4002/graphql';

const auth0Sdl = args['auth0-sdl']
  ? readFileSync(args['auth0-sdl'], 'utf8')
  : args['auth0-url']
    ? await fetchSdl(auth0Url, headerObject(args.header))
    : fail('give --auth0-sdl <file> or --auth0-url <url> to fetch it from');
const billingSdl = args['billing-sdl']
  ? readFileSync(args['billing-sdl'], 'utf8')
  : args['billing-url']
    ? await fetchSdl(billingUrl)
    : (await import('./billing.mjs')).billingSdl;

const services = [
  { name: 'auth0', url: auth0Url, sdl: auth0Sdl },
  { name: 'billing', url: billingUrl, sdl: billingSdl },
];
for (const service of services) {
  try {
    service.typeDefs = parse(service.sdl);
  } catch (error) {
    fail(`the ${service.name} SDL does not parse: ${error.message}`);
  }
}

function describeErrors(composer, errors) {
  return errors.map((error) => `  [${composer}] ${error.extensions?.code ?? 'NO_CODE'}: ${error.message}`).join('\n');
}

// Each composer is loaded before its clock starts, so the times are composition only.
const guild = await import('@theguild/federation-composition');
const apollo = await import('@apollo/composition');

let started = performance.now();
const guildResult = guild.composeServices(services.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
const guildMs = performance.now() - started;

started = performance.now();
const apolloResult = apollo.composeServices(services.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
const apolloMs = performance.now() - started;

const guildErrors = guildResult.errors ?? [];
const apolloErrors = apolloResult.errors ?? [];
if (guildErrors.length || apolloErrors.length) {
  if (guildErrors.length) console.error(`@theguild/federation-composition failed:\n${describeErrors('guild', guildErrors)}`);
  else console.error('@theguild/federation-composition succeeded');
  if (apolloErrors.length) console.error(`@apollo/composition failed:\n${describeErrors('apollo', apolloErrors)}`);
  else console.error('@apollo/composition succeeded');
  process.exit(1);
}

writeFileSync(args.out, guildResult.supergraphSdl.endsWith('\n') ? guildResult.supergraphSdl : `${guildResult.supergraphSdl}\n`);
if (!args.quiet && apolloResult.hints?.length) {
  for (const hint of apolloResult.hints) console.error(`  [apollo hint] ${hint.definition?.code ?? ''}: ${hint.message}`);
}
console.log(`composed with @theguild/federation-composition in ${Math.round(guildMs)} ms; @apollo/composition in ${Math.round(apolloMs)} ms`);
console.log(`wrote ${args.out}`);
