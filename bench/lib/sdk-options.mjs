/**
 * The one place that knows how the bench configures an SDK client, so every suite measures the
 * same configuration: JSON, a fixed originator, validation of responses on, limits raised so
 * that the load generator (not `maxInFlight`) decides the concurrency.
 */
import { ORIGINATOR } from './fixtures.mjs';

/** Options for `createClient` against `url`; `extra` overrides per suite. */
export function sdkClientOptions(url, extra = {}) {
  return {
    url,
    originator: ORIGINATOR,
    serializations: ['json'],
    releaseVersion: '3',
    requestTimeout: 60_000,
    maxInFlight: 100_000,
    ...extra,
  };
}
