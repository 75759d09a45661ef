// The reconciler follows cart checkouts' sources (a HOSTED payment has no reference id the proxy
// knows) by GET /v1/status/source, over real HTTP to the simulator on its clock, and tells
// onSettled once per source that became PAID or CANCELED.
import { afterEach, describe, expect, it } from "vitest";
import { createCartCheckout } from "../cart-checkout/cart-checkout.ts";
import { cart, SHOP } from "../cart-checkout/test-support.ts";
import { silentLogger } from "../logging.ts";
import { createMemoryCheckoutStore } from "../stores/checkout-store.ts";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type HarnessOptions,
  newReferenceId,
  PHONES,
} from "../test-support.ts";
import type { SettledEvent } from "./options.ts";
import { sourceWait } from "./sources.ts";
import { type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** A harness with a cart checkout helper and its store, on the harness's simulator. */
async function start(options: HarnessOptions = {}) {
  r = await startReconcilerHarness(options);
  const harness = r;
  const checkouts = options.proxy?.checkouts ?? createMemoryCheckoutStore();
  const helper = createCartCheckout({
    dollr: { baseUrl: harness.dollrUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    checkouts,
    returnOrigins: [SHOP],
    now: () => harness.h.simulator.control.now(),
    logger: silentLogger,
  });
  const hosted = () =>
    helper.create(cart({ mode: "HOSTED", successUrl: `${SHOP}/ok`, cancelUrl: `${SHOP}/cart` }));
  return { harness, checkouts, hosted };
}

/** The customer pays on Dollr's page with a test wallet (a form post, as the page sends it). */
async function payOnPage(url: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ method: "mobile_money", phone: PHONES.succeeds }).toString(),
    redirect: "manual",
  });
}

const sourcesOf = (events: SettledEvent[]) => events.filter((e) => e.kind === "source");

describe("a HOSTED checkout", () => {
  it("is read until PAID, then onSettled hears it once, as a source", async () => {
    const { harness, checkouts, hosted } = await start();
    const made = await hosted();
    const { reconciler, heard } = harness.reconciler({ checkouts });

    const first = await reconciler.runOnce();
    expect(first).toMatchObject({ claimed: 1, sources: 1, checked: 1, answered: 1, settled: 0 });
    const ref = (await checkouts.getCheckoutBySource({
      source_type: "ORDER",
      source_id: made.source.id,
    })) as NonNullable<Awaited<ReturnType<typeof checkouts.getCheckout>>>;
    expect(ref).toMatchObject({ state: "open", status: "ACTIVE", checks: 1, claimedBy: null });
    expect(Date.parse(ref.nextCheckAt ?? "")).toBe(harness.h.simulator.control.now() + 5_000);

    const paid = await payOnPage(made.url as string);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${SHOP}/ok`);
    harness.h.advance(5_000);
    expect(await reconciler.runOnce()).toMatchObject({ checked: 1, settled: 0, notified: 0 });
    harness.h.advance(61_000); // the customer approved on the phone
    await reconciler.runUntilIdle();
    expect(heard.settled).toEqual([
      expect.objectContaining({
        kind: "source",
        orderReference: ref.orderReference,
        referenceId: ref.orderReference,
        source: { source_type: "ORDER", source_id: made.source.id },
        sourceNumber: made.source.number,
        mode: "HOSTED",
        customerId: "alice",
        outcome: "paid",
        status: "PAID",
        total: "11.50",
        currency: "USD",
      }),
    ]);
    expect(await checkouts.getCheckout(ref.orderReference)).toMatchObject({
      state: "paid",
      notifiedAt: expect.any(String),
      claimedBy: null,
    });
    // Nothing more to read, however long it runs.
    const reads = harness.statusReads().length;
    harness.h.advance(24 * 3_600_000);
    expect(await reconciler.runUntilIdle()).toMatchObject({ claimed: 0, checked: 0 });
    expect(harness.statusReads()).toHaveLength(reads);
    expect(heard.settled).toHaveLength(1);
  });

  it("tells a canceled source, and calls a hook that threw again with the same outcome", async () => {
    const { harness, checkouts, hosted } = await start();
    const made = await hosted();
    const canceled = await harness.h.simulator(
      new Request(`http://simulator.test/v1/orders/cancel/${made.source.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${harness.h.simulator.control.issueToken()}` },
      }),
    );
    expect(canceled.status).toBe(200);
    const calls: SettledEvent[] = [];
    const { reconciler, heard } = harness.reconciler({
      checkouts,
      hookRetryMs: 30_000,
      onSettled: (event) => {
        calls.push(event);
        if (calls.length === 1) throw new Error("the shop's database is down");
      },
    });
    expect(await reconciler.runOnce()).toMatchObject({ settled: 1, hookFailures: 1 });
    expect(heard.logs.find((l) => l.message === "reconciler.hook_failed")?.line).not.toMatch(
      /database/,
    );
    harness.h.advance(29_999);
    expect(await reconciler.runOnce()).toMatchObject({ claimed: 0 });
    harness.h.advance(1);
    expect(await reconciler.runOnce()).toMatchObject({ claimed: 1, checked: 0, notified: 1 });
    expect(sourcesOf(calls).map((e) => [e.kind, e.outcome, e.status])).toEqual([
      ["source", "canceled", "CANCELED"],
      ["source", "canceled", "CANCELED"],
    ]);
  });
});

