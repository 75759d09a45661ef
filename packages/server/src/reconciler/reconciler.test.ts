// The reconciler follows up payments the browser left behind: over real HTTP to the simulator
// (executes through the proxy, as the kit sends them), on a simulated clock.
import { afterEach, describe, expect, it } from "vitest";
import { PHONES } from "../test-support.ts";
import { type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const EXECUTE = { method: "POST", path: "/v1/executions/collection" } as const;

describe("the browser gone mid-wait", () => {
  it("reads the payment to its end and tells onSettled once, with the source as the key", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    // The browser saw PROCESSING once, then the tab closed.
    const seen = await r.h.call("GET", `/v1/status/collection/${ref}`);
    expect(seen.json.status).toBe("PROCESSING");
    const { reconciler, heard } = r.reconciler();

    const first = await reconciler.runOnce();
    expect(first).toMatchObject({ claimed: 1, checked: 1, settled: 0, notified: 0 });
    expect(heard.settled).toEqual([]);
    const waiting = await r.h.attempts.getAttempt(ref);
    expect(waiting).toMatchObject({ outcome: "open", checks: 1, claimedBy: null });
    expect(Date.parse(waiting?.nextCheckAt ?? "")).toBe(r.h.simulator.control.now() + 5_000);

    r.h.advance(61_000); // the customer approved on the phone
    const second = await reconciler.runOnce();
    expect(second).toMatchObject({ claimed: 1, checked: 1, settled: 1, notified: 1 });
    const source = (await r.h.attempts.getAttempt(ref))?.source;
    expect(heard.settled).toEqual([
      expect.objectContaining({
        referenceId: ref,
        operation: "COLLECTION",
        customerId: "alice",
        source,
        outcome: "succeeded",
        status: "COMPLETED",
      }),
    ]);
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "succeeded",
      notifiedAt: expect.any(String),
      claimedBy: null,
      claimedUntil: null,
    });

    // Nothing more to do, however long it runs.
    r.h.advance(3_600_000);
    expect(await reconciler.runUntilIdle()).toMatchObject({ claimed: 0, checked: 0 });
    expect(heard.settled).toHaveLength(1);
    expect(heard.logs.some((l) => l.message === "reconciler.settled")).toBe(true);
  });

  it("tells onSettled of a failed payment with Dollr's word", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.fails });
    r.h.advance(61_000);
    const { reconciler, heard } = r.reconciler();
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome, p.status])).toEqual([
      [ref, "failed", "FAILED"],
    ]);
  });

  it("only tells onSettled of a payment the browser followed to its end: no read of its own", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    r.h.advance(61_000);
    const seen = await r.h.call("GET", `/v1/status/collection/${ref}`);
    expect(seen.json.status).toBe("COMPLETED");
    const { reconciler, heard } = r.reconciler();
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome, p.status])).toEqual([
      [ref, "succeeded", "COMPLETED"],
    ]);
    expect(r.statusReads()).toEqual([]);
  });

  it("settles from a final word the record already holds, without reading Dollr", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.failsNow });
    const recorded = await r.h.attempts.getAttempt(ref);
    expect(recorded?.status).toBe("FAILED");
    const { reconciler, heard } = r.reconciler();
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "failed"]]);
    expect(r.statusReads()).toEqual([]);
  });
});

