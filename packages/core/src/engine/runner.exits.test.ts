// The ways out of states that used to be dead ends, and the engine's lifecycle: each test here
// failed against the engine before the one-poller rework.
import { describe, expect, it } from "vitest";
import {
  account,
  deferred,
  payWith,
  run,
  SESSION_TTL_MS,
  setup,
  source,
  storedAttempts,
} from "../testing/engine-harness.ts";
import { createAttemptLedger, LEDGER_KEY_PREFIX } from "./ledger.ts";
import { collectSettledRecords, SETTLED_RECORD_TTL_MS } from "./ledger-collect.ts";
import { POLL_CAP_MS } from "./polling.ts";
import { createCheckoutEngine } from "./runner.ts";
import { clockStatusWatcher, type StatusWatchSpec } from "./status-watch.ts";
import { createMemoryStorage } from "./storage.ts";

const referenceOf = (state: { kind: string }) =>
  (state as { attempt?: { referenceId: string } }).attempt?.referenceId ?? "";

describe("3D Secure that cannot run", () => {
  it("keeps following Dollr's status: an EXPIRED ends the wait instead of a dead end", async () => {
    const t = setup();
    t.dollr.executeModes = ["three_ds"];
    const engine = t.engine();
    await payWith(engine);
    const state = engine.getState();
    expect(state.kind).toBe("requires_action");
    const execution = t.dollr.executions.get(referenceOf(state));
    if (execution) execution.status = "EXPIRED";
    await run(t.clock, 10_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "declined" });
  });

  it("lets the customer use another method once the session has expired, not before", async () => {
    const t = setup();
    t.dollr.executeModes = ["three_ds"];
    const engine = t.engine();
    await payWith(engine);
    const first = referenceOf(engine.getState());

    await engine.useAnotherMethod();
    const refused = engine.getState();
    expect(refused).toMatchObject({ kind: "requires_action" });
    expect((refused as { leaveRefusedUntil?: number }).leaveRefusedUntil).toBe(
      t.dollr.sessions[0]?.expiresAt,
    );
    expect(t.events).toContainEqual(expect.objectContaining({ type: "leave_refused" }));

    await run(t.clock, SESSION_TTL_MS);
    await engine.useAnotherMethod();
    expect(engine.getState()).toMatchObject({ kind: "selecting", notice: "attempt_left" });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ referenceId: first, outcome: "left" });

    engine.selectAccount(account);
    await engine.pay();
    expect(t.dollr.executeBodies).toHaveLength(2);
    expect(t.dollr.executeBodies[1]?.reference_id).not.toBe(first);
  });
});

describe("a wait with no final status", () => {
  it("processing can be left only after the session expired and a last status check", async () => {
    const t = setup();
    t.dollr.outcome = "PROCESSING";
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 60_000);
    await engine.useAnotherMethod();
    expect(engine.getState().kind).toBe("processing");

    await run(t.clock, POLL_CAP_MS);
    expect(engine.getState().kind).toBe("expired");
    // The polling cap alone proves nothing: the session (15 min) still lives.
    await engine.useAnotherMethod();
    expect(engine.getState().kind).toBe("expired");

    await run(t.clock, SESSION_TTL_MS);
    const checks = t.dollr.statusCalls.length;
    await engine.useAnotherMethod();
    expect(t.dollr.statusCalls.length).toBe(checks + 1);
    expect(engine.getState()).toMatchObject({ kind: "selecting", notice: "attempt_left" });
  });

  it("a left payment that completes later is shown as paid (mobile money outlives its session)", async () => {
    const t = setup();
    t.dollr.outcome = "PROCESSING";
    const engine = t.engine();
    await payWith(engine);
    const first = referenceOf(engine.getState());
    await run(t.clock, SESSION_TTL_MS + 1_000);
    await engine.useAnotherMethod();
    expect(engine.getState()).toMatchObject({ kind: "selecting", notice: "attempt_left" });
    // The payer approves on the phone after all.
    const execution = t.dollr.executions.get(first);
    if (execution) execution.status = "COMPLETED";
    if (execution) execution.fixed = true;
    await run(t.clock, 20_000);
    expect(engine.getState()).toMatchObject({ kind: "succeeded", attempt: { referenceId: first } });
  });

  it("a final status found on leaving is shown, not left", async () => {
    const t = setup();
    t.dollr.outcome = "PROCESSING";
    const engine = t.engine();
    await payWith(engine);
    const execution = t.dollr.executions.get(referenceOf(engine.getState()));
    if (execution) execution.status = "COMPLETED";
    if (execution) execution.fixed = true;
    await engine.useAnotherMethod();
    expect(engine.getState().kind).toBe("succeeded");
  });
});

describe("an attempt record the ledger cannot read", () => {
  it("checks the reference ids in it by status before any new attempt", async () => {
    const t = setup();
    const lost = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
    t.dollr.plant(lost, "COMPLETED");
    const ledger = createAttemptLedger({ storage: t.storage });
    t.storage.setItem(ledger.keyOf(source), `{"v":2,"attempts":[{"referenceId":"${lost}"}]}`);
    const engine = t.engine();
    engine.start();
    expect(engine.getState().kind).toBe("verifying");
    await run(t.clock, 1);
    expect(t.dollr.statusReads.map((read) => read.referenceId)).toContain(lost);
    expect(engine.getState().kind).toBe("succeeded");
    expect(t.dollr.executeBodies).toHaveLength(0);
  });
});

