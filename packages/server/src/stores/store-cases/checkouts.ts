/**
 * Conformance cases of a `CheckoutStore` (the fixture's `checkouts`): one order reserved by one
 * caller however many race for it, a dead caller's reservation taken over only after its lease,
 * completion and abandon only by the holder, settlement only from `open`, exclusive claims of
 * what the reconciler must do, and records that round-trip unchanged.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import type { CheckoutRecord, CheckoutStore } from "../checkout-store.ts";
import {
  at,
  check,
  freshSource,
  HOSTILE_STRINGS,
  type StoreCase,
  type StoreFixture,
  same,
  uuid,
  withFixture,
} from "./support.ts";

function storesOf(fixture: StoreFixture): { one: CheckoutStore; two: CheckoutStore } {
  const one = fixture.checkouts;
  check(one !== undefined, "the fixture has no `checkouts` (a CheckoutStore) to check");
  return { one, two: fixture.second?.checkouts ?? one };
}

/** A reservation (`creating`) by `owner` at `at(0)`, its lease 60 s. */
export function checkoutRecord(overrides: Partial<CheckoutRecord> = {}): CheckoutRecord {
  return {
    orderReference: `order-${uuid()}`,
    customerId: "customer-1",
    mode: "HOSTED",
    fingerprint: "f".repeat(64),
    currency: "USD",
    state: "creating",
    source: null,
    sourceNumber: null,
    total: null,
    url: null,
    createdAt: at(0),
    updatedAt: at(0),
    status: null,
    statusCheckedAt: null,
    settledAt: null,
    notifiedAt: null,
    nextCheckAt: null,
    checks: 0,
    claimedBy: "caller-1",
    claimedUntil: at(60_000),
    ...overrides,
  };
}

/** A reserved, then completed (open) checkout. */
async function openCheckout(store: CheckoutStore, overrides: Partial<CheckoutRecord> = {}) {
  const record = checkoutRecord(overrides);
  check((await store.reserveCheckout(record)).reserved, "a new order is reserved");
  const source = freshSource("ORDER");
  const done = await store.completeCheckout(record.orderReference, "caller-1", {
    source,
    sourceNumber: `ORD-${source.source_id}`,
    total: "25.00",
    currency: "USD",
    url: "https://pay.example/p/1",
    status: "ACTIVE",
    at: at(5),
  });
  check(done?.state === "open", "completing a reservation opens it");
  return done;
}

