// The simulator's control surface: what `handler.control` offers in process, and what the
// /__simulator routes expose over HTTP (the same operations, the same JSON).
import { FEE_BEARERS, SOURCE_TYPES } from "./catalog.ts";
import { authenticate, executionJson } from "./executions.ts";
import { type FaultInjector, type FaultRule, faultSpecSchema } from "./faults.ts";
import { type Ledger, ledgerJson } from "./ledger.ts";
import { minorUnitsAt } from "./money.ts";
import { assertConfig, type RuntimeConfig, SUCCESS_WORDS } from "./options.ts";
import type { World } from "./router.ts";
import { assertSourceCurrency } from "./routes/sources.ts";
import { readSnapshot, type SimulatorSnapshot, takeSnapshot } from "./snapshot.ts";
import {
  addItem,
  createCounterparty,
  createParty,
  createSource,
  publishSource,
  requireParty,
  sourceSummaryJson,
} from "./sources.ts";
import { issueToken } from "./tokens.ts";
import {
  amount,
  array,
  currencyCode,
  integer,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  string,
  VALIDATION_MODES,
} from "./validation.ts";

export const sourceShortcutSchema = object({
  currency: currencyCode(),
  items: array(
    object({
      name: string({ minLength: 1, maxLength: 200 }),
      amount: amount(),
      qty: optional(integer({ min: 1, max: 10_000 })),
    }),
    { minLength: 1, maxLength: 100 },
  ),
  fee_bearer: optional(oneOf(FEE_BEARERS)),
  source_type: optional(oneOf(SOURCE_TYPES)),
  party_id: optional(integer({ min: 1 })),
  note: optional(nullable(string({ maxLength: 1000 }))),
});

export const configSchema = object({
  clientId: optional(string({ minLength: 1, maxLength: 200 })),
  clientSecret: optional(string({ minLength: 1, maxLength: 200 })),
  processingMs: optional(integer({ min: 0, max: 7 * 24 * 3_600_000 })),
  successWord: optional(oneOf(SUCCESS_WORDS)),
  validation: optional(oneOf(VALIDATION_MODES)),
  sessionTtlMs: optional(integer({ min: 1, max: 7 * 24 * 3_600_000 })),
  tokenTtlMinutes: optional(integer({ min: 1, max: 7 * 24 * 60 })),
  payoutPasscode: optional(string({ minLength: 1, maxLength: 64 })),
});

export const authenticateSchema = object({
  client_secret: string({ minLength: 1, maxLength: 500 }),
  outcome: oneOf(["succeeded", "failed"]),
});

export const clockSchema = object({ advanceMs: integer({ min: 0, max: 365 * 24 * 3_600_000 }) });

/** Body of `POST /__simulator/sources`. */
export interface SimulatorSourceInput {
  currency: string;
  items: { name: string; amount: string | number; qty?: number }[];
  fee_bearer?: "PAYER" | "PAYEE";
  source_type?: "INVOICE" | "ORDER";
  /** Issue the source to this existing party; by default a new party is created. */
  party_id?: number;
  note?: string | null;
}

/** Answer of `POST /__simulator/sources`: a published source and who it was issued to. */
export interface SimulatorSource {
  source_type: "INVOICE" | "ORDER";
  source_id: number;
  source_number: string;
  party_id: number;
  counterparty_id: number;
  currency: string;
  /** A decimal string in major units, e.g. "12.50". */
  total_amount: string;
  fee_bearer: "PAYER" | "PAYEE";
  status: string;
}
export type ExecutionResponseJson = ReturnType<typeof executionJson>;
/** A fault spec: `{faults: [rule, …], seed?}`, one rule, or `{clear: true}`. */
export type FaultSpecInput = { faults: FaultRule[]; seed?: number } | FaultRule | { clear: true };
export type ActiveFault = FaultRule & { remaining: number | null; fired: number };

