/**
 * What the `<CheckoutFlow>` stories ask of the canvas: the flow's root and state, a visible
 * line, the Pay button, and choosing a saved account then paying.
 */
import { expect, userEvent, waitFor, within } from "storybook/test";

export const flowRoot = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="checkout-flow"]');

export const waitForState = (canvasElement: HTMLElement, state: string, timeout = 8_000) =>
  waitFor(() => expect(flowRoot(canvasElement)?.dataset.state).toBe(state), { timeout });

/** A visible line (each also sits in the flow's visually hidden live region). */
export const line = (canvasElement: HTMLElement, text: string | RegExp) =>
  within(canvasElement).getByText(text, { selector: "p" });

export const payButton = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole("button", { name: /^Pay/ });

/** Chooses the saved account at `index` and presses Pay once the total is known. */
export async function chooseAndPay(canvasElement: HTMLElement, index = 0) {
  const radios = await within(canvasElement).findAllByRole("radio", {}, { timeout: 5_000 });
  await userEvent.click(radios[index] as HTMLElement);
  await waitFor(() => expect(payButton(canvasElement)).toBeEnabled(), { timeout: 5_000 });
  await userEvent.click(payButton(canvasElement));
}
