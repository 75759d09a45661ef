/**
 * "Pay on Dollr's page": the shop's server makes the order's checkout on Dollr's hosted page (the
 * in-process simulator's, on this origin), the customer pays there and comes back to the return
 * page, and the order becomes paid on the server alone (the reconciler's `onSettled`). A cancel
 * on Dollr's page leads back to the checkout; a return URL's query string is never believed.
 */
import type { Page } from "@playwright/test";
import {
  addCard,
  advanceClock,
  asShopper,
  CARDS,
  checkpoint,
  expect,
  expectFlowState,
  ledger,
  orderOnServer,
  orderSomething,
  orderStatus,
  PHONES,
  payButton,
  shop,
  test,
} from "./fixtures.ts";

/** Mobile money's PROCESSING time in the simulator (1 min 30 s), and a little more. */
const PAST_THE_WAIT_MS = 91_000;

/** The kit's "Pay on Dollr's page" (data-state `ready` once the server answered its URL). */
function hostedCheckout(page: Page) {
  return shop(page).locator('[data-slot="hosted-checkout"]');
}

/** From the checkout page: to Dollr's page (the simulator's), for this order. */
async function goToDollrPage(page: Page): Promise<void> {
  await expect(hostedCheckout(page)).toHaveAttribute("data-state", "ready");
  await hostedCheckout(page).getByRole("button", { name: "Pay on Dollr's page" }).click();
  await page.waitForURL(/\/pay\/pay_[0-9a-f]{48}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Pay order ORD-/);
}

function paymentReturn(page: Page) {
  return page.locator('[data-slot="payment-return"]');
}