export interface SimulatorControl {
  /** Every execution and source as they stand now (the JSON of GET /__simulator/ledger). */
  ledger(): Ledger;
  /** Forgets every record, fault and clock move, and restores the start options. Tokens stay valid. */
  reset(): void;
  /** Moves the simulator's clock forward; answers the new now (epoch ms). */
  advance(ms: number): number;
  now(): number;
  /** Replaces the active faults (an empty list or `{clear: true}` clears them). */
  setFaults(spec: FaultSpecInput): ActiveFault[];
  faults(): ActiveFault[];
  /** How many requests a `hold` fault keeps unanswered now. */
  heldRequests(): number;
  /** Lets every held request go on; answers how many there were. Clearing faults does too. */
  releaseHeld(): number;
  /** Finishes a 3DS challenge, as the fake Stripe does. */
  authenticate(clientSecret: string, outcome: "succeeded" | "failed"): ExecutionResponseJson;
  /** Creates a published invoice (or order) with a new party and counterparty. */
  createSource(body: SimulatorSourceInput): SimulatorSource;
  /** A valid bearer token for in-process tests. */
  issueToken(): string;
  /** Changes run-time options; answers them all. */
  configure(partial: Partial<RuntimeConfig>): RuntimeConfig;
  config(): RuntimeConfig;
  /**
   * Every record, id counter, token and the clock offset as plain JSON (not faults, not config),
   * for `createSimulator({ state })` or `restore` to start from later.
   */
  snapshot(): SimulatorSnapshot;
  /** Replaces every record, token and the clock offset with a snapshot's (faults and config stay). */
  restore(snapshot: SimulatorSnapshot): void;
  /**
   * Calls `listener` after anything that may have changed the records: every request, and every
   * control call that writes. Often, and cheaply: a listener that saves should compare or debounce.
   * Answers a function that removes the listener.
   */
  onChange(listener: () => void): () => void;
  /** The HS256 secret realtime keys are signed with, for a realtime server to verify them. */
  realtimeJwtSecret(): string;
}

export interface ControlParts {
  world: World;
  faults: FaultInjector;
  setConfig(config: RuntimeConfig): void;
  startConfig: RuntimeConfig;
  /** Tells the change listeners. */
  changed(): void;
  listen(listener: () => void): () => void;
  realtimeJwtSecret: string;
}

export function createControl(parts: ControlParts): SimulatorControl {
  const { world, faults, changed } = parts;
  // Calls `write`, then tells the listeners (also when it threw: it may have written first).
  const writing = <T>(write: () => T): T => {
    try {
      return write();
    } finally {
      changed();
    }
  };
  return {
    ledger: () => ledgerJson(world),
    reset() {
      writing(() => {
        world.store.reset();
        faults.clear();
        parts.setConfig({ ...parts.startConfig });
      });
    },
    advance(ms) {
      const { advanceMs } = parseBody(clockSchema, { advanceMs: ms });
      return writing(() => {
        world.store.state.clockOffsetMs += advanceMs;
        return world.now();
      });
    },
    now: () => world.now(),
    setFaults(spec) {
      faults.set(parseBody(faultSpecSchema, spec));
      return faults.list();
    },
    faults: () => faults.list(),
    heldRequests: () => faults.heldCount(),
    releaseHeld: () => faults.release(),
    authenticate(clientSecret, outcome) {
      const input = parseBody(authenticateSchema, { client_secret: clientSecret, outcome });
      return writing(() =>
        executionJson(world, authenticate(world, input.client_secret, input.outcome)),
      );
    },
    createSource: (body) => writing(() => createPublishedSource(world, body)),
    issueToken: () => writing(() => issueToken(world).access_token),
    configure(partial) {
      const changes = parseBody(configSchema, partial);
      parts.setConfig(assertConfig({ ...world.config, ...changes }));
      return { ...world.config };
    },
    config: () => ({ ...world.config }),
    snapshot: () => takeSnapshot(world.store.state, world.store.tokens),
    restore(snapshot) {
      const { state, tokens } = readSnapshot(snapshot);
      writing(() => world.store.load(state, tokens));
    },
    onChange: (listener) => parts.listen(listener),
    realtimeJwtSecret: () => parts.realtimeJwtSecret,
  };
}

/** The `/__simulator/sources` shortcut: party → counterparty → source → items → publish. */
function createPublishedSource(world: World, body: unknown): SimulatorSource {
  const input = parseBody(sourceShortcutSchema, body);
  assertSourceCurrency(input.currency, ["body", "currency"]);
  const amounts = input.items.map((item, index) =>
    minorUnitsAt(item.amount, input.currency, ["body", "items", index, "amount"]),
  );
  const party =
    input.party_id === undefined
      ? createParty(world, {
          fullname: `Simulated Customer ${world.store.state.counters.party + 1}`,
          phone: "231880000000",
        })
      : requireParty(world, input.party_id, ["body", "party_id"]);
  const counterparty = createCounterparty(world, {
    relationship_type: "CUSTOMER",
    party_id: party.id,
  });
  const source = createSource(world, {
    type: input.source_type ?? "INVOICE",
    counterparty_id: counterparty.id,
    currency: input.currency,
    note: input.note ?? null,
    fee_bearer: input.fee_bearer ?? "PAYER",
  });
  input.items.forEach((item, index) => {
    addItem(world, source, {
      name: item.name,
      currency: input.currency,
      qty: item.qty ?? 1,
      amountMinor: amounts[index] ?? 0n,
    });
  });
  publishSource(world, source);
  return { ...sourceSummaryJson(world, source), party_id: party.id };
}
