// An attempt Dollr never gives a final word for does not hold its source silently forever:
// past the limit (and its session's expiry) it is marked unresolved, the merchant is told once,
// and only the merchant's releaseAttempt frees the source.
import { DollrKitError } from "@dollr-kit/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { PHONES } from "../test-support.ts";
import { type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const MINUTE = 60_000;

describe("an attempt with no final status", () => {
  it("is unresolved past the limit: onUnresolved once, source held until releaseAttempt", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.stays });
    const source = (await r.h.attempts.getAttempt(ref))?.source;
    if (!source) throw new Error("no source recorded");
    // Dollr fails every status read of this payment from now on: no final word ever comes.
    r.h.simulator.control.setFaults({
      faults: [{ kind: "error_500", rate: 1, match: { path: `/v1/status/collection/${ref}` } }],
    });
    const { reconciler, heard } = r.reconciler({ unresolvedAfterMs: 30 * MINUTE });

    r.h.advance(29 * MINUTE);
    await reconciler.runUntilIdle();
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "open",
      status: "PROCESSING",
    });
    expect(heard.logs.some((l) => l.message === "reconciler.read_failed")).toBe(true);

    r.h.advance(2 * MINUTE);
    await reconciler.runUntilIdle();
    expect(heard.unresolved).toEqual([ref]);
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "unresolved",
      notifiedAt: expect.any(String),
      claimedBy: null,
    });
    expect((await r.h.attempts.holdingAttempt(source))?.referenceId).toBe(ref);
    expect(heard.settled).toEqual([]);

    // Still followed up, never told twice.
    const reads = r.statusReads().length;
    r.h.advance(60 * MINUTE);
    await reconciler.runUntilIdle();
    expect(r.statusReads().length).toBeGreaterThan(reads);
    expect(heard.unresolved).toEqual([ref]);

    // The merchant looked, and releases it by hand.
    await expect(reconciler.releaseAttempt(ref, { reason: "phone number +231…" })).rejects.toThrow(
      DollrKitError,
    );
    const released = await reconciler.releaseAttempt(ref, { reason: "checked_with_dollr" });
    expect(released).toMatchObject({ outcome: "released", notifiedAt: null });
    expect(await r.h.attempts.holdingAttempt(source)).toBeNull();
    expect(heard.logs.find((l) => l.message === "reconciler.released")?.fields).toEqual({
      reference_id: ref,
      reason: "checked_with_dollr",
    });
    await reconciler.runUntilIdle();
    expect(heard.settled.map((p) => [p.referenceId, p.outcome, p.source])).toEqual([
      [ref, "released", source],
    ]);
    expect(heard.unresolved).toEqual([ref]);
  });

  it("is not unresolved while its session lives; Dollr's final word then settles it", async () => {
    r = await startReconcilerHarness();
    // PROCESSING until the session's expiry (15 minutes), then EXPIRED.
    const ref = await r.pay({ phone: PHONES.stays });
    const { reconciler, heard } = r.reconciler({ unresolvedAfterMs: 5 * MINUTE });
    for (let minute = 0; minute < 14; minute++) {
      r.h.advance(MINUTE);
      await reconciler.runUntilIdle();
    }
    expect((await r.h.attempts.getAttempt(ref))?.outcome).toBe("open");
    r.h.advance(2 * MINUTE);
    await reconciler.runUntilIdle();
    expect(heard.unresolved).toEqual([]);
    expect(heard.settled.map((p) => [p.outcome, p.status])).toEqual([["failed", "EXPIRED"]]);
  });

  it("releaseAttempt leaves an attempt that is not unresolved as it is, and knows no stranger", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: PHONES.stays });
    const { reconciler } = r.reconciler();
    expect(await reconciler.releaseAttempt(ref, { reason: "too_early" })).toMatchObject({
      outcome: "open",
    });
    expect(await reconciler.releaseAttempt(crypto.randomUUID(), { reason: "x" })).toBeNull();
  });
});