test("paid on Dollr's page: back on the return page, and paid on the shop's server", async ({
  page,
  context,
  request,
  playwright,
  baseURL,
}) => {
  // The server's follow-up (a few seconds) on top of the payment.
  test.setTimeout(90_000);
  const { orderId } = await orderSomething(page);
  await expect(hostedCheckout(page)).toHaveAttribute("data-state", "ready");
  await checkpoint(page, "30-checkout-with-dollr-page");

  await goToDollrPage(page);
  // Dollr's page charges the order's own lines, priced by the shop's server.
  await expect(page.locator("body")).toContainText("Nimba coffee, 250 g");
  await page.getByLabel("Mobile money number").fill(PHONES.succeeds);
  await page.getByRole("button", { name: /with mobile money$/ }).click();

  await page.waitForURL(new RegExp(`/orders/${orderId}/return$`));
  await expect(paymentReturn(page)).toHaveAttribute("data-state", "processing");
  await expect(page.getByRole("link", { name: "View your receipt" })).toHaveCount(0);
  await checkpoint(page, "31-return-processing");

  // The customer approves on the phone (the simulator's clock stands in for it).
  await advanceClock(request, PAST_THE_WAIT_MS);
  await expect(paymentReturn(page)).toHaveAttribute("data-state", "paid");
  await expect(paymentReturn(page)).toContainText("Payment received");
  // The shop's server books it from its own follow-up of the source.
  await expect(orderStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await checkpoint(page, "32-return-paid");

  const api = await asShopper(playwright, context, baseURL ?? "");
  const order = await orderOnServer(api, orderId);
  expect(order).toMatchObject({
    status: "paid",
    payment: { reference_id: `order-${orderId}`, via: "dollr_page", status: "PAID" },
  });
  // One payment, for the source Dollr's page took it for: 9.50 and the 2 % mobile-money fee.
  const executions = await ledger(request);
  expect(executions).toHaveLength(1);
  expect(executions[0]).toMatchObject({ status: "COMPLETED", amount: "9.69", execute_calls: 1 });
  expect(executions[0]?.source_id).not.toBe(orderId);

  await page.getByRole("link", { name: "View your receipt" }).click();
  await page.waitForURL(new RegExp(`/orders/${orderId}/receipt$`));
  const receipt = page.locator('[data-slot="receipt"]');
  await expect(receipt).toHaveAttribute("data-state", "ready");
  await expect(receipt.locator('[data-row="amount-paid"]')).toContainText("$9.69");
  await expect(receipt.locator('[data-row="payment-method"]')).toContainText("MTN Liberia");
  await expect(receipt.locator('[data-row="payment-method"]')).toContainText("0000");
  await expect(receipt.locator('[data-slot="receipt-items"]')).toContainText("Nimba coffee");
  await expect(receipt.getByRole("link", { name: /View Dollr's receipt/ })).toHaveAttribute(
    "href",
    /\/receipt\/rcpt_[0-9a-f]{48}$/,
  );
  await checkpoint(page, "33-receipt-paid-on-dollr-page");
  await api.dispose();
});

test("cancelled on Dollr's page: back at the checkout, nothing paid, and it can still be paid", async ({
  page,
  context,
  request,
  playwright,
  baseURL,
}) => {
  const { orderId } = await orderSomething(page);
  await goToDollrPage(page);
  await page.getByRole("link", { name: "Cancel and return to the shop" }).click();

  await page.waitForURL(new RegExp(`/checkout/${orderId}\\?canceled=1$`));
  await expect(page.locator('[data-slot="back-from-dollr"]')).toContainText(
    "You came back from Dollr's page.",
  );
  await expect(orderStatus(page)).toHaveAttribute("data-status", "unpaid");
  await expectFlowState(page, "selecting");
  await expect(hostedCheckout(page)).toHaveAttribute("data-state", "ready");
  await checkpoint(page, "34-back-from-dollr-page");
  expect(await ledger(request)).toHaveLength(0);
  const api = await asShopper(playwright, context, baseURL ?? "");
  expect(await orderOnServer(api, orderId)).toMatchObject({ status: "unpaid", payment: null });

  // Dollr's page took nothing, so the checkout here may pay the order.
  await addCard(page, CARDS.visa);
  await payButton(page).click();
  await expectFlowState(page, "succeeded");
  await expect(orderStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(await orderOnServer(api, orderId)).toMatchObject({ payment: { via: "checkout" } });
  await api.dispose();
});

test("a return page opened with a forged query string shows nothing paid", async ({
  page,
  context,
  browser,
  playwright,
  baseURL,
}) => {
  const { orderId } = await orderSomething(page);
  // The order has its checkout on Dollr's page, never paid.
  await expect(hostedCheckout(page)).toHaveAttribute("data-state", "ready");

  await page.goto(`/orders/${orderId}/return?status=PAID&paid=1&source_status=PAID`);
  // Dollr says ACTIVE: the page is still checking, or says the payment has not started.
  await expect(paymentReturn(page)).toHaveAttribute("data-state", "active");
  await expect(paymentReturn(page)).not.toContainText("Payment received");
  await expect(orderStatus(page)).toHaveAttribute("data-status", "unpaid");
  await expect(page.getByRole("link", { name: "View your receipt" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Back to the checkout" })).toBeVisible();
  await checkpoint(page, "35-return-forged-query");

  await page.goto(`/orders/${orderId}/receipt?status=PAID`);
  await expect(orderStatus(page)).toHaveAttribute("data-status", "unpaid");
  await expect(page.locator('[data-slot="receipt"]')).toHaveCount(0);

  const api = await asShopper(playwright, context, baseURL ?? "");
  expect(await orderOnServer(api, orderId)).toMatchObject({ status: "unpaid" });
  await api.dispose();

  // Another shopper's browser gets no order at all.
  const stranger = await browser.newContext({ baseURL: baseURL ?? "" });
  const theirs = await stranger.newPage();
  await theirs.goto(`/orders/${orderId}/return?status=PAID`);
  await expect(theirs.getByRole("heading", { level: 1 })).toHaveText("We can't find this order");
  await expect(theirs.locator('[data-slot="payment-return"]')).toHaveCount(0);
  await stranger.close();
});
