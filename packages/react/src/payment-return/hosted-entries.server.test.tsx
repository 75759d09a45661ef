// @vitest-environment node
import { createProxyClient } from "@dollr-kit/core/internal";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import * as hostedCheckoutEntry from "../hosted-checkout.ts";
import * as paymentReturnEntry from "../payment-return.ts";
import * as receiptEntry from "../receipt.ts";

function serverClient() {
  const fetch = vi.fn(async () => new Response("{}"));
  return { client: createProxyClient({ baseUrl: "https://shop.example/api/dollr", fetch }), fetch };
}

describe("the hosted checkout entries render on a server (no window), asking nothing", () => {
  it("renders <HostedCheckoutButton>, ready or refusing a hostile link", () => {
    expect(typeof window).toBe("undefined");
    const { client, fetch } = serverClient();
    const { DollrCheckoutProvider, HostedCheckoutButton } = hostedCheckoutEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client} locale="en-US">
        <HostedCheckoutButton url="https://pay.dollr.example/pay/x" />
        <HostedCheckoutButton url="javascript:alert(1)" />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('data-state="ready"');
    expect(html).toContain('data-state="invalid"');
    expect(html).toContain("Pay on Dollr&#x27;s page");
    expect(html).not.toContain("javascript:");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("renders <PaymentReturn> and <Receipt> in their loading states", () => {
    const { client, fetch } = serverClient();
    const { DollrCheckoutProvider, PaymentReturn } = paymentReturnEntry;
    const { Receipt } = receiptEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client} locale="en-US">
        <PaymentReturn source={{ type: "ORDER", id: 7 }} />
        <Receipt source={{ type: "ORDER", id: 7 }} showDollrReceiptLink />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('data-slot="payment-return" data-state="loading"');
    expect(html).toContain("Checking your payment…");
    expect(html).toContain('data-slot="receipt" data-state="loading"');
    expect(html).toContain("Loading your receipt…");
    expect(fetch).not.toHaveBeenCalled();
  });
});