describe("lifecycle", () => {
  it("an engine stopped while another tab held the source's lock never pays later", async () => {
    const t = setup();
    const held = deferred();
    const holding = t.locks.tryWithLock(`dollr-kit:v1:source:${source.type}:${source.id}`, () =>
      held.promise.then(() => true),
    );
    const engine = t.engine();
    await payWith(engine);
    expect(t.events).toContainEqual({ type: "source_busy" });
    engine.stop(); // the component unmounted
    held.resolve();
    await holding;
    await run(t.clock, 30_000);
    expect(t.dollr.sessions).toHaveLength(0);
    expect(t.dollr.executeBodies).toHaveLength(0);
  });

  it("tells the host of an outcome once, across engines (a reload, another tab)", async () => {
    const t = setup();
    const first = t.engine();
    await payWith(first);
    await run(t.clock, t.dollr.processingMs + 3_000);
    const referenceId = referenceOf(first.getState());
    expect(first.claimOutcomeNotice(referenceId)).toBe(true);
    expect(first.claimOutcomeNotice(referenceId)).toBe(false);
    first.dispose();
    const reloaded = t.engine();
    reloaded.start();
    expect(reloaded.getState().kind).toBe("succeeded");
    expect(reloaded.claimOutcomeNotice(referenceId)).toBe(false);
  });

  it("waits through the watcher it is given, not its own timers", async () => {
    const t = setup();
    const specs: StatusWatchSpec[] = [];
    const engine = createCheckoutEngine({
      transport: t.dollr,
      source,
      storage: t.storage,
      clock: t.clock,
      locks: t.locks,
      statusWatcher: (spec) => {
        specs.push(spec);
        return { refetch: () => {}, close: () => {} };
      },
    });
    await payWith(engine);
    await run(t.clock, 60_000);
    expect(t.dollr.statusCalls).toHaveLength(0);
    expect(specs.map((spec) => spec.referenceId)).toEqual([referenceOf(engine.getState())]);
    const answer = await specs[0]?.read();
    expect(answer?.status).toBe("COMPLETED");
    expect(engine.getState().kind).toBe("succeeded");
    expect(specs[0]?.nextDelay()).toBeNull();
  });

  it("looks at a not-landed or left attempt later through the same watcher (one poller)", async () => {
    const t = setup();
    const watched: { referenceId: string; firstDelayMs: number }[] = [];
    const own = clockStatusWatcher(t.clock);
    const engineWith = () =>
      createCheckoutEngine({
        transport: t.dollr,
        source,
        storage: t.storage,
        clock: t.clock,
        locks: t.locks,
        statusWatcher: (spec, firstDelayMs) => {
          watched.push({ referenceId: spec.referenceId, firstDelayMs });
          return own(spec, firstDelayMs);
        },
      });
    // Not landed: the verdict's late looks are a watch of that reference id, 15 s after it.
    t.dollr.executeModes = ["dropped"];
    const lost = engineWith();
    await payWith(lost);
    await run(t.clock, 40_000);
    expect(lost.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    const lostId = referenceOf(lost.getState());
    expect(watched.at(-1)).toEqual({ referenceId: lostId, firstDelayMs: 15_000 });
    lost.dispose();

    // Left after its session: later looks through the watcher find it paid.
    watched.length = 0;
    t.dollr.outcome = "PROCESSING";
    const left = engineWith();
    await payWith(left);
    const first = referenceOf(left.getState());
    await run(t.clock, SESSION_TTL_MS + 1_000);
    await left.useAnotherMethod();
    expect(left.getState()).toMatchObject({ kind: "selecting", notice: "attempt_left" });
    expect(watched.filter((watch) => watch.referenceId === first)).toHaveLength(2);
    const execution = t.dollr.executions.get(first);
    if (execution) Object.assign(execution, { status: "COMPLETED", fixed: true });
    await run(t.clock, 20_000);
    expect(left.getState()).toMatchObject({ kind: "succeeded", attempt: { referenceId: first } });
  });

  it("reports a status word it cannot classify once, and keeps waiting", async () => {
    const t = setup();
    t.dollr.outcome = "PROCESSING";
    const engine = t.engine();
    await payWith(engine);
    const execution = t.dollr.executions.get(referenceOf(engine.getState()));
    if (execution) execution.status = "AUTHORISED";
    await run(t.clock, 20_000);
    expect(t.events.filter((event) => event.type === "unknown_status_word")).toEqual([
      {
        type: "unknown_status_word",
        referenceId: referenceOf(engine.getState()),
        status: "AUTHORISED",
      },
    ]);
    expect(engine.getState().kind).toBe("processing");
  });
});

describe("collecting settled records", () => {
  it("removes records whose attempts all closed long ago, and keeps the rest", () => {
    const storage = createMemoryStorage();
    let now = Date.UTC(2026, 0, 1);
    const ledger = createAttemptLedger({ storage, now: () => now });
    const draft = {
      sessionId: "1",
      sessionExpiresAt: null,
      paymentAccountId: "1",
      currency: "USD",
    };
    const old = ledger.open({ ...draft, source: { type: "INVOICE", id: 1 } });
    ledger.close(old.source, old.referenceId, "succeeded");
    ledger.open({ ...draft, source: { type: "INVOICE", id: 2 } });
    now += SETTLED_RECORD_TTL_MS + 1;
    const recent = ledger.open({ ...draft, source: { type: "INVOICE", id: 3 } });
    ledger.close(recent.source, recent.referenceId, "failed");
    storage.setItem(`${LEDGER_KEY_PREFIX}ORDER:9`, "not json");

    expect(collectSettledRecords(storage, now)).toBe(1);
    const keys = Object.keys(storage.snapshot());
    expect(keys).not.toContain(`${LEDGER_KEY_PREFIX}INVOICE:1`);
    expect(keys).toEqual(
      expect.arrayContaining([
        `${LEDGER_KEY_PREFIX}INVOICE:2`,
        `${LEDGER_KEY_PREFIX}INVOICE:3`,
        `${LEDGER_KEY_PREFIX}ORDER:9`,
      ]),
    );
  });
});
