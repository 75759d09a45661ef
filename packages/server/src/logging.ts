/**
 * Logging. The proxy logs structured events (a message and flat fields) through a `ProxyLogger`
 * the merchant chooses; every event passes through redaction first, so even a careless logger
 * never sees a credential, a token, a passcode or a full phone number.
 */
import { REDACTED, redactJson, redactLogText, type SecretSet } from "./redaction.ts";

/** Fields of one log event; values are JSON-friendly. */
export type LogFields = Record<string, unknown>;

/** Severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Where the proxy's events go. `console`, pino and winston fit once wrapped: e.g.
 * `{ info: (msg, fields) => pino.info(fields, msg), … }`.
 *
 * `isLevelEnabled` is optional: when present, the proxy asks it before each event and neither
 * builds nor redacts an event the logger would drop (e.g. `dollr.call` at `debug` with a logger
 * set to `warn`), which keeps the request path cheap. Without it, every event of a level the
 * logger has a method for is built, redacted and handed over, as before; leaving out `debug`
 * also turns debug events off.
 */
export interface ProxyLogger {
  /** Whether events of `level` are written (pino: `(level) => log.isLevelEnabled(level)`). */
  isLevelEnabled?(level: LogLevel): boolean;
  debug?(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options of `createConsoleLogger`. */
export interface ConsoleLoggerOptions {
  /** The lowest level written (default `"info"`). */
  level?: LogLevel;
  /** Where lines go (default `console`); tests pass their own. */
  console?: Pick<Console, "log" | "warn" | "error">;
}

/** A logger that writes one JSON line per event: `{"level","time","msg",...fields}`. */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): ProxyLogger {
  const threshold = LEVELS[options.level ?? "info"];
  const out = options.console ?? console;
  const write = (level: LogLevel) => (message: string, fields: LogFields) => {
    if (LEVELS[level] < threshold) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields });
    if (level === "error") out.error(line);
    else if (level === "warn") out.warn(line);
    else out.log(line);
  };
  return {
    isLevelEnabled: (level) => LEVELS[level] >= threshold,
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
  };
}

/**
 * A logger that drops everything. (No `isLevelEnabled`: `{ ...silentLogger, error: report }`
 * must still get its errors.)
 */
export const silentLogger: ProxyLogger = { info() {}, warn() {}, error() {} };

/** The proxy's own logger: redacts, then hands over; a throwing logger never breaks a request. */
export interface SafeLogger {
  /**
   * Whether an event of `level` would reach the merchant's logger. Call sites whose fields cost
   * something to build ask first; the methods below check it themselves too.
   */
  enabled(level: LogLevel): boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Whether `logger` takes events of `level` (a throwing `isLevelEnabled` counts as yes). */
function takes(logger: ProxyLogger, level: LogLevel): boolean {
  if (!logger[level]) return false;
  if (!logger.isLevelEnabled) return true;
  try {
    return logger.isLevelEnabled(level) !== false;
  } catch {
    return true;
  }
}

/**
 * Wraps a merchant's logger so every message and field is redacted with the secrets known at
 * the time of the call (`secrets()` is read on each event, so new tokens are covered). An event
 * the logger would drop (no method for its level, or `isLevelEnabled` says no) is dropped before
 * anything is redacted: `secrets()` is not even read.
 */
export function createSafeLogger(logger: ProxyLogger, secrets: () => SecretSet): SafeLogger {
  return new RedactingLogger(logger, secrets);
}

// A class rather than closures: the proxy makes one per request, so it should cost one object.
class RedactingLogger implements SafeLogger {
  constructor(
    private readonly logger: ProxyLogger,
    private readonly secrets: () => SecretSet,
  ) {}

  enabled(level: LogLevel): boolean {
    return takes(this.logger, level);
  }
  debug(message: string, fields?: LogFields): void {
    this.emit("debug", message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.emit("info", message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.emit("warn", message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.emit("error", message, fields);
  }

  private emit(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!takes(this.logger, level)) return;
    try {
      const set = this.secrets();
      const safeFields = redactJson(fields, set, true) as LogFields;
      this.logger[level]?.call(this.logger, redactLogText(message, set), safeFields);
    } catch {
      // Logging must never fail a payment; a logger that throws is ignored.
    }
  }
}

/** A short, safe description of an unexpected error for a log line (no stack, no values). */
export function describeError(error: unknown): { error_name: string; error_message: string } {
  if (error instanceof Error) {
    return { error_name: error.name, error_message: error.message.slice(0, 300) };
  }
  return { error_name: typeof error, error_message: REDACTED };
}
