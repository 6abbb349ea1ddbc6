import { afterAll, beforeAll } from 'vitest';

/** The unhandled promise rejections seen while a test file runs. */
export interface UnhandledRejections {
  readonly reasons: unknown[];
  /** Forgets what was seen so far (at the start of a scenario). */
  reset(): void;
}

/**
 * Watches `unhandledRejection` for the whole test file, so that each fault scenario can assert it
 * caused none; `summary`, if given, is printed once the file's tests have run.
 */
export function watchUnhandledRejections(summary?: () => string): UnhandledRejections {
  const watch: UnhandledRejections = {
    reasons: [],
    reset() {
      watch.reasons.length = 0;
    },
  };
  const onUnhandled = (reason: unknown) => watch.reasons.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    if (summary) console.log(summary());
  });
  return watch;
}