export const CHECKOUT_CASES: readonly StoreCase[] = [
  withFixture(
    "checkouts: 40 callers racing for one order through two instances: one reserves it",
    async (f) => {
      const { one, two } = storesOf(f);
      const orderReference = `order-${uuid()}`;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? one : two).reserveCheckout(
            checkoutRecord({ orderReference, claimedBy: `caller-${i}` }),
          ),
        ),
      );
      const winners = results.filter((r) => r.reserved);
      check(winners.length === 1, `exactly one reservation (got ${winners.length})`);
      const stored = await one.getCheckout(orderReference);
      for (const r of results) {
        if (!r.reserved) same(r.existing, stored, "a loser sees the one reservation");
      }
    },
  ),

  withFixture(
    "checkouts: only the holder completes or abandons; a dead caller's lease is taken over",
    async (f) => {
      const { one, two } = storesOf(f);
      const record = checkoutRecord();
      await one.reserveCheckout(record);
      const created = {
        source: freshSource("ORDER"),
        sourceNumber: "ORD-1",
        total: "9.99",
        currency: "USD",
        url: null,
        status: null,
        at: at(7),
      };
      const stranger = await two.completeCheckout(record.orderReference, "caller-2", created);
      check(stranger?.state === "creating", "another caller cannot complete it");
      await two.abandonCheckout(record.orderReference, "caller-2");
      check((await one.getCheckout(record.orderReference)) !== null, "nor abandon it");
      // Within the lease, a second caller only sees it; once the lease ended, it takes it over.
      const early = await two.reserveCheckout({
        ...record,
        claimedBy: "caller-2",
        createdAt: at(59_999),
      });
      check(!early.reserved, "a running lease is not taken over");
      const late = {
        ...record,
        claimedBy: "caller-2",
        createdAt: at(60_000),
        claimedUntil: at(120_000),
      };
      check((await two.reserveCheckout(late)).reserved, "an ended lease is taken over");
      same(await one.getCheckout(record.orderReference), late, "the new reservation is stored");
      const old = await one.completeCheckout(record.orderReference, "caller-1", created);
      check(old?.claimedBy === "caller-2", "the dead caller can no longer complete it");
      await one.abandonCheckout(record.orderReference, "caller-2");
      check((await one.getCheckout(record.orderReference)) === null, "the holder abandons it");
      check((await one.reserveCheckout(record)).reserved, "an abandoned order is reserved again");
    },
  ),

  withFixture(
    "checkouts: completed and settled records round-trip; settle moves only an open one",
    async (f) => {
      const { one } = storesOf(f);
      const open = await openCheckout(one, {
        customerId: HOSTILE_STRINGS[1] as string,
        fingerprint: HOSTILE_STRINGS[3] as string,
      });
      check(open !== null, "opened");
      same(
        open,
        {
          ...checkoutRecord({
            orderReference: open.orderReference,
            customerId: HOSTILE_STRINGS[1],
            fingerprint: HOSTILE_STRINGS[3],
          }),
          state: "open",
          source: open.source,
          sourceNumber: `ORD-${open.source?.source_id}`,
          total: "25.00",
          url: "https://pay.example/p/1",
          status: "ACTIVE",
          statusCheckedAt: at(5),
          updatedAt: at(5),
          claimedBy: null,
          claimedUntil: null,
        },
        "the completed checkout",
      );
      same(await one.getCheckoutBySource(open.source as SourceRef), open, "found by its source");
      check((await one.getCheckoutBySource(freshSource("ORDER"))) === null, "an unknown source");
      await one.updateCheckout(open.orderReference, { checks: 3, nextCheckAt: at(9) });
      const paid = await one.settleCheckout(open.orderReference, {
        state: "paid",
        at: at(10),
        status: "PAID",
      });
      same(
        paid,
        {
          ...open,
          checks: 3,
          state: "paid",
          status: "PAID",
          statusCheckedAt: at(10),
          settledAt: at(10),
          updatedAt: at(10),
        },
        "the settled checkout (next check cleared)",
      );
      const again = await one.settleCheckout(open.orderReference, {
        state: "canceled",
        at: at(11),
        status: "CANCELED",
      });
      same(again, paid, "a settled checkout does not move again");
      const reserved = checkoutRecord();
      await one.reserveCheckout(reserved);
      const notOpen = await one.settleCheckout(reserved.orderReference, {
        state: "paid",
        at: at(1),
        status: "PAID",
      });
      check(notOpen?.state === "creating", "a reservation is never settled");
    },
  ),

  withFixture(
    "checkouts: claimDueCheckouts claims open and untold settled ones, exclusively",
    async (f) => {
      const { one, two } = storesOf(f);
      const NOW = 100_000;
      const due = await openCheckout(one);
      const later = await openCheckout(one);
      await one.updateCheckout(later?.orderReference as string, { nextCheckAt: at(NOW + 1) });
      const told = await openCheckout(one);
      await one.settleCheckout(told?.orderReference as string, {
        state: "paid",
        at: at(9),
        status: "PAID",
      });
      await one.updateCheckout(told?.orderReference as string, { notifiedAt: at(10) });
      const untold = await openCheckout(one);
      await one.settleCheckout(untold?.orderReference as string, {
        state: "canceled",
        at: at(9),
        status: "CANCELED",
      });
      await one.reserveCheckout(checkoutRecord({ claimedBy: null, claimedUntil: null }));
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? one : two).claimDueCheckouts({
            owner: `reconciler-${i}`,
            now: at(NOW),
            leaseMs: 30_000,
            limit: 10,
          }),
        ),
      );
      const claimed = claims.flat();
      const refs = claimed.map((r) => r.orderReference).sort();
      same(refs, [due?.orderReference, untold?.orderReference].sort(), "what is due, once each");
      for (const r of claimed) check(r.claimedUntil === at(NOW + 30_000), "the lease is written");
      const held = await one.claimDueCheckouts({
        owner: "other",
        now: at(NOW),
        leaseMs: 1,
        limit: 10,
      });
      check(held.length === 0, "a running lease keeps others out");
    },
  ),
];
