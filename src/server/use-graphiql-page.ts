/**
 * GraphiQL, bundled (no CDN: it works offline), with the example tabs. The 9 MB page is built on
 * the first browser visit (start-up does not pay for it) and sent compressed, brotli or gzip as
 * the browser accepts: about 2 MB on the wire instead of 9.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { GRAPHIQL_TABS } from './graphiql-tabs.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

interface Page {
  html: ArrayBuffer;
  br: ArrayBuffer;
  gzip: ArrayBuffer;
}

const own = (buffer: Buffer): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

export function useGraphiQLPage(): Plugin {
  let page: Promise<Page> | undefined;
  const build = async (): Promise<Page> => {
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    const html = Buffer.from(renderGraphiQL({ title: 'Auth0 Management API — GraphQL', endpoint: '/graphql', defaultTabs: GRAPHIQL_TABS }));
    // A middling brotli quality: most of the gain for a fraction of quality 11's time.
    const [br, gz] = await Promise.all([brotli(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }), gzipped(html, { level: 6 })]);
    return { html: own(html), br: own(br), gzip: own(gz) };
  };
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/graphql' || request.method !== 'GET' || !(request.headers.get('accept') ?? '').includes('text/html')) return;
      page ??= build();
      const { html, br, gzip: gz } = await page;
      const accepted = (request.headers.get('accept-encoding') ?? '').toLowerCase();
      const [body, encoding] = /\bbr\b/.test(accepted) ? [br, 'br'] : /\bgzip\b/.test(accepted) ? [gz, 'gzip'] : [html, undefined];
      endResponse(new Response(body, {
        headers: { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding', ...(encoding ? { 'content-encoding': encoding } : {}) },
      }));
    },
  };
}
