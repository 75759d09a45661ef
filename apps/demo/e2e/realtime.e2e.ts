/**
 * Realtime status hints in simulator mode: the page's supabase-js joins the payment's channel on
 * the simulator's Realtime (on the demo's own origin), and a status change makes the checkout
 * read the payment's status at once. Proved without a timer race: after its first read, the page
 * is told to poll only every 10 minutes, so within a test only a hint can make it read again.
 * With the sockets killed, the checkout's ordinary polling still sees the payment complete.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import {
  addWallet,
  advanceClock,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  ledger,
  orderSomething,
  PHONES,
  payButton,
  test,
} from "./fixtures.ts";

const TEN_MINUTES_MS = 600_000;

/**
 * The proxy's `/kit/config` as this page reads it, with the realtime listening window made
 * longer than any test (so no wall-clock window can close it) and, with `slowPolling`, status
 * read once a quarter of a second after the execute, then only every 10 minutes. (The first
 * read is kept: the kit's status query takes a hint only once its first read is due.)
 */
async function adjustKitConfig(page: Page, options: { slowPolling: boolean }): Promise<void> {
  await page.route("**/api/dollr/kit/config", async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as {
      polling: Record<string, unknown>;
      realtime: Record<string, unknown> | null;
    };
    expect(config.realtime, "the demo's proxy gives realtime settings").not.toBeNull();
    const slow = { interval_ms: 250, max_interval_ms: TEN_MINUTES_MS, backoff_factor: 10_000 };
    await route.fulfill({
      response,
      json: {
        ...config,
        polling: options.slowPolling ? { ...config.polling, ...slow } : config.polling,
        realtime: { ...config.realtime, subscribe_ms: TEN_MINUTES_MS },
      },
    });
  });
}

/** The page's reads of payments' statuses, as they leave the browser. */
function statusReads(page: Page): { count(): number } {
  let reads = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/dollr/v1/status/collection/")) reads += 1;
  });
  return { count: () => reads };
}

/** The payment section, where the page keeps what the realtime hints did. */
function paymentSection(page: Page) {
  return page.locator("section[data-realtime-hints]");
}

interface RealtimeState {
  accepting: boolean;
  sockets: number;
  channels: { topic: string; reference_id: string }[];
}

async function realtimeState(request: APIRequestContext): Promise<RealtimeState> {
  const response = await request.get("/__simulator/realtime");
  expect(response.ok()).toBe(true);
  return (await response.json()) as RealtimeState;
}

/** Pays an order with a wallet that succeeds after the wait; ends in `processing`. */
async function startMobileMoneyPayment(page: Page): Promise<void> {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
}

test("a realtime hint, not a timer, makes the checkout see the payment complete", async ({
  page,
  request,
  baseURL,
}) => {
  // The page's CSP lets it open the websocket on this origin (`'self'` names no `ws:` in older
  // browsers, so the origin is spelled out).
  const csp = (await request.get("/")).headers()["content-security-policy"] ?? "";
  const websocket = (baseURL ?? "").replace(/^http/, "ws");
  expect(csp).toContain(`connect-src 'self' ${websocket} https://api.stripe.com`);
  await adjustKitConfig(page, { slowPolling: true });
  const reads = statusReads(page);
  await startMobileMoneyPayment(page);
  await expect(paymentSection(page)).toHaveAttribute("data-realtime", "subscribed");
  // The simulator's Realtime has the payment's channel before anything happens to it.
  const [execution] = await ledger(request);
  const referenceId = execution?.reference_id ?? "";
  await expect
    .poll(async () => (await realtimeState(request)).channels.map((c) => c.reference_id))
    .toContain(referenceId);
  // The first read (PROCESSING) is done; the next poll is 10 minutes away.
  await expect.poll(() => reads.count()).toBeGreaterThan(0);
  await checkpoint(page, "36-realtime-subscribed");
  const readsBefore = reads.count();

  // The customer approves on the phone: the status changes, Realtime says so.
  await advanceClock(request, 91_000);
  await expectFlowState(page, "succeeded");
  await expect(paymentSection(page)).toHaveAttribute("data-realtime-hints", "1");
  // Exactly one more read, and the next poll is 10 minutes away: the hint made it.
  expect(reads.count()).toBe(readsBefore + 1);
  await expectOneExecution(request, { status: "COMPLETED", reference_id: referenceId });
});

test("with the realtime sockets killed, polling still completes the payment", async ({
  page,
  request,
}) => {
  await adjustKitConfig(page, { slowPolling: false });
  await startMobileMoneyPayment(page);
  await expect(paymentSection(page)).toHaveAttribute("data-realtime", "subscribed");
  await expect.poll(async () => (await realtimeState(request)).sockets).toBeGreaterThan(0);

  // As a dropped network, and no new socket taken: the page gives the hints up.
  const killed = await request.post("/__simulator/realtime/disconnect", {
    data: { refuse: true },
  });
  expect(killed.ok()).toBe(true);
  expect(((await killed.json()) as { disconnected: number }).disconnected).toBeGreaterThan(0);
  await expect(paymentSection(page)).toHaveAttribute("data-realtime", "fallback");
  expect((await realtimeState(request)).sockets).toBe(0);

  await advanceClock(request, 91_000);
  await expectFlowState(page, "succeeded");
  await expect(paymentSection(page)).toHaveAttribute("data-realtime-hints", "0");
  await expectOneExecution(request, { status: "COMPLETED" });
});
