// The bundle's `prom-client` (scripts/build.mjs): the gateway uses its Registry, Counter, Gauge
// and Histogram. The package's index also loads the default process metrics (and
// @opentelemetry/api with them), summaries, the Pushgateway client and node:cluster's
// aggregator, which cost more at start-up than the rest of the metrics. An import of anything
// else fails the build. prom-client's version is pinned.
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';

export { Counter, Gauge, Histogram, Registry };
