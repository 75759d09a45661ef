import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetDevWarnings } from "../internal/dev.ts";
import { createHostedCheckout, HOSTED_DOLLR_URL } from "../test/hosted-checkout.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { HostedCheckoutButton } from "./HostedCheckoutButton.tsx";

afterEach(() => {
  cleanup();
  resetDevWarnings();
});

const root = () => document.querySelector<HTMLElement>('[data-slot="hosted-checkout"]');
const button = () => screen.getByRole("button");
const REFUSED =
  "This payment link can't be opened safely, so we didn't open it. Refresh the page, or contact the shop if it keeps happening.";

describe("HostedCheckoutButton", () => {
  it("sends the customer to the url the merchant's server got from Dollr, once", async () => {
    const harness = createKitHarness();
    const checkout = await createHostedCheckout(harness);
    expect(checkout.url.startsWith(`${HOSTED_DOLLR_URL}/pay/pay_`)).toBe(true);
    const navigate = vi.fn();
    const onBeforeRedirect = vi.fn();
    renderKit(
      harness,
      <HostedCheckoutButton
        url={checkout.url}
        navigate={navigate}
        onBeforeRedirect={onBeforeRedirect}
      />,
      { strict: true },
    );
    expect(root()?.dataset.state).toBe("ready");
    expect(button().textContent).toBe("Pay on Dollr's page");

    await act(async () => {
      fireEvent.click(button());
      fireEvent.click(button());
    });
    expect(onBeforeRedirect).toHaveBeenCalledTimes(1);
    expect(onBeforeRedirect).toHaveBeenCalledWith(checkout.url);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(checkout.url);
    expect(onBeforeRedirect.mock.invocationCallOrder[0]).toBeLessThan(
      navigate.mock.invocationCallOrder[0] ?? 0,
    );
    expect(root()?.dataset.state).toBe("redirecting");
    expect(button().textContent).toBe("Opening Dollr's payment page…");
    expect(button().getAttribute("aria-disabled")).toBe("true");
    // Nothing was asked of the proxy: the page is Dollr's, the link is the server's.
    expect(harness.calls).toEqual([]);
  });

  it("uses window.location.assign by default", async () => {
    const assign = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign });
    renderKit(createKitHarness(), <HostedCheckoutButton url="https://pay.dollr.example/pay/x" />);
    await act(async () => fireEvent.click(button()));
    expect(assign).toHaveBeenCalledWith("https://pay.dollr.example/pay/x");
  });

  it.each([
    ["javascript:", "javascript:alert(document.cookie)"],
    ["a data: URL", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["a relative path", "/pay/pay_123"],
    ["a protocol-relative URL", "//evil.example/pay"],
    ["http to another host", "http://pay.dollr.example/pay/x"],
    ["credentials in the URL", "https://pay.dollr.example@evil.example/"],
  ])("refuses %s with a clear error and never navigates", async (_name, url) => {
    const navigate = vi.fn();
    const onBeforeRedirect = vi.fn();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    renderKit(
      createKitHarness(),
      <HostedCheckoutButton url={url} navigate={navigate} onBeforeRedirect={onBeforeRedirect} />,
    );
    expect(root()?.dataset.state).toBe("invalid");
    expect(screen.getByText(REFUSED, { selector: "p" })).toBeTruthy();
    expect(document.querySelector('[data-slot="hosted-checkout-announcer"]')?.textContent).toBe(
      REFUSED,
    );
    expect((button() as HTMLButtonElement).disabled).toBe(true);
    await act(async () => fireEvent.click(button()));
    expect(navigate).not.toHaveBeenCalled();
    expect(onBeforeRedirect).not.toHaveBeenCalled();
    // The developer is told why, without the link itself.
    expect(warn.mock.calls.flat().join(" ")).toMatch(/refused the url/);
    expect(warn.mock.calls.flat().join(" ")).not.toContain(url);
  });

  it("waits, disabled and quiet, while the merchant's server has not answered", () => {
    renderKit(createKitHarness(), <HostedCheckoutButton url={null} navigate={vi.fn()} />);
    expect(root()?.dataset.state).toBe("waiting");
    expect((button() as HTMLButtonElement).disabled).toBe(true);
    expect(document.querySelector('[data-slot="hosted-checkout-message"]')).toBeNull();
  });

  it("stays when onBeforeRedirect answers false, and can go later", async () => {
    const navigate = vi.fn();
    let allow = false;
    renderKit(
      createKitHarness(),
      <HostedCheckoutButton
        url="https://pay.dollr.example/pay/x"
        navigate={navigate}
        onBeforeRedirect={async () => allow}
      />,
    );
    await act(async () => fireEvent.click(button()));
    expect(navigate).not.toHaveBeenCalled();
    expect(root()?.dataset.state).toBe("ready");
    allow = true;
    await act(async () => fireEvent.click(button()));
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it("says it could not leave when onBeforeRedirect throws, and lets the customer try again", async () => {
    const navigate = vi.fn();
    const onBeforeRedirect = vi
      .fn()
      .mockRejectedValueOnce(new Error("cart not saved"))
      .mockResolvedValue(undefined);
    renderKit(
      createKitHarness(),
      <HostedCheckoutButton
        url="https://pay.dollr.example/pay/x"
        navigate={navigate}
        onBeforeRedirect={onBeforeRedirect}
      />,
    );
    await act(async () => fireEvent.click(button()));
    expect(root()?.dataset.state).toBe("failed");
    expect(
      screen.getByText("We couldn't open the payment page. Try again.", { selector: "p" }),
    ).toBeTruthy();
    expect(document.body.textContent).not.toContain("cart not saved");
    expect(navigate).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(button()));
    expect(navigate).toHaveBeenCalledWith("https://pay.dollr.example/pay/x");
  });

  it("is live again when the customer comes back through the back/forward cache", async () => {
    const navigate = vi.fn();
    renderKit(
      createKitHarness(),
      <HostedCheckoutButton url="https://pay.dollr.example/pay/x" navigate={navigate} />,
    );
    await act(async () => fireEvent.click(button()));
    expect(root()?.dataset.state).toBe("redirecting");
    await act(async () => {
      const event = new Event("pageshow") as PageTransitionEvent;
      Object.defineProperty(event, "persisted", { value: true });
      window.dispatchEvent(event);
    });
    expect(root()?.dataset.state).toBe("ready");
    await act(async () => fireEvent.click(button()));
    expect(navigate).toHaveBeenCalledTimes(2);
  });

  it("keeps to allowedOrigins, and takes a label and the div's props", () => {
    renderKit(
      createKitHarness(),
      <HostedCheckoutButton
        url="https://evil.example/pay"
        allowedOrigins={["https://pay.dollr.example"]}
        className="shop-pay"
        navigate={vi.fn()}
      >
        Pay with Dollr
      </HostedCheckoutButton>,
    );
    expect(root()?.dataset.state).toBe("invalid");
    expect(root()?.className).toBe("dollr-HostedCheckout shop-pay");
    expect(button().textContent).toBe("Pay with Dollr");
  });
});
