import { describe, expect, it } from "vitest";
import { DollrKitError } from "../errors.ts";
import { createManualClock, type ManualClock } from "./clock.ts";
import { type Attempt, createAttemptLedger, type ExecutePayload } from "./ledger.ts";
import { createMemoryLocks, type EngineLocks } from "./locks.ts";
import { NOT_LANDED_GRACE_MS, POLL_CAP_MS } from "./polling.ts";
import { type CheckoutEngine, createCheckoutEngine, type EngineEvent } from "./runner.ts";
import { createMemoryStorage, type MemoryStorage, type StorageLike } from "./storage.ts";
import type { EngineExecution, EngineTransport } from "./transport.ts";

const source = { type: "INVOICE", id: 7 } as const;
const account = { id: "42", currency: "LRD" };
const SESSION_TTL_MS = 15 * 60_000;

type ExecuteMode =
  | "ok"
  | "lost_response"
  | "dropped"
  | "session_expired"
  | "refused"
  | "three_ds"
  | "hang";

function deferred<T = void>() {
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
class FakeDollr implements EngineTransport {
  readonly executions = new Map<
    string,
    { payload: ExecutePayload; createdAt: number; status: string; needsAction: boolean }
  >();
  readonly executeBodies: ExecutePayload[] = [];
  readonly statusCalls: number[] = [];
  readonly sessions: { id: string; expiresAt: number }[] = [];
  executeModes: ExecuteMode[] = [];
  statusFailures: DollrKitError[] = [];
  processingMs = 10_000;
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
    const session = {
      id: String(this.sessions.length + 100),
      expiresAt: this.clock.now() + SESSION_TTL_MS,
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

  async getCollectionStatus(referenceId: string) {
    this.statusCalls.push(this.clock.now());
    const failure = this.statusFailures.shift();
    if (failure) throw failure;
    return this.view(referenceId);
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Moves the shared clock `ms` forward, letting every promise settle between timers. */
async function run(clock: ManualClock, ms: number) {
  const until = clock.now() + ms;
  await flush();
  for (let next = clock.nextAt(); next !== null && next <= until; next = clock.nextAt()) {
    clock.runNext();
    await flush();
  }
  clock.advance(until - clock.now());
  await flush();
}

interface Setup {
  clock: ManualClock;
  storage: MemoryStorage;
  locks: EngineLocks;
  dollr: FakeDollr;
  events: EngineEvent[];
  engine(): CheckoutEngine;
}

function setup(): Setup {
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

function storedAttempts(storage: StorageLike): Attempt[] {
  const ledger = createAttemptLedger({ storage });
  const { open, latest } = ledger.read(source);
  return [open, latest].filter((a): a is Attempt => a !== null);
}

async function payWith(engine: CheckoutEngine) {
  engine.start();
  engine.selectAccount(account);
  await engine.pay();
}

describe("checkout engine", () => {
  it("writes the attempt before the execute, waits through PROCESSING, and succeeds", async () => {
    const t = setup();
    const engine = t.engine();
    engine.start();
    expect(engine.getState().kind).toBe("selecting");
    engine.selectAccount(account);
    const paying = engine.pay();
    expect(engine.getState().kind).toBe("creating_session");
    await paying;
    expect(t.dollr.executeBodies).toHaveLength(1);
    expect(t.dollr.storageSeen).toEqual([true]);
    const [body] = t.dollr.executeBodies;
    expect(body).toMatchObject({ session_id: "100", payment_account_id: "42", currency: "LRD" });
    expect(engine.getState().kind).toBe("processing");

    await run(t.clock, t.dollr.processingMs + 3_000);
    expect(engine.getState()).toMatchObject({
      kind: "succeeded",
      execution: { raw: "COMPLETED", state: "succeeded" },
    });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "succeeded" });
    // No more requests once final.
    const calls = t.dollr.statusCalls.length;
    await run(t.clock, 60_000);
    expect(t.dollr.statusCalls).toHaveLength(calls);
  });

  it("shows a failure Dollr reports as declined", async () => {
    const t = setup();
    t.dollr.outcome = "FAILED";
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 15_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "declined" });
  });

  it("sends one execute for a double click and for StrictMode's start/stop/start", async () => {
    const t = setup();
    const engine = t.engine();
    engine.start();
    engine.stop();
    engine.start();
    engine.selectAccount(account);
    await Promise.all([engine.pay(), engine.pay(), engine.pay()]);
    expect(t.dollr.executeBodies).toHaveLength(1);
    expect(t.events.filter((e) => e.type === "command_ignored")).toHaveLength(2);
    engine.stop();
    engine.start();
    engine.start();
    await run(t.clock, 5_000);
    // One polling loop, not two: checks at 0 (restart) then 2 s, 4 s.
    expect(t.dollr.statusCalls.length).toBeLessThanOrEqual(4);
  });

  it("resumes the wait after a reload, without a second execute", async () => {
    const t = setup();
    const first = t.engine();
    t.dollr.processingMs = 120_000;
    await payWith(first);
    await run(t.clock, 30_000);
    first.dispose();

    const reloaded = t.engine();
    reloaded.start();
    expect(reloaded.getState()).toMatchObject({ kind: "processing" });
    await run(t.clock, 100_000);
    expect(reloaded.getState().kind).toBe("succeeded");
    expect(t.dollr.executeBodies).toHaveLength(1);
  });

  it("after a reload shows a finished payment as it finished", async () => {
    const t = setup();
    const first = t.engine();
    await payWith(first);
    await run(t.clock, 15_000);
    first.dispose();
    const reloaded = t.engine();
    reloaded.start();
    expect(reloaded.getState().kind).toBe("succeeded");
    await reloaded.pay();
    expect(t.dollr.executeBodies).toHaveLength(1);
  });

  it("verifies a lost response through status with the same id, and never re-executes", async () => {
    const t = setup();
    t.dollr.executeModes = ["lost_response"];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "verifying", cause: "ambiguous_execute" });
    await run(t.clock, 15_000);
    expect(engine.getState().kind).toBe("succeeded");
    expect(t.dollr.executeBodies).toHaveLength(1);
  });

  it("proves a dropped execute did not land only after the grace window, then replays the same id", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, NOT_LANDED_GRACE_MS - 1_000);
    expect(engine.getState().kind).toBe("verifying");
    await run(t.clock, 5_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "not_landed" });
    expect(t.dollr.executeBodies).toHaveLength(1);

    await engine.retry();
    expect(t.dollr.executeBodies).toHaveLength(2);
    const [first, second] = t.dollr.executeBodies;
    expect(second).toEqual(first);
    expect(t.dollr.sessions).toHaveLength(1);
    await run(t.clock, 15_000);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("retries with a new session and a new id once the old session is dead", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 60_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    t.clock.advance(SESSION_TTL_MS);
    await engine.retry();
    const [first, second] = t.dollr.executeBodies;
    expect(second?.reference_id).not.toBe(first?.reference_id);
    expect(second?.session_id).not.toBe(first?.session_id);
    await run(t.clock, 15_000);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("follows an execute that landed late instead of paying again on retry", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 60_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    // The request reached Dollr after all (it was delayed past the grace window).
    const [body] = t.dollr.executeBodies;
    if (!body) throw new Error("no execute");
    t.dollr.executions.set(body.reference_id, {
      payload: body,
      createdAt: t.clock.now(),
      status: "PROCESSING",
      needsAction: false,
    });
    t.clock.advance(SESSION_TTL_MS);
    await engine.retry();
    expect(t.dollr.executeBodies).toHaveLength(1);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("still notices an execute that lands after the verdict, and follows it", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 40_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    const [body] = t.dollr.executeBodies;
    if (!body) throw new Error("no execute");
    t.dollr.executions.set(body.reference_id, {
      payload: body,
      createdAt: t.clock.now(),
      status: "PROCESSING",
      needsAction: false,
    });
    await run(t.clock, 60_000);
    expect(engine.getState().kind).toBe("succeeded");
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "succeeded" });
    expect(t.dollr.executeBodies).toHaveLength(1);
  });

  it("stops looking for a late landing after the last scheduled check", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 40_000);
    const calls = t.dollr.statusCalls.length;
    await run(t.clock, 60 * 60_000);
    expect(t.dollr.statusCalls.length - calls).toBe(4);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
  });

  it("on a dead session asks the customer, then uses a new session and a new id", async () => {
    const t = setup();
    t.dollr.executeModes = ["session_expired"];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "recoverable", reason: "session_expired" });
    await run(t.clock, 60_000);
    expect(t.dollr.executeBodies).toHaveLength(1);
    await engine.checkAgain();
    const [first, second] = t.dollr.executeBodies;
    expect(second?.reference_id).not.toBe(first?.reference_id);
    expect(second?.session_id).not.toBe(first?.session_id);
  });

  it("closes a refused execute as not landed and shows it as rejected", async () => {
    const t = setup();
    t.dollr.executeModes = ["refused"];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({
      kind: "failed",
      reason: "rejected",
      error: { code: "VALIDATION" },
    });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "not_landed" });
  });

  it("runs 3D Secure in the UI and still waits for Dollr's word", async () => {
    const t = setup();
    t.dollr.executeModes = ["three_ds"];
    const engine = t.engine();
    await payWith(engine);
    const state = engine.getState();
    expect(state).toMatchObject({ kind: "requires_action" });
    if (state.kind !== "requires_action") return;
    expect(state.clientSecret).toMatch(/^pi_.+_secret_/);
    engine.beginAuthentication();
    expect(engine.getState().kind).toBe("authenticating");
    engine.authenticationFinished("succeeded");
    expect(engine.getState().kind).toBe("processing");
    await run(t.clock, 5_000);
    // Stripe said yes but Dollr has not moved: still processing.
    expect(engine.getState().kind).toBe("processing");
    t.dollr.authenticate(state.attempt.referenceId);
    await run(t.clock, 3_000);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("shows the 3D Secure step again after a reload", async () => {
    const t = setup();
    t.dollr.executeModes = ["three_ds"];
    const first = t.engine();
    await payWith(first);
    first.dispose();
    const reloaded = t.engine();
    reloaded.start();
    await run(t.clock, 100);
    expect(reloaded.getState()).toMatchObject({ kind: "requires_action" });
  });

  it("expires at the cap without failing, within the request budget, and can check again", async () => {
    const t = setup();
    t.dollr.outcome = "PROCESSING";
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, POLL_CAP_MS + 60_000);
    expect(engine.getState()).toMatchObject({ kind: "expired", answerSeen: true });
    expect(t.dollr.statusCalls.length).toBeLessThanOrEqual(60);
    t.dollr.outcome = "COMPLETED";
    await engine.checkAgain();
    await run(t.clock, 100);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("turns recoverable after repeated status failures and recovers on its own", async () => {
    const t = setup();
    t.dollr.processingMs = 60_000;
    const engine = t.engine();
    await payWith(engine);
    t.dollr.statusFailures = [1, 2, 3, 4].map(
      () => new DollrKitError("SERVER", "HTTP 503", { status: 503 }),
    );
    await run(t.clock, 20_000);
    expect(engine.getState()).toMatchObject({ kind: "recoverable", reason: "network" });
    await run(t.clock, 60_000);
    expect(engine.getState().kind).toBe("succeeded");
  });

  it("honours Retry-After on a rate-limited status check", async () => {
    const t = setup();
    t.dollr.processingMs = 60_000;
    const engine = t.engine();
    await payWith(engine);
    t.dollr.statusFailures = [
      new DollrKitError("RATE_LIMITED", "HTTP 429", { status: 429, retryAfterMs: 20_000 }),
    ];
    await run(t.clock, 2_000);
    const limitedAt = t.dollr.statusCalls.at(-1) ?? 0;
    await run(t.clock, 25_000);
    expect(t.dollr.statusCalls.find((at) => at > limitedAt)).toBe(limitedAt + 20_000);
  });

  it("never sends anything after a cancel while the session was being made", async () => {
    const t = setup();
    const gate = deferred();
    t.dollr.sessionGate = gate.promise;
    const engine = t.engine();
    engine.start();
    engine.selectAccount(account);
    const paying = engine.pay();
    engine.cancel();
    expect(engine.getState()).toMatchObject({ kind: "selecting", account });
    gate.resolve();
    await paying;
    expect(t.dollr.executeBodies).toHaveLength(0);
    expect(storedAttempts(t.storage)).toHaveLength(0);
  });

  it("refuses cancel once money may move", async () => {
    const t = setup();
    const engine = t.engine();
    await payWith(engine);
    engine.cancel();
    expect(engine.getState().kind).toBe("processing");
  });

  it("lets only one of two tabs execute, and the other follows it", async () => {
    const t = setup();
    const tabA = t.engine();
    const tabB = t.engine();
    tabA.start();
    tabB.start();
    tabA.selectAccount(account);
    tabB.selectAccount({ id: "43", currency: "USD" });
    await Promise.all([tabA.pay(), tabB.pay()]);
    await run(t.clock, 2_000);
    expect(t.dollr.executeBodies).toHaveLength(1);
    expect(tabB.getState().kind).toMatch(/processing|verifying/);
    await run(t.clock, 15_000);
    expect(tabA.getState().kind).toBe("succeeded");
    expect(tabB.getState().kind).toBe("succeeded");
  });

  it("a tab sitting on the picker follows the payment another tab starts", async () => {
    const t = setup();
    const tabA = t.engine();
    const tabB = t.engine();
    tabB.start();
    await payWith(tabA);
    expect(tabB.getState().kind).toMatch(/processing|verifying/);
    await run(t.clock, 15_000);
    expect(tabB.getState().kind).toBe("succeeded");
  });

  it("does not conclude 'not landed' while an execute is still in flight elsewhere", async () => {
    const t = setup();
    t.dollr.executeModes = ["hang"];
    const first = t.engine();
    void payWith(first);
    await flush();
    first.dispose();
    const reloaded = t.engine();
    reloaded.start();
    expect(reloaded.getState().kind).toBe("verifying");
    await run(t.clock, 5 * 60_000);
    expect(reloaded.getState().kind).not.toBe("failed");
    t.dollr.hung?.();
    // Five minutes in, the schedule checks once a minute.
    await run(t.clock, 75_000);
    expect(reloaded.getState().kind).toBe("succeeded");
    expect(t.dollr.executeBodies).toHaveLength(1);
  });

  it("sends nothing when storage refuses the attempt", async () => {
    const t = setup();
    const broken: StorageLike = {
      getItem: (key) => t.storage.getItem(key),
      removeItem: (key) => t.storage.removeItem(key),
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const engine = createCheckoutEngine({
      transport: t.dollr,
      source,
      storage: broken,
      clock: t.clock,
      locks: t.locks,
    });
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "storage_unavailable" });
    expect(t.dollr.executeBodies).toHaveLength(0);
  });

  it("reports through onEvent without personal data", async () => {
    const t = setup();
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 15_000);
    const kinds = new Set(t.events.map((e) => e.type));
    expect([...kinds]).toEqual(
      expect.arrayContaining(["transition", "execute_sent", "execute_settled", "status_checked"]),
    );
    const text = JSON.stringify(t.events);
    expect(text).not.toContain("payment_account_id");
    expect(text).not.toMatch(/2318800000\d\d/);
  });

  it("notifies subscribers on each change and stops after dispose", async () => {
    const t = setup();
    const engine = t.engine();
    const seen: string[] = [];
    const unsubscribe = engine.subscribe(() => seen.push(engine.getState().kind));
    engine.start();
    engine.selectAccount(account);
    expect(seen).toEqual(["selecting", "selecting"]);
    unsubscribe();
    engine.dispose();
    await engine.pay();
    expect(t.dollr.executeBodies).toHaveLength(0);
  });
});
