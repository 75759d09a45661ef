import { describe, expect, it } from "vitest";
import { DollrKitError } from "../errors.ts";
import {
  account,
  deferred,
  flush,
  payWith,
  run,
  SESSION_TTL_MS,
  setup,
  source,
  storedAttempts,
} from "../testing/engine-harness.ts";
import { NOT_LANDED_GRACE_MS, POLL_CAP_MS } from "./polling.ts";
import { createCheckoutEngine } from "./runner.ts";
import type { StorageLike } from "./storage.ts";

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

  it("a declined single-use card, then Try again: asks for the card again within 5 s, never verifying", async () => {
    const t = setup();
    t.dollr.singleUse = true;
    t.dollr.outcome = "FAILED";
    t.dollr.processingMs = 0;
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "declined" });
    const checksBefore = t.dollr.statusCalls.length;
    const pressedAt = t.clock.now();

    void engine.retry();
    let waited = 0;
    while (engine.getState().kind !== "failed" || waited === 0) {
      await run(t.clock, 250);
      waited += 250;
      if (waited > 60_000) break;
    }
    const state = engine.getState();
    expect(state).toMatchObject({
      kind: "failed",
      reason: "card_used",
      error: { code: "CARD_USED" },
    });
    // Actionable at once: well under 5 s of engine time, at most one status check.
    expect(t.clock.now() - pressedAt).toBeLessThan(5_000);
    expect(t.dollr.statusCalls.length - checksBefore).toBeLessThanOrEqual(1);
    expect(t.events).not.toContainEqual(expect.objectContaining({ to: "verifying" }));
    expect(t.events).not.toContainEqual(expect.objectContaining({ type: "not_landed" }));
    expect(t.events).toContainEqual(
      expect.objectContaining({ type: "execute_settled", outcome: "card_used" }),
    );
    // The refused attempt is closed (nothing was sent), so nothing is left open.
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "not_landed" });
    // No loop of refusals: Try again is not offered; another method clears the used card.
    await engine.retry();
    expect(t.dollr.executeBodies).toHaveLength(2);
    expect(t.events.at(-1)).toMatchObject({ type: "command_ignored", command: "retry" });
    engine.cancel();
    expect(engine.getState()).toEqual({ kind: "selecting", account: null });
    // And nothing is checked in the background afterwards.
    const checks = t.dollr.statusCalls.length;
    await run(t.clock, 30 * 60_000);
    expect(t.dollr.statusCalls).toHaveLength(checks);
  });

  it("closes an execute the proxy refused outright (`ambiguous: false`) without verifying it", async () => {
    const t = setup();
    t.dollr.executeModes = ["error"];
    t.dollr.executeErrors = [
      new DollrKitError("SERVER", "The payment could not be recorded, so it was not sent", {
        status: 503,
        definite: true,
      }),
    ];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({
      kind: "failed",
      reason: "rejected",
      error: { code: "SERVER", status: 503 },
    });
    expect(t.dollr.statusCalls).toHaveLength(0);
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "not_landed" });
    // Try again: a new session and a new id, sent at once.
    await engine.retry();
    expect(t.dollr.executeBodies).toHaveLength(2);
    expect(engine.getState().kind).toBe("processing");
  });

  it("still verifies the same refusal when the proxy did not say it was definite", async () => {
    const t = setup();
    t.dollr.executeModes = ["error"];
    t.dollr.executeErrors = [new DollrKitError("SERVER", "HTTP 503", { status: 503 })];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "verifying", cause: "ambiguous_execute" });
  });

  it("names its source in every status check", async () => {
    const t = setup();
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 15_000);
    expect(t.dollr.statusReads.length).toBeGreaterThan(0);
    for (const read of t.dollr.statusReads) {
      expect(read.source).toEqual({ source_type: "INVOICE", source_id: 7 });
    }
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
