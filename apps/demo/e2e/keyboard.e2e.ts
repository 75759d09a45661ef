import {
  advanceClock,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  PHONES,
  shop,
  tabTo,
  test,
} from "./fixtures.ts";

test("a whole payment with the keyboard alone", async ({ page, request }) => {
  await page.goto("/");
  const main = shop(page);

  const add = main.getByRole("button", { name: "Add to cart: Rwandan green tea" });
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  // The button becomes a quantity stepper; the focus stays on it (on "+").
  const more = main.getByRole("button", { name: "Add one Rwandan green tea" });
  await expect(more).toBeFocused();
  await page.keyboard.press("Space");
  await expect(main.getByRole("group", { name: "Quantity of Rwandan green tea" })).toContainText(
    "2",
  );

  await tabTo(page, main.getByRole("button", { name: "Check out" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/checkout\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expectFlowState(page, "selecting");

  await tabTo(page, main.getByRole("button", { name: "Add mobile money" }));
  await page.keyboard.press("Enter");
  await tabTo(page, main.getByLabel("Phone number"));
  await page.keyboard.type(PHONES.succeeds);
  await expect(main.getByText(/Operator: MTN/)).toBeVisible();
  await tabTo(page, main.getByLabel("Name on the account"));
  await page.keyboard.type("Ama Kollie");
  await checkpoint(page, "21-keyboard-add-wallet");
  await tabTo(page, main.getByRole("button", { name: "Save wallet" }));
  await page.keyboard.press("Enter");
  await expect(main.getByRole("radio", { checked: true })).toContainText("000");

  await tabTo(page, flow(page).getByRole("button", { name: /^Pay / }));
  await page.keyboard.press("Enter");
  await expectFlowState(page, "processing");
  // The customer approves on the phone (the simulator's clock stands in for it).
  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");

  await tabTo(page, main.getByRole("link", { name: "View your receipt" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/orders\/\d+\/receipt$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  // Dollr's receipt, once the shop's server booked the payment (its follow-up, within seconds).
  const receipt = page.locator('[data-slot="receipt"]');
  await expect(receipt).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(receipt.locator('[data-row="payment-method"]')).toContainText("0000");
  await expect(flow(page)).toHaveCount(0);
  await expectOneExecution(request, { status: "COMPLETED", amount: "12.24" });
});
