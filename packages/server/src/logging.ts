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
 */
export interface ProxyLogger {
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
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A logger that drops everything. */
export const silentLogger: ProxyLogger = { info() {}, warn() {}, error() {} };

/** The proxy's own logger: redacts, then hands over; a throwing logger never breaks a request. */
export interface SafeLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * Wraps a merchant's logger so every message and field is redacted with the secrets known at
 * the time of the call (`secrets()` is read on each event, so new tokens are covered).
 */
export function createSafeLogger(logger: ProxyLogger, secrets: () => SecretSet): SafeLogger {
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    const sink = logger[level];
    if (!sink) return;
    try {
      const set = secrets();
      const safeFields = redactJson(fields, set, true) as LogFields;
      sink.call(logger, redactLogText(message, set), safeFields);
    } catch {
      // Logging must never fail a payment; a logger that throws is ignored.
    }
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

/** A short, safe description of an unexpected error for a log line (no stack, no values). */
export function describeError(error: unknown): { error_name: string; error_message: string } {
  if (error instanceof Error) {
    return { error_name: error.name, error_message: error.message.slice(0, 300) };
  }
  return { error_name: typeof error, error_message: REDACTED };
}
