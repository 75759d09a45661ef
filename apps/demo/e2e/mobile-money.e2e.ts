import {
  addWallet,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  ledger,
  orderSomething,
  PHONES,
  payButton,
  shop,
  skipTheWait,
  test,
} from "./fixtures.ts";

test("mobile money succeeds once the wait is fast-forwarded", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Goods from Liberia and Rwanda");
  await checkpoint(page, "01-shop");
  await shop(page).getByRole("button", { name: "Add to cart: Nimba coffee, 250 g" }).click();
  await shop(page).getByRole("button", { name: "Add one Nimba coffee, 250 g" }).click();
  await shop(page).getByRole("button", { name: "Add to cart: Agaseke basket" }).click();
  await checkpoint(page, "02-cart");
  await shop(page).getByRole("button", { name: "Check out" }).click();
  await page.waitForURL(/\/checkout\/\d+$/);
  await expectFlowState(page, "selecting");
  await checkpoint(page, "03-checkout");

  await addWallet(page, PHONES.succeeds);
  await expect(flow(page).getByText("Total")).toBeVisible();
  await checkpoint(page, "04-wallet-chosen");
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await expect(flow(page)).toContainText("Approve the payment on your phone");
  await checkpoint(page, "05-mobile-money-processing");

  await skipTheWait(page);
  await expectFlowState(page, "succeeded");
  await expect(flow(page)).toContainText("Payment received. Thank you!");
  await checkpoint(page, "06-mobile-money-succeeded");

  await shop(page).getByRole("link", { name: "View your receipt" }).click();
  await page.waitForURL(/\/orders\/\d+\/receipt$/);
  // Dollr's receipt, once the shop's server booked the payment (its follow-up, within seconds).
  const receipt = page.locator('[data-slot="receipt"]');
  await expect(receipt).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(receipt.locator('[data-row="payment-method"]')).toContainText("0000");
  await checkpoint(page, "07-receipt");

  const executions = await ledger(request);
  expect(executions).toHaveLength(1);
  // 2 × 9.50 + 24.00 = 43.00, plus the 2 % mobile-money fee: 43.86.
  expect(executions[0]).toMatchObject({
    status: "COMPLETED",
    amount: "43.86",
    currency: "USD",
    execute_calls: 1,
  });
});

test("mobile money the customer does not approve fails after the wait", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addWallet(page, PHONES.failsLater);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await skipTheWait(page);
  await expectFlowState(page, "failed");
  await expect(flow(page)).toContainText("The payment didn't go through.");
  await expect(flow(page)).toContainText("The payment wasn't approved on your phone in time.");
  await expect(shop(page).getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(
    shop(page).getByRole("button", { name: "Use another payment method" }),
  ).toBeVisible();
  await checkpoint(page, "08-mobile-money-failed");
  await expectOneExecution(request, { status: "FAILED" });
});

test("a number that never completes: expired, then a later check finds the truth", async ({
  page,
  request,
}) => {
  await page.goto("/");
  // Developer panel: stop the automatic checks after 15 s instead of the proxy's 15 minutes.
  await page.getByLabel("The checkout stops checking after").selectOption({ label: "15 seconds" });
  await orderSomething(page);
  await addWallet(page, PHONES.neverCompletes);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await skipTheWait(page); // …2 stays PROCESSING however long the operator waits
  await expectFlowState(page, "expired", 25_000);
  await expect(flow(page)).toContainText(
    "We stopped checking automatically. The payment may still complete.",
  );
  await checkpoint(page, "09-expired");

  // Later: the session ran out at the operator, so Dollr now knows the payment's fate.
  await page.getByRole("button", { name: /^Expire sessions/ }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Moved the simulator clock" }),
  ).toBeVisible();
  await shop(page).getByRole("button", { name: "Check again" }).click();
  await expectFlowState(page, "failed");
  await expect(flow(page)).toContainText("The payment didn't go through.");
  await checkpoint(page, "10-expired-then-failed");
  await expectOneExecution(request, { status: "EXPIRED" });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the shop and the mobile-money wait fit a small screen", async ({ page }) => {
    await page.goto("/");
    await shop(page).getByRole("button", { name: "Add to cart: Agaseke basket" }).tap();
    await checkpoint(page, "24-phone-shop");
    await shop(page).getByRole("button", { name: "Check out" }).tap();
    await page.waitForURL(/\/checkout\/\d+$/);
    await addWallet(page, PHONES.succeeds);
    await payButton(page).tap();
    await expectFlowState(page, "processing");
    await checkpoint(page, "25-phone-processing");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