describe("an ambiguous execute", () => {
  it("whose answer was lost resolves to landed, then to its outcome", async () => {
    r = await startReconcilerHarness();
    r.h.simulator.control.setFaults({ kind: "lost_response", count: 1, match: EXECUTE });
    const ref = await r.pay();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({ ambiguous: true, status: null });
    const { reconciler, heard } = r.reconciler();
    await reconciler.runOnce();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      ambiguous: false,
      status: "PROCESSING",
      outcome: "open",
    });
    r.h.advance(61_000);
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "succeeded"]]);
  });

  it("that never reached Dollr is not landed at once, and onSettled hears it after the late checks", async () => {
    r = await startReconcilerHarness();
    r.h.simulator.control.setFaults({ kind: "error_500", count: 1, match: EXECUTE });
    const ref = await r.pay();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({ ambiguous: true, status: null });
    const { reconciler, heard } = r.reconciler();

    // A 404 proves nothing until the grace window after the execute ended.
    await reconciler.runOnce();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({ outcome: "open", checks: 1 });
    r.h.advance(60_000);
    await reconciler.runOnce();
    const verdict = await r.h.attempts.getAttempt(ref);
    expect(verdict).toMatchObject({ outcome: "not_landed", notifiedAt: null });
    // The source is free at once: the customer may try again.
    expect(await r.h.attempts.holdingAttempt(verdict?.source as never)).toBeNull();
    const verdictAt = Date.parse(verdict?.settledAt ?? "");
    expect(heard.settled).toEqual([]);

    // Late-landing checks at 1, 3 and 10 minutes; only then onSettled hears not_landed.
    const readsBefore = r.statusReads().length;
    for (const minutes of [1, 3, 10]) {
      r.h.advance(verdictAt + minutes * 60_000 - r.h.simulator.control.now() - 1);
      await reconciler.runUntilIdle();
      expect(heard.settled).toEqual([]);
      r.h.advance(1);
      await reconciler.runUntilIdle();
    }
    const late = r.statusReads().slice(readsBefore);
    expect(late.map((s) => s.at - verdictAt)).toEqual([60_000, 180_000, 600_000]);
    expect(heard.settled.map((p) => [p.referenceId, p.outcome, p.status])).toEqual([
      [ref, "not_landed", null],
    ]);
    r.h.advance(3_600_000);
    await reconciler.runUntilIdle();
    expect(heard.settled).toHaveLength(1);
  });

  it("that lands late after the verdict is reopened and reported with its real outcome", async () => {
    r = await startReconcilerHarness();
    r.h.simulator.control.setFaults({ kind: "error_500", count: 1, match: EXECUTE });
    const ref = await r.pay();
    const attempt = await r.h.attempts.getAttempt(ref);
    const { reconciler, heard } = r.reconciler();
    r.h.advance(60_000);
    await reconciler.runOnce();
    expect((await r.h.attempts.getAttempt(ref))?.outcome).toBe("not_landed");

    // Dollr records the same reference id after all (a late execute, with the same session).
    r.h.advance(30_000);
    const token = r.h.simulator.control.issueToken();
    const late = await fetch(`${r.dollrUrl}/v1/executions/collection`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        session_id: attempt?.sessionId,
        payment_account_id: attempt?.paymentAccountId,
        currency: "USD",
        reference_id: ref,
      }),
    });
    expect(late.status).toBe(200);

    r.h.advance(30_000); // the first late-landing check

    await reconciler.runUntilIdle();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "open",
      status: "PROCESSING",
    });
    r.h.advance(61_000);
    await reconciler.runUntilIdle();
    r.h.advance(3_600_000);
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "succeeded"]]);
    expect(heard.logs.some((l) => l.message === "reconciler.landed_late")).toBe(true);
  });
});

describe("a reconciler stopped between the final status and the notification", () => {
  it("calls a hook that threw again later, with the same key and outcome", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    r.h.advance(61_000);
    const calls: [string, string][] = [];
    let failing = true;
    const { reconciler, heard } = r.reconciler({
      onSettled: (payment) => {
        calls.push([payment.referenceId, payment.outcome]);
        if (failing) throw new Error("the order database is down");
      },
    });
    const first = await reconciler.runOnce();
    expect(first).toMatchObject({ settled: 1, notified: 0, hookFailures: 1 });
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "succeeded",
      notifiedAt: null,
      claimedBy: null,
    });
    const failure = heard.logs.find((l) => l.message === "reconciler.hook_failed");
    expect(failure?.fields).toEqual({ reference_id: ref, hook: "onSettled", error_name: "Error" });

    // Not before hookRetryMs; then again, and no second status read was needed.
    const reads = r.statusReads().length;
    await reconciler.runOnce();
    expect(calls).toHaveLength(1);
    failing = false;
    r.h.advance(30_000);
    await reconciler.runOnce();
    expect(calls).toEqual([
      [ref, "succeeded"],
      [ref, "succeeded"],
    ]);
    expect(r.statusReads()).toHaveLength(reads);
    expect((await r.h.attempts.getAttempt(ref))?.notifiedAt).not.toBeNull();
    r.h.advance(60_000);
    await reconciler.runUntilIdle();
    expect(calls).toHaveLength(2);
  });

  it("after a process that died inside the hook, a restarted one calls it again once its lease ran out", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.fails });
    r.h.advance(61_000);
    const heardBy: Record<string, [string, string, unknown][]> = { a: [], b: [] };
    let entered: () => void = () => {};
    const inHook = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // Instance "a" settles the attempt, then hangs in the hook forever: as good as killed.
    const a = r.reconciler({
      owner: "a",
      leaseMs: 60_000,
      onSettled: (payment) => {
        heardBy.a?.push([payment.referenceId, payment.outcome, payment.source]);
        entered();
        return new Promise<void>(() => {});
      },
    }).reconciler;
    void a.runOnce();
    await inHook;
    const b = r.reconciler({
      owner: "b",
      onSettled: (payment) => {
        heardBy.b?.push([payment.referenceId, payment.outcome, payment.source]);
      },
    }).reconciler;
    expect(await b.runOnce()).toMatchObject({ claimed: 0 }); // a's lease still runs
    r.h.advance(60_000);
    await b.runUntilIdle();
    expect(heardBy.b).toEqual(heardBy.a);
    expect(heardBy.b?.[0]?.[1]).toBe("failed");
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "failed",
      notifiedAt: expect.any(String),
    });
  });
});
