import type { Page } from "@playwright/test";
import {
  addCard,
  addWallet,
  CARDS,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  holdStatusChecks,
  ledger,
  orderSomething,
  PHONES,
  payButton,
  setFaults,
  shop,
  skipTheWait,
  test,
} from "./fixtures.ts";

/** Clicks Pay from inside the page, at once (no waiting for the button to be actionable). */
async function pressPay(page: Page): Promise<void> {
  await page.evaluate(() => {
    const buttons = [
      ...document.querySelectorAll<HTMLButtonElement>('[data-slot="checkout-flow"] button'),
    ];
    buttons.find((button) => button.textContent?.startsWith("Pay "))?.click();
  });
}

test("a reload during PROCESSING resumes the wait; the simulator saw one execute", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await page.reload();
  await expectFlowState(page, "processing");
  await expect(flow(page)).toContainText("Approve the payment on your phone");
  await expect(payButton(page)).toHaveCount(0);
  await checkpoint(page, "16-processing-after-reload");
  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectOneExecution(request, { status: "COMPLETED", payloads: 1 });
});

test("a double click on Pay sends one execute", async ({ page, request }) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).dblclick();
  await expectFlowState(page, "processing");
  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectOneExecution(request, { payloads: 1 });
});

test("a second tab on the same order cannot start a second attempt", async ({
  page,
  context,
  request,
}) => {
  const { orderId } = await orderSomething(page);
  await addWallet(page, PHONES.succeeds);

  // The second tab chooses the same wallet while the first is still choosing.
  const second = await context.newPage();
  await second.goto(`/checkout/${orderId}`);
  await expectFlowState(second, "selecting");
  await shop(second).getByRole("radio", { name: /000/ }).click();
  await expect(payButton(second)).toBeEnabled();

  // Both tabs press Pay at the same moment: one attempt starts, the other tab follows it.
  await Promise.all([pressPay(page), pressPay(second)]);
  await expectFlowState(page, "processing");
  await expectFlowState(second, "processing");
  await expect(payButton(second)).toHaveCount(0);
  await expect(payButton(page)).toHaveCount(0);
  await second.bringToFront();
  await checkpoint(second, "17-second-tab-follows");

  await page.bringToFront();
  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectFlowState(second, "succeeded");
  await expectOneExecution(request);
});

test("a lost answer to the execute: verifying, then the right outcome, one execution", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addCard(page, CARDS.visa);
  // Dollr commits the execute but the answer never arrives; the page's status checks are held
  // (unanswered) until the state has been looked at.
  await setFaults(request, [
    {
      kind: "lost_response",
      count: 1,
      match: { method: "POST", path: "/v1/executions/collection" },
    },
  ]);
  await holdStatusChecks(request, true);
  await payButton(page).click();
  await expectFlowState(page, "verifying");
  await expect(flow(page)).toContainText("Checking whether the payment went through…");
  await checkpoint(page, "18-verifying");
  await expectFlowState(page, "verifying"); // the checks above saw this state, not a later one
  await holdStatusChecks(request, false);
  await expectFlowState(page, "succeeded");
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("the proxy is down: a clear message, then recovery", async ({ page, request }) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  const offline = page.getByRole("button", { name: "Proxy offline" });
  await offline.click();
  await expect(offline).toHaveAttribute("aria-pressed", "true");
  await payButton(page).click();
  await expectFlowState(page, "recoverable");
  await expect(flow(page)).toHaveAttribute("data-reason", "network");
  await expect(flow(page)).toContainText("We can't reach the payment server.");
  await checkpoint(page, "19-proxy-down");
  expect(await ledger(request)).toHaveLength(0);

  await offline.click();
  await expect(offline).toHaveAttribute("aria-pressed", "false");
  await shop(page).getByRole("button", { name: "Check again" }).click();
  await expectFlowState(page, "processing");
  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("Dollr rate-limits (429): a clear message, then recovery", async ({ page, request }) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await setFaults(request, [
    {
      kind: "rate_limit",
      count: 1,
      retryAfterSeconds: 1,
      match: { method: "POST", path: "/v1/sessions/checkout" },
    },
  ]);
  await payButton(page).click();
  await expectFlowState(page, "recoverable");
  await expect(flow(page)).toHaveAttribute("data-reason", "rate_limited");
  await expect(flow(page)).toContainText("Too many requests right now.");
  await checkpoint(page, "20-rate-limited");
  await shop(page).getByRole("button", { name: "Check again" }).click();
  await expectFlowState(page, "processing");
  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("after the simulator restarts, a new order with an old id starts afresh", async ({
  page,
  request,
}) => {
  const first = await orderSomething(page);
  await addCard(page, CARDS.visa);
  await payButton(page).click();
  await expectFlowState(page, "succeeded");
  // A new simulator numbers its orders from the start again: the same id, another order.
  expect((await request.post("/__demo/reset", { data: {} })).ok()).toBe(true);
  const second = await orderSomething(page);
  expect(second.orderId).toBe(first.orderId);
  await expect(payButton(page)).toBeDisabled();
  await expect(flow(page)).not.toHaveAttribute("data-attempt-open", "");
});
