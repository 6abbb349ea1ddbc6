/** Receives the CSE's log lines. Each method gets one line without a trailing newline. */
export interface CseLogger {
  /** Per-primitive lines (only with `verbose`) and lifecycle events. */
  info(line: string): void;
  /** Something a client did wrong or a notification that could not be delivered. */
  warn(line: string): void;
  /** A fault inside the CSE itself. */
  error(line: string): void;
}

/** The logger the server uses internally: `primitive` lines are dropped unless verbose. */
export interface ServerLog {
  primitive(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

const consoleLogger: CseLogger = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

/**
 * Build the internal log. Without a logger the CSE stays silent unless verbose, because it is
 * mostly embedded in test runs where stray output is noise.
 */
export function createServerLog(logger: CseLogger | undefined, verbose: boolean): ServerLog {
  const sink = logger ?? (verbose ? consoleLogger : undefined);
  const safe = (fn: ((line: string) => void) | undefined) => (line: string) => {
    try {
      fn?.(line);
    } catch {
      // A throwing user logger must not break request processing.
    }
  };
  return {
    primitive: verbose ? safe(sink?.info.bind(sink)) : () => {},
    info: safe(sink?.info.bind(sink)),
    warn: safe(sink?.warn.bind(sink)),
    error: safe(sink?.error.bind(sink)),
  };
}
