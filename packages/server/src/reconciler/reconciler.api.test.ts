// The reconciler's surface beside its passes: verifyPayment, the in-process loop, a failing
// store, its log lines, payouts. Over real HTTP to the simulator, on a simulated clock.
import { afterEach, describe, expect, it } from "vitest";
import { PHONES } from "../test-support.ts";
import { type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("verifyPayment", () => {
  it("answers a final record without asking Dollr", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.failsNow });
    const { reconciler } = r.reconciler();
    await reconciler.runUntilIdle();
    const before = r.sent.length;
    expect(await reconciler.verifyPayment(ref)).toMatchObject({
      referenceId: ref,
      outcome: "failed",
      paid: false,
      final: true,
      status: "FAILED",
      from: "record",
    });
    expect(r.sent).toHaveLength(before);
  });

  it("asks Dollr once for an open one, and stores what it said", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    const { reconciler, heard } = r.reconciler();
    expect(await reconciler.verifyPayment(ref)).toMatchObject({
      outcome: "pending",
      paid: false,
      final: false,
      status: "PROCESSING",
      from: "dollr",
    });
    r.h.advance(61_000);
    const verdict = await reconciler.verifyPayment(ref);
    expect(verdict).toMatchObject({ outcome: "succeeded", paid: true, final: true, from: "dollr" });
    expect(verdict.attempt).toMatchObject({ outcome: "succeeded", status: "COMPLETED" });
    expect(r.statusReads()).toHaveLength(2);
    // The hook still hears it, from the next pass.
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => p.outcome)).toEqual(["succeeded"]);
    expect(r.statusReads()).toHaveLength(2);
  });

  it("answers not_found for an id neither the record nor Dollr knows", async () => {
    r = await startReconcilerHarness();
    const { reconciler } = r.reconciler();
    expect(await reconciler.verifyPayment(crypto.randomUUID())).toMatchObject({
      outcome: "not_found",
      final: false,
      attempt: null,
      from: "dollr",
    });
  });
});

describe("the in-process loop", () => {
  it("runs passes until stopped, and stop() does not wait out the pause", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    let heardIt: () => void = () => {};
    const settled = new Promise<void>((resolve) => {
      heardIt = resolve;
    });
    const harness = r;
    const { reconciler, heard } = r.reconciler({
      onSettled: (payment) => {
        heard.settled.push(payment);
        heardIt();
      },
      // Each pause moves the simulated clock: the payment completes after 60 s of pauses.
      pollEveryMs: 10_000,
    });
    reconciler.start();
    reconciler.start(); // a second start is a no-op
    await settled;
    await reconciler.stop();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "succeeded"]]);
    const reads = harness.statusReads().length;
    expect(reads).toBeGreaterThanOrEqual(2);

    // With the real clock and an hour between passes, stop() still returns at once.
    const idle = r.reconciler({ sleep: undefined, now: undefined, pollEveryMs: 3_600_000 });
    idle.reconciler.start();
    await new Promise((resolve) => setImmediate(resolve));
    await idle.reconciler.stop();
    expect(harness.statusReads()).toHaveLength(reads);
  });
});

describe("a store that fails", () => {
  it("fails the pass (logged by the loop), and the next pass picks the work up", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.failsNow });
    const store = r.h.attempts;
    let down = 1;
    let heardIt: () => void = () => {};
    const settled = new Promise<void>((resolve) => {
      heardIt = resolve;
    });
    const { reconciler, heard } = r.reconciler({
      attempts: {
        ...store,
        claimDue: async (options) => {
          if (down-- > 0) throw new Error("connection refused");
          return store.claimDue(options);
        },
      },
      onSettled: (payment) => {
        heard.settled.push(payment);
        heardIt();
      },
    });
    await expect(reconciler.runOnce()).rejects.toThrow("connection refused");
    down = 1;
    reconciler.start();
    await settled;
    await reconciler.stop();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "failed"]]);
    expect(heard.logs.find((l) => l.message === "reconciler.pass_failed")?.fields).toEqual({
      error_name: "Error",
      error_message: "connection refused",
    });
  });
});

describe("what it logs", () => {
  it("carries reference ids and status words only: no secret, token or phone number", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    const lines: string[] = [];
    const logged = r.reconciler({
      logger: {
        isLevelEnabled: () => true,
        debug: (m, f) => lines.push(JSON.stringify({ m, ...f })),
        info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
        warn: (m, f) => lines.push(JSON.stringify({ m, ...f })),
        error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
      },
    }).reconciler;
    r.h.advance(61_000);
    await logged.runUntilIdle();
    const text = lines.join("\n");
    expect(text).toContain(ref);
    expect(text).toContain('"m":"reconciler.settled"');
    expect(text).not.toMatch(/sim_client_secret|Bearer|231880000000|access_token/);
  });
});

describe("a payout", () => {
  it("is read from Dollr's payout status and reported with no source", async () => {
    const passcode = "Zq81xPw3";
    r = await startReconcilerHarness({
      simulator: { payoutPasscode: passcode },
      proxy: { payouts: { enabled: true, authorize: (customer) => customer.id === "alice" } },
    });
    const { h } = r;
    const account = await h.simulator(
      new Request("http://simulator.test/v1/payment-accounts/create?operation_type=PAYOUT", {
        method: "POST",
        headers: {
          authorization: `Bearer ${h.simulator.control.issueToken()}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          account_name: "Supplier",
          provider: "PAWAPAY",
          method: "MTN_MOMO_LBR",
          party_id: h.customers.alice.partyId,
          insensitive_account_number: PHONES.succeeds,
        }),
      }),
    );
    const accountId = ((await account.json()) as { id: number }).id;
    const session = await h.call("POST", "/v1/sessions/payout", {
      json: { payout_account_id: accountId, amount: "5.00", currency: "USD" },
    });
    const ref = crypto.randomUUID();
    const executed = await h.call("POST", "/v1/executions/payout", {
      json: {
        session_id: String(session.json.id),
        payout_account_id: String(accountId),
        reference_id: ref,
        passcode: { code: passcode },
      },
    });
    expect(executed.status).toBe(200);
    h.advance(61_000);
    const { reconciler, heard } = r.reconciler();
    await reconciler.runUntilIdle();
    expect(heard.settled).toEqual([
      expect.objectContaining({ referenceId: ref, operation: "PAYOUT", source: null }),
    ]);
    expect(heard.settled[0]?.outcome).toBe("succeeded");
    expect(r.statusReads().map((s) => s.path)).toEqual([`/v1/status/payout/${ref}`]);
    expect(await reconciler.verifyPayment(ref)).toMatchObject({
      outcome: "succeeded",
      from: "record",
    });
  });
});
