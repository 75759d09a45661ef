/**
 * `<CheckoutFlow>` recomposed by the app: its parts placed in another order, its root and Pay
 * button the app's own elements (`asChild`), and the status laid out with `ExecutionStatus`'s
 * parts. The layout is docs/composition.md's example (checked to be shown as the file is).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RecomposedCheckout } from "../test/examples/RecomposedCheckout.tsx";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow, useCheckoutFlowContext } from "./CheckoutFlow.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const root = () => document.querySelector<HTMLElement>('[data-slot="checkout-flow"]');
const waitForState = (state: string) =>
  waitFor(() => expect(root()?.dataset.state).toBe(state), { timeout: 4_000 });
const payButton = () => screen.getByRole("button", { name: /^Pay/ });
const heading = () => screen.queryByRole("heading", { level: 2 });

async function chooseAndPay() {
  await waitForState("selecting");
  const [wallet] = await screen.findAllByRole("radio");
  await userEvent.click(wallet as HTMLElement);
  await waitFor(() => expect(payButton().getAttribute("aria-disabled")).toBeNull());
  await userEvent.click(payButton());
}

describe("CheckoutFlow recomposed (docs/composition.md's example)", () => {
  it("is shown in the doc as the file is", () => {
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
    const doc = readFileSync(path.join(repo, "docs/composition.md"), "utf8");
    const block = doc.match(/<!-- example: (\S+) -->\n```tsx\n([\s\S]*?)```/);
    expect(block?.[1]).toBe("packages/react/src/test/examples/RecomposedCheckout.tsx");
    expect(block?.[2]).toBe(readFileSync(path.join(repo, block?.[1] ?? ""), "utf8"));
  });

  it("renders the app's root and Pay button, the parts in its order, and pays", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 30_000 });
    await harness.addWallet("231880000000");
    renderKit(harness, <RecomposedCheckout source={harness.source} />);
    await waitForState("selecting");
    // The app's <article> is the flow's root; the kit's live region stays beside it.
    expect(root()?.tagName).toBe("ARTICLE");
    expect(root()?.className).toBe("dollr-CheckoutFlow ds-stack");
    expect(document.querySelector('[data-slot="checkout-flow-announcer"]')).toBeTruthy();

    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    await waitFor(() => expect(payButton().getAttribute("aria-disabled")).toBeNull());
    // The app's button, with the kit's label, state and class; the summary after the picker.
    const pay = payButton();
    expect(pay.className).toBe("ds-button dollr-CheckoutFlow-pay");
    expect(pay.textContent).toMatch(/^Pay \$\d/);
    expect(pay.dataset.action).toBe("pay");
    expect(pay.dataset.state).toBe("ready");
    const summary = document.querySelector(".ds-summary") as HTMLElement;
    expect(summary.dataset.slot).toBe("checkout-flow-summary");
    expect(
      document
        .querySelector('[data-slot="payment-account-picker"]')
        ?.compareDocumentPosition(summary),
    ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);

    await userEvent.click(pay);
    await waitForState("processing");
    // The status, in the app's card: its heading is the kit's main line, and has focus.
    const card = document.querySelector("section.ds-card") as HTMLElement;
    expect(card.dataset.slot).toBe("checkout-flow-status");
    expect(heading()?.textContent).toBe("Approve the payment on your phone");
    expect(heading()?.dataset.slot).toBe("execution-status-message");
    await waitFor(() => expect(document.activeElement).toBe(heading()));
    expect(
      card.querySelector('[data-slot="execution-status-indicator"]')?.getAttribute("data-state"),
    ).toMatch(/^(loading|pending|processing)$/);
    // Choosing is over: the picker and Pay are gone from the app's layout too.
    expect(screen.queryByRole("button", { name: /^Pay/ })).toBeNull();
    expect(document.querySelector('[data-slot="payment-account-picker"]')).toBeNull();

    await advance(35_000);
    await waitForState("succeeded");
    expect(heading()?.textContent).toBe("Payment received. Thank you!");
    expect(document.activeElement).toBe(heading());
  });

  it("shows a failure's reason and its actions in the app's layout", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000003", "Declines");
    renderKit(harness, <RecomposedCheckout source={harness.source} />);
    await chooseAndPay();
    await waitForState("failed");
    const card = document.querySelector("section.ds-card") as HTMLElement;
    expect(heading()?.textContent).toBe("The payment didn't go through.");
    expect(card.querySelector('[data-slot="execution-status-reason"]')?.textContent).toMatch(
      /enough money/,
    );
    const actions = card.querySelector(".ds-row") as HTMLElement;
    expect(actions.dataset.slot).toBe("checkout-flow-status-actions");
    expect(within(actions).getByRole("button", { name: "Try again" })).toBeTruthy();
    // The heading has focus; its action is the next tab stop.
    await waitFor(() => expect(document.activeElement).toBe(heading()));
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe("Try again");
  });

  it("with no children renders the default layout; parts take className and children", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000003", "Declines");
    renderKit(
      harness,
      <CheckoutFlow source={harness.source}>
        <CheckoutFlow.Summary />
        <CheckoutFlow.Picker />
        <CheckoutFlow.Status>
          <ExecutionStatusTitleOnly />
          <CheckoutFlow.Actions className="actions">
            <button type="button">Call us</button>
          </CheckoutFlow.Actions>
        </CheckoutFlow.Status>
        <CheckoutFlow.PayButton>Pay now</CheckoutFlow.PayButton>
      </CheckoutFlow>,
    );
    await waitForState("selecting");
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    const pay = screen.getByRole("button", { name: "Pay now" });
    await waitFor(() => expect(pay.hasAttribute("disabled")).toBe(false));
    await userEvent.click(pay);
    await waitForState("failed");
    const actions = document.querySelector(".actions") as HTMLElement;
    // The app's children replace the kit's buttons.
    expect(within(actions).getByRole("button", { name: "Call us" })).toBeTruthy();
    expect(within(actions).queryByRole("button", { name: "Try again" })).toBeNull();
  });
});

function ExecutionStatusTitleOnly() {
  const { message } = useCheckoutFlowContext();
  return <p data-slot="checkout-flow-status-message">{message}</p>;
}
