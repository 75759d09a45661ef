import { describe, expect, it } from "vitest";
import { DollrKitError } from "../errors.ts";
import { account, payWith, run, setup, storedAttempts } from "../testing/engine-harness.ts";
import { NOT_LANDED_GRACE_MS, POLL_CAP_MS } from "./polling.ts";

/** The attempt another device holds the source with. */
const OTHER = "5c2e8a10-3b4d-4e6f-8a9b-0c1d2e3f4a5b";

const sourceBusy = (referenceId = OTHER, status: string | null = "PROCESSING") =>
  new DollrKitError("SOURCE_BUSY", "A payment for this source is already in progress (HTTP 409)", {
    status: 409,
    definite: true,
    sourceConflict: { kind: "busy", referenceId, status },
  });

const readsOf = (t: ReturnType<typeof setup>, referenceId: string) =>
  t.dollr.statusReads.filter((read) => read.referenceId === referenceId);

describe("busy: another device holds the source", () => {
  it("follows the named attempt by status and says already paid when it succeeds", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({
      kind: "busy",
      holder: { referenceId: OTHER, status: "PROCESSING" },
      account,
    });
    await run(t.clock, 10_000);
    expect(engine.getState()).toMatchObject({ kind: "busy", execution: { raw: "PROCESSING" } });
    expect(readsOf(t, OTHER).length).toBeGreaterThan(1);
    // Through the proxy, naming the source: the other device's attempt is visible that way.
    expect(readsOf(t, OTHER)[0]?.source).toEqual({ source_type: "INVOICE", source_id: 7 });

    t.dollr.plant(OTHER, "COMPLETED");
    await run(t.clock, 3_000);
    expect(engine.getState()).toMatchObject({
      kind: "already_paid",
      referenceId: OTHER,
      execution: { raw: "COMPLETED" },
    });
    expect(t.dollr.executeBodies).toHaveLength(0);
    expect(storedAttempts(t.storage)).toHaveLength(0);
    expect(t.events).toContainEqual({
      type: "status_checked",
      referenceId: OTHER,
      outcome: "answered",
      status: "COMPLETED",
    });
    // Final: no more checks, no payment.
    const checks = t.dollr.statusCalls.length;
    await run(t.clock, 60_000);
    expect(t.dollr.statusCalls).toHaveLength(checks);
    await engine.pay();
    expect(t.dollr.executeBodies).toHaveLength(0);
  });

  it("goes back to the picker, with the account and a notice, when the other payment fails", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    t.dollr.plant(OTHER, "FAILED");
    await run(t.clock, 3_000);
    expect(engine.getState()).toEqual({ kind: "selecting", account, notice: "source_free" });
    // Pay now works: the source is free.
    await engine.pay();
    expect(t.dollr.executeBodies).toHaveLength(1);
    expect(engine.getState().kind).toBe("processing");
  });

  it("frees the source only after 404s through the grace window since the proxy named it", async () => {
    const t = setup();
    t.dollr.sessionErrors = [sourceBusy(OTHER, null)];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, NOT_LANDED_GRACE_MS - 1_000);
    expect(engine.getState()).toMatchObject({ kind: "busy" });
    expect(readsOf(t, OTHER).length).toBeGreaterThanOrEqual(2);
    await run(t.clock, 5_000);
    expect(engine.getState()).toMatchObject({ kind: "selecting", notice: "source_free" });
  });

  it("follows a payment that lands within the grace window instead of freeing the source", async () => {
    const t = setup();
    t.dollr.sessionErrors = [sourceBusy(OTHER, null)];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 20_000);
    t.dollr.plant(OTHER, "PROCESSING");
    await run(t.clock, 60_000);
    expect(engine.getState()).toMatchObject({ kind: "busy", execution: { raw: "PROCESSING" } });
  });

  it("handles failed checks like its own waits: backs off, turns recoverable, recovers", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 100);
    t.dollr.statusFailures = [1, 2, 3].map(
      () => new DollrKitError("SERVER", "HTTP 503", { status: 503 }),
    );
    await run(t.clock, 6_000);
    expect(engine.getState()).toMatchObject({ kind: "busy", consecutiveErrors: 2 });
    await run(t.clock, 6_000);
    expect(engine.getState()).toMatchObject({
      kind: "recoverable",
      reason: "network",
      resume: { kind: "busy" },
    });
    // Checks go on behind it (backing off); the next answer ends it.
    await run(t.clock, 20_000);
    expect(engine.getState()).toMatchObject({ kind: "busy", consecutiveErrors: 0 });
  });

  it("honours Retry-After on a rate-limited check", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 100);
    t.dollr.statusFailures = [
      new DollrKitError("RATE_LIMITED", "HTTP 429", { status: 429, retryAfterMs: 20_000 }),
    ];
    await run(t.clock, 2_000);
    const limitedAt = t.dollr.statusCalls.at(-1) ?? 0;
    await run(t.clock, 25_000);
    expect(t.dollr.statusCalls.find((at) => at > limitedAt)).toBe(limitedAt + 20_000);
  });

  it("stops at the polling cap (no more checks) and checks again when asked", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, POLL_CAP_MS + 60_000);
    expect(engine.getState()).toMatchObject({ kind: "busy", stalled: true });
    expect(t.dollr.statusCalls.length).toBeLessThanOrEqual(60);
    const checks = t.dollr.statusCalls.length;
    await run(t.clock, 10 * 60_000);
    expect(t.dollr.statusCalls).toHaveLength(checks);
    t.dollr.plant(OTHER, "SUCCESSFUL");
    await engine.checkAgain();
    await run(t.clock, 100);
    expect(engine.getState()).toMatchObject({ kind: "already_paid", referenceId: OTHER });
  });

  it("pauses its checks on stop() and resumes them on start()", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.sessionErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 100);
    engine.stop();
    const checks = t.dollr.statusCalls.length;
    await run(t.clock, 60_000);
    expect(t.dollr.statusCalls).toHaveLength(checks);
    engine.start();
    await run(t.clock, 100);
    expect(t.dollr.statusCalls).toHaveLength(checks + 1);
  });

  it("at execute time: closes its own attempt (nothing was sent) and follows the other one", async () => {
    const t = setup();
    t.dollr.plant(OTHER, "PROCESSING");
    t.dollr.executeModes = ["error"];
    t.dollr.executeErrors = [sourceBusy()];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "busy", account });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "not_landed" });
    expect(t.events).toContainEqual(
      expect.objectContaining({ type: "execute_settled", outcome: "source_busy" }),
    );
    t.dollr.plant(OTHER, "COMPLETED");
    await run(t.clock, 3_000);
    expect(engine.getState()).toMatchObject({ kind: "already_paid", referenceId: OTHER });
  });

  it("at execute time, when the proxy names this very attempt: verifies it, never closes it", async () => {
    const t = setup();
    t.dollr.executeModes = ["error"];
    t.dollr.executeErrors = [(body) => sourceBusy(body.reference_id)];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toMatchObject({ kind: "verifying", cause: "ambiguous_execute" });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "open" });
  });

  it("follows an attempt of its own that the proxy still holds, as its own, when it turns out landed", async () => {
    const t = setup();
    t.dollr.executeModes = ["dropped"];
    t.dollr.sessionTtlMs = 2 * 60_000;
    const engine = t.engine();
    await payWith(engine);
    await run(t.clock, 60_000);
    expect(engine.getState()).toMatchObject({ kind: "failed", reason: "not_landed" });
    const mine = storedAttempts(t.storage)[0]?.referenceId ?? "";
    // The session is gone; the proxy still holds the old attempt (unresolved) and names it.
    await run(t.clock, 60_000);
    t.dollr.sessionErrors = [sourceBusy(mine, null)];
    await engine.retry();
    expect(engine.getState()).toMatchObject({ kind: "busy", holder: { referenceId: mine } });
    // It reached Dollr after all.
    t.dollr.plant(mine, "PROCESSING");
    await run(t.clock, 3_000);
    expect(engine.getState()).toMatchObject({ kind: "processing", attempt: { referenceId: mine } });
    expect(storedAttempts(t.storage)[0]).toMatchObject({ referenceId: mine, outcome: "open" });
    t.dollr.plant(mine, "COMPLETED");
    // Its wait counts from its first send, two minutes ago: checks every 30 s by now.
    await run(t.clock, 30_000);
    expect(engine.getState().kind).toBe("succeeded");
    expect(storedAttempts(t.storage)[0]).toMatchObject({ outcome: "succeeded" });
    expect(t.dollr.executeBodies).toHaveLength(1);
  });
});

describe("already paid", () => {
  it("is final and not a failure when the proxy says the source is paid", async () => {
    const t = setup();
    t.dollr.sessionErrors = [
      new DollrKitError("ALREADY_PAID", "This source is already paid (HTTP 409)", {
        status: 409,
        definite: true,
        sourceConflict: { kind: "paid", paidAt: "2026-06-01T10:00:00Z" },
      }),
    ];
    const engine = t.engine();
    await payWith(engine);
    expect(engine.getState()).toEqual({
      kind: "already_paid",
      referenceId: null,
      execution: null,
      paidAt: "2026-06-01T10:00:00Z",
    });
    await engine.retry();
    engine.cancel();
    await engine.pay();
    expect(engine.getState().kind).toBe("already_paid");
    expect(t.dollr.executeBodies).toHaveLength(0);
    expect(t.dollr.statusCalls).toHaveLength(0);
  });
});