describe("the proxy's reconciler option", () => {
  it("follows the proxy's checkouts too", async () => {
    const checkouts = createMemoryCheckoutStore();
    const events: SettledEvent[] = [];
    const reconciler = { onSettled: (e: SettledEvent) => void events.push(e), autoStart: false };
    const { harness, hosted } = await start({ proxy: { checkouts, reconciler } });
    const made = await hosted();
    expect((await payOnPage(made.url as string)).status).toBe(303);
    harness.h.advance(61_000);
    await harness.h.proxy.reconciler?.runUntilIdle();
    expect(events.map((e) => [e.kind, e.outcome])).toEqual([["source", "paid"]]);
  });
});

describe("a DIRECT checkout paid through the kit", () => {
  it("is heard as its attempt and as its source", async () => {
    // The shop's authorizeSource lets the customer pay the source made for their cart.
    const { harness, checkouts } = await start({ proxy: { authorizeSource: () => true } });
    const helper = createCartCheckout({
      dollr: { baseUrl: harness.dollrUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      checkouts,
      now: () => harness.h.simulator.control.now(),
      logger: silentLogger,
    });
    const made = await helper.create(cart());
    const source = { source_type: "ORDER" as const, source_id: made.source.id };
    const { reconciler, heard } = harness.reconciler({ checkouts });
    const referenceId = newReferenceId();
    const executed = await harness.h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: await harness.h.session("alice", source),
        payment_account_id: await harness.h.wallet("alice"),
        currency: "USD",
        reference_id: referenceId,
      },
    });
    expect(executed.status).toBe(200);
    harness.h.advance(61_000);
    await reconciler.runUntilIdle();
    const orderReference = (await checkouts.getCheckoutBySource(source))?.orderReference;
    expect(heard.settled.map((e) => `${e.kind} ${e.referenceId} ${e.outcome}`).sort()).toEqual(
      [`attempt ${referenceId} succeeded`, `source ${orderReference} paid`].sort(),
    );
  });
});

it("reads a source unpaid for a day at most hourly", () => {
  const config = {
    schedule: [5_000, 600_000],
    sourceSlowAfterMs: 86_400_000,
    sourceSlowEveryMs: 3_600_000,
  };
  const createdAt = "2030-01-01T00:00:00.000Z";
  const t0 = Date.parse(createdAt);
  expect(sourceWait({ createdAt }, 1, t0 + 1_000, config)).toBe(5_000);
  expect(sourceWait({ createdAt }, 9, t0 + 86_399_999, config)).toBe(600_000);
  expect(sourceWait({ createdAt }, 9, t0 + 86_400_000, config)).toBe(3_600_000);
});
