/**
 * Test support for the engine (not shipped): a scripted Dollr behind the engine's transport, a
 * manual clock to move, and a fresh engine per test. Used by `runner.test.ts` and `busy.test.ts`.
 */

import { createManualClock, type ManualClock } from "../engine/clock.ts";
import { type Attempt, createAttemptLedger, type ExecutePayload } from "../engine/ledger.ts";
import { createMemoryLocks, type EngineLocks } from "../engine/locks.ts";
import { type CheckoutEngine, createCheckoutEngine, type EngineEvent } from "../engine/runner.ts";
import { createMemoryStorage, type MemoryStorage, type StorageLike } from "../engine/storage.ts";
import type { EngineExecution, EngineStatusOptions, EngineTransport } from "../engine/transport.ts";
import { DollrKitError } from "../errors.ts";

export const source = { type: "INVOICE", id: 7 } as const;
export const account = { id: "42", currency: "LRD" };
export const SESSION_TTL_MS = 15 * 60_000;

export type ExecuteMode =
  | "ok"
  | "lost_response"
  | "dropped"
  | "session_expired"
  | "refused"
  | "three_ds"
  | "hang"
  /** Throws the next of `executeErrors` without landing anything. */
  | "error";

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A scripted Dollr: executions by reference id, settling after `processingMs` of the shared
 * clock. Checks on every execute that its attempt is already in storage.
 */
export class FakeDollr implements EngineTransport {
  readonly executions = new Map<
    string,
    {
      payload: ExecutePayload;
      createdAt: number;
      status: string;
      needsAction: boolean;
      /** Set by hand (another device's payment): never settles on its own. */
      fixed?: boolean;
    }
  >();
  readonly executeBodies: ExecutePayload[] = [];
  readonly statusCalls: number[] = [];
  /** Each status check's reference id and the source it named. */
  readonly statusReads: { referenceId: string; source: EngineStatusOptions["source"] }[] = [];
  /** Thrown by the next session requests, in order (the proxy's SOURCE_BUSY, ALREADY_PAID…). */
  sessionErrors: DollrKitError[] = [];
  /** Thrown by executes in `error` mode, in order (or made from the execute's body). */
  executeErrors: (DollrKitError | ((body: ExecutePayload) => DollrKitError))[] = [];
  /** Card accounts are single use, as the proxy keeps them: bound to the first reference id. */
  singleUse = false;
  readonly boundAccounts = new Map<string, string>();
  readonly sessions: { id: string; expiresAt: number }[] = [];
  executeModes: ExecuteMode[] = [];
  statusFailures: DollrKitError[] = [];
  processingMs = 10_000;
  sessionTtlMs = SESSION_TTL_MS;
  outcome: "COMPLETED" | "FAILED" | "PROCESSING" = "COMPLETED";
  sessionGate: Promise<void> | null = null;
  hung: (() => void) | null = null;
  storageSeen: boolean[] = [];

  constructor(
    readonly clock: ManualClock,
    readonly storage: StorageLike,
  ) {}

  async createCheckoutSession() {
    if (this.sessionGate) await this.sessionGate;
    const refused = this.sessionErrors.shift();
    if (refused) throw refused;
    const session = {
      id: String(this.sessions.length + 100),
      expiresAt: this.clock.now() + this.sessionTtlMs,
    };
    this.sessions.push(session);
    return { id: session.id, expires_at: new Date(session.expiresAt).toISOString() };
  }

  private land(payload: ExecutePayload, needsAction = false) {
    const existing = this.executions.get(payload.reference_id);
    if (existing) return existing;
    const created = { payload, createdAt: this.clock.now(), status: "PROCESSING", needsAction };
    this.executions.set(payload.reference_id, created);
    return created;
  }

  private view(referenceId: string): EngineExecution {
    const execution = this.executions.get(referenceId);
    if (!execution) throw new DollrKitError("NOT_FOUND", "Not found (HTTP 404)", { status: 404 });
    if (
      !execution.fixed &&
      !execution.needsAction &&
      this.outcome !== "PROCESSING" &&
      this.clock.now() - execution.createdAt >= this.processingMs
    ) {
      execution.status = this.outcome;
    }
    return {
      reference_id: referenceId,
      status: execution.status,
      requires_action: execution.needsAction,
      client_secret: execution.needsAction ? `pi_${referenceId.slice(0, 4)}_secret_x` : null,
    };
  }

