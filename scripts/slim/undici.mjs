// The bundle's `undici` (scripts/build.mjs): the gateway uses undici's Pool alone. undici's index
// loads every dispatcher, fetch, WebSocket, the cache and the mocks, about 1 MB that `npm start`
// would compile and run; this loads the pool and the request API that undici's index puts on
// every dispatcher. An import of anything else fails the build. undici's version is pinned.
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import api from 'undici/lib/api/index.js';

Object.assign(Dispatcher.prototype, api);

export { Dispatcher, Pool };
