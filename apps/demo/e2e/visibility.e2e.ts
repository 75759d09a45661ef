// The checkout waits on react-query: a hidden page pauses its polling, and the page asks Dollr
// at once when it is shown again (react-query's focus refetch), so a payer back from the phone's
// approval prompt sees the result without waiting for the next poll.
import type { Page } from "@playwright/test";
import {
  addWallet,
  advanceClock,
  expect,
  expectFlowState,
  expectOneExecution,
  orderSomething,
  PHONES,
  payButton,
  test,
} from "./fixtures.ts";

/** Plays the page going to the background (the payer opens the phone's prompt) or back. */
async function setVisibility(page: Page, state: "hidden" | "visible") {
  await page.evaluate((visibility) => {
    Object.defineProperty(document, "visibilityState", { value: visibility, configurable: true });
    Object.defineProperty(document, "hidden", {
      value: visibility === "hidden",
      configurable: true,
    });
    // As browsers fire it: at the document, bubbling to the window (where react-query listens).
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, state);
}

test("a payment completed while the page was hidden shows as soon as it is visible", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  const statusReads: number[] = [];
  page.on("request", (sent) => {
    if (/\/v1\/status\/collection\//.test(sent.url())) statusReads.push(Date.now());
  });
  await payButton(page).click();
  await expectFlowState(page, "processing");

  await setVisibility(page, "hidden");
  const readsWhileHidden = statusReads.length;
  // Dollr completes the payment while the payer is on the phone.
  await advanceClock(request, 10 * 60_000);
  await expectFlowState(page, "processing");

  const shownAt = Date.now();
  await setVisibility(page, "visible");
  await expectFlowState(page, "succeeded");
  const shownIn = Date.now() - shownAt;
  test.info().annotations.push({ type: "visible to success (ms)", description: String(shownIn) });
  // The read that found it was sent because the page became visible, not by a timer: none went
  // out while it was hidden.
  expect(statusReads.length).toBeGreaterThan(readsWhileHidden);
  expect(statusReads.slice(readsWhileHidden).every((at) => at >= shownAt)).toBe(true);
  await expectOneExecution(request, { status: "COMPLETED" });
});
