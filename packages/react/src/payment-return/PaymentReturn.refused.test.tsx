/**
 * `<PaymentReturn>` when the answer is not a status: a source the proxy will not tell this
 * customer about (403, 404), a `source` that is not one, a proxy that is down, a word the kit
 * does not know; and the one cache entry it shares with `<CheckoutFlow>`.
 */
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";
import { kitQueryKeys } from "../internal/query-keys.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentReturn } from "./PaymentReturn.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SOURCE_STATUS = /^\/v1\/status\/source$/;
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const root = () => document.querySelector<HTMLElement>('[data-slot="payment-return"]');
const message = () => document.querySelector('[data-slot="payment-return-message"]')?.textContent;
const sourceCalls = (harness: KitHarness) =>
  harness.calls.filter((call) => call.path === "/v1/status/source").length;
// No HTTP words, codes or server text on the page.
const HTTP_WORDS = /\b(40[34]|409|50\d|HTTP|Not Found|Forbidden|FORBIDDEN|NOT_FOUND)\b/;

describe("PaymentReturn: refusals and odd answers, in plain words", () => {
  it("an unknown source: 'we couldn't find this order', and no more asking", async () => {
    const harness = createKitHarness({ authorizeSource: () => true });
    vi.useFakeTimers();
    const onPaid = vi.fn();
    renderKit(harness, <PaymentReturn source={{ type: "ORDER", id: 987_654 }} onPaid={onPaid} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("not_found");
    expect(message()).toBe("We couldn't find this order. Check the link you followed.");
    expect(harness.calls.at(-1)?.status).toBe(404);
    expect(document.body.textContent).not.toMatch(HTTP_WORDS);
    await advance(60_000);
    expect(sourceCalls(harness)).toBe(1);
    expect(onPaid).not.toHaveBeenCalled();
  });

  it("another customer's source: 'you can't view this order', in the second person", async () => {
    const harness = createKitHarness({ authorizeSource: () => false });
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("forbidden");
    expect(message()).toBe(
      "You can't view this order from your account. Sign in with the account that placed it.",
    );
    expect(harness.calls.at(-1)?.status).toBe(403);
    expect(document.body.textContent).not.toMatch(HTTP_WORDS);
    expect(screen.getByRole("button", { name: "Check again" })).toBeTruthy();
  });

  it("signed out: the customer's words for it, never the server's", async () => {
    const harness = createKitHarness();
    harness.answerNext(SOURCE_STATUS, 401, { detail: "Bearer token expired (HTTP 401)" });
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("refused");
    expect(message()).toBe("You're no longer signed in.");
    expect(screen.getByText("Sign in again, then come back to pay.")).toBeTruthy();
    expect(document.body.textContent).not.toContain("Bearer");
    await advance(60_000);
    expect(sourceCalls(harness)).toBe(1);
  });

  it.each([
    ["a negative id", { type: "ORDER", id: -1 }],
    ["an id as text", { type: "ORDER", id: "42" }],
    ["a fractional id", { type: "INVOICE", id: 1.5 }],
    ["another kind of source", { type: "PAYOUT", id: 1 }],
    ["nothing", null],
  ])("a source that is not one (%s): not found, and nothing is asked", async (_name, source) => {
    const harness = createKitHarness();
    renderKit(
      harness,
      // A hostile value, as a page might read it from its own query string.
      <PaymentReturn source={source as never} />,
    );
    expect(root()?.dataset.state).toBe("not_found");
    expect(message()).toBe("We couldn't find this order. Check the link you followed.");
    expect(screen.queryByRole("button", { name: "Check again" })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.calls).toEqual([]);
  });

  it("a proxy that is down: says so, keeps trying with backoff, and recovers", async () => {
    const harness = createKitHarness();
    harness.failNext(SOURCE_STATUS, 503, 3);
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("loading");
    expect(root()?.dataset.connection).toBe("problem");
    expect(
      screen.getByText("We can't reach the server right now. We'll keep trying.", {
        selector: "p",
      }),
    ).toBeTruthy();
    // Backoff: 2 s, then 4 s, then 8 s after the failures.
    await advance(2_100);
    expect(sourceCalls(harness)).toBe(2);
    await advance(4_100);
    expect(sourceCalls(harness)).toBe(3);
    await advance(8_100);
    expect(sourceCalls(harness)).toBe(4);
    expect(root()?.dataset.state).toBe("active");
    expect(root()?.dataset.connection).toBeUndefined();
  });

  it("honours Retry-After on a 429", async () => {
    const harness = createKitHarness();
    harness.failNext(SOURCE_STATUS, 429, 1, { "retry-after": "20" });
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    await advance(19_000);
    expect(sourceCalls(harness)).toBe(1);
    await advance(1_100);
    expect(sourceCalls(harness)).toBe(2);
  });

  it("shows an unknown status word (as Dollr writes them) and keeps asking", async () => {
    const harness = createKitHarness();
    const body = {
      source_id: harness.source.id,
      source_type: "INVOICE",
      source_number: "INV-2026-00001",
      status: "ON_HOLD",
      currency: "USD",
      total_amount: 12.5,
      paid_at: null,
    };
    harness.answerNext(SOURCE_STATUS, 200, body);
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("unknown");
    expect(message()).toBe("Your payment is in progress (ON_HOLD).");
    expect(root()?.dataset.checking).toBe("");

    cleanup();
    harness.answerNext(SOURCE_STATUS, 200, { ...body, status: "<b>PAID</b> now" });
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("unknown");
    expect(message()).toBe("We're confirming your payment…");
    expect(document.body.innerHTML).not.toContain("<b>");
  });

  it("shares one request and one cache entry with <CheckoutFlow> for the same source", async () => {
    const harness = createKitHarness();
    const { queryClient } = renderKit(
      harness,
      <>
        <CheckoutFlow source={harness.source} />
        <PaymentReturn source={harness.source} />
      </>,
    );
    await waitFor(() => expect(root()?.dataset.state).toBe("active"));
    expect(sourceCalls(harness)).toBe(1);
    const entries = queryClient
      .getQueryCache()
      .findAll({ queryKey: ["dollr-kit"] })
      .filter((query) => query.queryKey.includes("source"));
    expect(entries).toHaveLength(1);
    const clientKey = String(entries[0]?.queryKey[1]);
    expect(entries[0]?.queryKey).toEqual(
      kitQueryKeys.sourceStatus(clientKey, harness.source.type, harness.source.id),
    );
  });
});
