// The bundle's `undici`: the gateway uses undici's Pool (and its types) only. undici's index
// loads every dispatcher, fetch, WebSocket, the cache and the mocks (about 1 MB, a third of the
// modules `npm start` evaluates); this loads the pool and the request API undici's index puts on
// every dispatcher, nothing else. scripts/build.mjs points `undici` here; the sources and the
// tests import undici itself. undici's version is pinned in package.json.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');

Object.assign(Dispatcher.prototype, api);

module.exports = { Dispatcher, Pool: require('undici/lib/dispatcher/pool') };
