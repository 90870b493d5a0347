/**
 * The main process's logger (the only place that writes diagnostics; no `console`).
 * One line per entry: `2025-01-01T00:00:00.000Z warn [journal] message {"detail":1}`.
 * Lines go to a sink: stderr by default, a file sink in index.ts, a memory sink in tests.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;
export type Logger = Record<LogLevel, (message: string, detail?: unknown) => void>;

let sinks: LogSink[] = [(line) => process.stderr.write(line)];

/** Replaces where log lines go (index.ts adds a file; tests capture lines). */
export const setLogSinks = (next: LogSink[]): void => {
  sinks = next;
};

const describe = (detail: unknown): string => {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${JSON.stringify({ error: detail.name, message: detail.message })}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
};

/** A logger for one module, e.g. `createLogger('ipc')`. */
export const createLogger = (scope: string): Logger => {
  const write = (level: LogLevel) => (message: string, detail?: unknown) => {
    const line = `${new Date().toISOString()} ${level} [${scope}] ${message}${describe(detail)}\n`;
    for (const sink of sinks) {
      try {
        sink(line);
      } catch {
        // A broken sink (closed stream, full disk) must never take the app down with it.
      }
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
};
