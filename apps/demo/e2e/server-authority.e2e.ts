/**
 * The shop's server is the authority on payments: it sees every device of a shopper, marks orders
 * paid from its own follow-up (the reconciler), with or without a browser open, and leads a basket
 * back to its one order.
 */
import {
  addWallet,
  advanceClock,
  asShopper,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  ledger,
  orderOnServer,
  orderSomething,
  orderStatus,
  PHONES,
  payButton,
  paymentBanner,
  sameShopperElsewhere,
  shop,
  skipTheWait,
  test,
} from "./fixtures.ts";

/** Mobile money's PROCESSING time in the simulator (1 min 30 s), and a little more. */
const PAST_THE_WAIT_MS = 91_000;

test("two devices on one order: the second sees the payment in progress, then its outcome", async ({
  page,
  context,
  browser,
  request,
  baseURL,
}, testInfo) => {
  const { orderId } = await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");

  // The same shopper on a phone: signed in (the shopper cookie), with its own storage, so its
  // kit knows nothing of the first device's attempt.
  const phone = await sameShopperElsewhere(browser, context, baseURL ?? "", testInfo);
  const second = await phone.newPage();
  await second.goto(`/checkout/${orderId}`);
  await expect(orderStatus(second)).toHaveAttribute("data-status", "processing");
  await expect(orderStatus(second)).toContainText("Your payment is in progress.");
  await shop(second).getByRole("radio", { name: /000/ }).click();
  await payButton(second).click();
  // The proxy refuses a second payment for the order (SOURCE_BUSY): the kit follows the first.
  await expectFlowState(second, "busy");
  await expect(flow(second)).toContainText("already in progress");
  await checkpoint(second, "26-second-device-busy");

  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expectFlowState(second, "already_paid");
  await expect(orderStatus(second)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(shop(second).getByRole("link", { name: "View your receipt" })).toBeVisible();
  await checkpoint(second, "27-second-device-already-paid");
  await expectOneExecution(request, { status: "COMPLETED" });
  await phone.close();
});

test("the tab closes during the wait: the order becomes paid on the server, no browser open", async ({
  page,
  context,
  request,
  playwright,
  browser,
  baseURL,
}, testInfo) => {
  // Up to 30 s for the server's follow-up, on top of the payment.
  test.setTimeout(90_000);
  const { orderId } = await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  const [execution] = await ledger(request);

  // The shopper closes the tab (and the browser) while the phone asks them to approve.
  const shopper = await asShopper(playwright, context, baseURL ?? "");
  const cookies = await context.cookies();
  await page.close();
  await context.close();
  expect((await orderOnServer(shopper, orderId)).status).toBe("processing");

  // They approve on the phone: the simulator's clock passes the PROCESSING time.
  await advanceClock(request, PAST_THE_WAIT_MS);
  await expect
    .poll(async () => (await orderOnServer(shopper, orderId)).status, { timeout: 30_000 })
    .toBe("paid");
  expect((await orderOnServer(shopper, orderId)).payment).toMatchObject({
    reference_id: execution?.reference_id,
    status: "COMPLETED",
  });
  await expectOneExecution(request, { status: "COMPLETED" });

  // Another shopper (no cookie of this one) cannot see it.
  expect((await request.get(`/shop/orders/${orderId}`)).status()).toBe(404);
  await shopper.dispose();

  // Back later, on any device: the order page says it is paid, and offers no second payment.
  const later = await sameShopperElsewhere(browser, cookies, baseURL ?? "", testInfo);
  const page2 = await later.newPage();
  await page2.goto(`/checkout/${orderId}`);
  await expect(orderStatus(page2)).toHaveAttribute("data-status", "paid");
  await expect(orderStatus(page2)).toContainText("We received your payment");
  await expect(shop(page2).getByRole("link", { name: "View your receipt" })).toBeVisible();
  await expect(flow(page2)).toHaveCount(0);
  await later.close();
});

test("one basket, one payment: Back during the wait shows the payment; Check out leads to that order", async ({
  page,
  request,
}) => {
  const { orderId } = await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");

  // Back to the shop: the cart is still full, and the shop says a payment is in progress.
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(paymentBanner(page)).toContainText("is in progress");
  await checkpoint(page, "28-shop-payment-in-progress");
  await paymentBanner(page).getByRole("link", { name: "See your order" }).click();
  await expect(page).toHaveURL(new RegExp(`/checkout/${orderId}$`));
  await expectFlowState(page, "processing");

  // "Check out" again with the same basket: the same order, not a second one.
  await page.goBack();
  await shop(page).getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(new RegExp(`/checkout/${orderId}$`));
  await expectFlowState(page, "processing");
  await expect(paymentBanner(page)).toHaveCount(0);

  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expect(orderStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(flow(page)).toContainText("Payment received. Thank you!");
  // One order: the shopper has one, and the simulator holds its source and, made when its
  // checkout page first opened, its source on Dollr's page, nothing else.
  const mine = (await (await page.request.get("/shop/orders")).json()) as {
    orders: { id: number; hosted: { source: { id: number } } | null }[];
  };
  expect(mine.orders.map((order) => order.id)).toEqual([orderId]);
  const simulator = (await (await request.get("/__simulator/ledger")).json()) as {
    sources: { source_id: number }[];
  };
  expect(simulator.sources.map((source) => source.source_id).sort()).toEqual(
    [orderId, mine.orders[0]?.hosted?.source.id].sort(),
  );
  await expectOneExecution(request, { status: "COMPLETED" });
  await expect(page.getByRole("link", { name: /^Cart/ })).toContainText("0");
});
