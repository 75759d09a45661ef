// Snapshots: the simulator's records as plain JSON, and back. The real Dollr does not restart
// with the merchant's server, so an in-process simulator that stands in for it (the demo's) must
// not either: it saves a snapshot and starts again from it.
//
// A snapshot holds every record, the id counters, the clock offset and the issued tokens. It does
// not hold faults (a test sets those for itself) or the run-time config (that comes from the
// options the simulator is started with).
import { emptyState, type State, type Token } from "./store.ts";

export const SNAPSHOT_FORMAT = "dollr-simulator-state";
export const SNAPSHOT_VERSION = 1;

/** What `control.snapshot()` answers and `createSimulator({ state })` takes: JSON-safe. */
export interface SimulatorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** The records, with Maps, Sets and bigints tagged (`{"$map": …}`, `{"$set": …}`, `{"$bigint": …}`). */
  state: unknown;
  /** Issued access tokens and when they expire (simulator time), so a proxy's token stays valid. */
  tokens: [string, Token][];
}

/** A snapshot that cannot be loaded (another format or version, or damaged). */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(`dollr-simulator snapshot: ${message}`);
    this.name = "SnapshotError";
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function encode(value: unknown): Json {
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  if (Array.isArray(value)) return value.map(encode);
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, field] of Object.entries(value)) {
      // `undefined` fields are left out, as JSON.stringify would.
      if (field !== undefined) out[key] = encode(field);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new SnapshotError("a record holds a number JSON cannot keep");
  }
  return value as Json;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (typeof record.$bigint === "string") {
      if (!/^-?\d+$/.test(record.$bigint)) throw new SnapshotError("a damaged $bigint");
      return BigInt(record.$bigint);
    }
    if (Array.isArray(record.$map)) {
      return new Map(
        record.$map.map((entry) => {
          if (!Array.isArray(entry) || entry.length !== 2)
            throw new SnapshotError("a damaged $map");
          return [decode(entry[0]), decode(entry[1])] as const;
        }),
      );
    }
    if (Array.isArray(record.$set)) return new Set(record.$set.map(decode));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decode(record[key]);
  return out;
}

/** The snapshot of a state and its tokens. */
export function takeSnapshot(state: State, tokens: Map<string, Token>): SimulatorSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    state: encode(state),
    tokens: [...tokens].map(([token, { expires_at }]) => [token, { expires_at }]),
  };
}

/**
 * The state and tokens of a snapshot. Fields a snapshot lacks (written before a field existed)
 * start empty; a field of the wrong kind, another format or another version is refused.
 */
export function readSnapshot(snapshot: unknown): { state: State; tokens: Map<string, Token> } {
  if (typeof snapshot !== "object" || snapshot === null) throw new SnapshotError("not an object");
  const { format, version, state, tokens } = snapshot as Partial<SimulatorSnapshot>;
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotError(`not a ${SNAPSHOT_FORMAT} snapshot`);
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `version ${String(version)} (this simulator reads ${SNAPSHOT_VERSION})`,
    );
  }
  const decoded = decode(state);
  if (typeof decoded !== "object" || decoded === null) throw new SnapshotError("no state");
  const fresh = emptyState();
  const loaded = decoded as Record<string, unknown>;
  for (const key of Object.keys(fresh) as (keyof State)[]) {
    const value = loaded[key];
    if (value === undefined) continue;
    const expected = fresh[key];
    const sameKind =
      expected instanceof Map
        ? value instanceof Map
        : typeof expected === "object"
          ? typeof value === "object" && value !== null && !(value instanceof Map)
          : typeof value === typeof expected;
    if (!sameKind) throw new SnapshotError(`state.${key} is not what the simulator keeps there`);
    Object.assign(fresh, {
      [key]: key === "counters" ? { ...fresh.counters, ...(value as object) } : value,
    });
  }
  if (!Array.isArray(tokens)) throw new SnapshotError("no tokens");
  const tokenMap = new Map<string, Token>();
  for (const entry of tokens) {
    const [token, data] = Array.isArray(entry) ? entry : [];
    if (typeof token !== "string" || typeof data?.expires_at !== "number") {
      throw new SnapshotError("a damaged token");
    }
    tokenMap.set(token, { expires_at: data.expires_at });
  }
  return { state: fresh, tokens: tokenMap };
}