  /** Another device's payment for the source, with the status given (changed by hand). */
  plant(referenceId: string, status: string) {
    const payload = {
      session_id: "900",
      payment_account_id: "900",
      currency: "USD",
      reference_id: referenceId,
    };
    const existing = this.executions.get(referenceId);
    if (existing) existing.status = status;
    else {
      const at = this.clock.now();
      this.executions.set(referenceId, {
        payload,
        createdAt: at,
        status,
        needsAction: false,
        fixed: true,
      });
    }
  }

  authenticate(referenceId: string) {
    const execution = this.executions.get(referenceId);
    if (execution) {
      execution.needsAction = false;
      execution.createdAt = this.clock.now() - this.processingMs;
    }
  }

  async executeCollection(body: ExecutePayload) {
    this.executeBodies.push({ ...body });
    this.storageSeen.push(
      Object.values(
        (this.storage as MemoryStorage).snapshot?.() ?? { x: this.storage.getItem("") },
      ).some((value) => value?.includes(body.reference_id)),
    );
    const mode = this.executeModes.shift() ?? "ok";
    if (mode === "error") {
      const scripted = this.executeErrors.shift();
      throw typeof scripted === "function"
        ? scripted(body)
        : (scripted ?? new DollrKitError("SERVER", "no error scripted"));
    }
    const bound = this.boundAccounts.get(body.payment_account_id);
    if (this.singleUse && bound !== undefined && bound !== body.reference_id) {
      // The proxy's pre-forward check (CONTRACT.md §2): nothing is sent.
      throw new DollrKitError("CARD_USED", "This card was already used (HTTP 409)", {
        status: 409,
        definite: true,
      });
    }
    if (this.singleUse) this.boundAccounts.set(body.payment_account_id, body.reference_id);
    const session = this.sessions.find((s) => s.id === body.session_id);
    if (mode === "session_expired" || !session || session.expiresAt <= this.clock.now()) {
      throw new DollrKitError("SESSION_EXPIRED", "session expired", { status: 422 });
    }
    switch (mode) {
      case "ok":
        this.land(body);
        return this.view(body.reference_id);
      case "three_ds":
        this.land(body, true);
        return this.view(body.reference_id);
      case "lost_response":
        this.land(body);
        throw new DollrKitError("NETWORK", "connection dropped", { ambiguous: true });
      case "dropped":
        throw new DollrKitError("TIMEOUT", "timed out", { ambiguous: true });
      case "refused":
        throw new DollrKitError("VALIDATION", "payment account not found", { status: 422 });
      case "hang": {
        const gate = deferred();
        this.hung = gate.resolve;
        await gate.promise;
        this.land(body);
        return this.view(body.reference_id);
      }
    }
  }

  async getCollectionStatus(referenceId: string, options?: EngineStatusOptions) {
    this.statusCalls.push(this.clock.now());
    this.statusReads.push({ referenceId, source: options?.source });
    const failure = this.statusFailures.shift();
    if (failure) throw failure;
    return this.view(referenceId);
  }
}

export const flush = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Moves the shared clock `ms` forward, letting every promise settle between timers. */
export async function run(clock: ManualClock, ms: number) {
  const until = clock.now() + ms;
  await flush();
  for (let next = clock.nextAt(); next !== null && next <= until; next = clock.nextAt()) {
    clock.runNext();
    await flush();
  }
  clock.advance(until - clock.now());
  await flush();
}

export interface Setup {
  clock: ManualClock;
  storage: MemoryStorage;
  locks: EngineLocks;
  dollr: FakeDollr;
  events: EngineEvent[];
  engine(): CheckoutEngine;
}

export function setup(): Setup {
  const clock = createManualClock();
  const storage = createMemoryStorage();
  const locks = createMemoryLocks();
  const dollr = new FakeDollr(clock, storage);
  const events: EngineEvent[] = [];
  return {
    clock,
    storage,
    locks,
    dollr,
    events,
    engine: () =>
      createCheckoutEngine({
        transport: dollr,
        source,
        storage,
        clock,
        locks,
        onEvent: (event) => events.push(event),
        onInvalidTransition: (state, event) => {
          throw new Error(`invalid ${event.type} in ${state.kind}`);
        },
      }),
  };
}

export function storedAttempts(storage: StorageLike): Attempt[] {
  const ledger = createAttemptLedger({ storage });
  const { open, latest } = ledger.read(source);
  return [open, latest].filter((a): a is Attempt => a !== null);
}

export async function payWith(engine: CheckoutEngine) {
  engine.start();
  engine.selectAccount(account);
  await engine.pay();
}
