import {
  expect,
  expectAccessible,
  expectFlowState,
  ledger,
  orderSomething,
  payButton,
  SCREENSHOT_DIR,
  shop,
  test,
} from "./fixtures.ts";

test("the developer panel: test data, faults, the ledger; accessible", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const panel = page.getByRole("complementary", { name: "Developer panel" });
  await expect(panel).toBeVisible();
  await expectAccessible(page, "the developer panel", { devPanel: true });

  // Save a test wallet straight to the customer's payment methods.
  await panel.getByRole("button", { name: "Save wallet 231880000000" }).click();
  await expect(panel.getByRole("status")).toHaveText(/Saved wallet 231880000000/);
  await orderSomething(page);
  await shop(page).getByRole("radio", { name: /000/ }).click();
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await expect(
    panel.getByRole("table", { name: "Executions the simulator received" }),
  ).toContainText("PROCESSING");

  await panel.getByRole("button", { name: "Rate-limit the next checkout (429)" }).click();
  await expect(panel).toContainText("rate_limit on POST /v1/sessions/checkout");
  await panel.getByRole("button", { name: "Proxy offline" }).click();
  await expect(panel.getByRole("button", { name: "Proxy offline" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expectAccessible(page, "the developer panel with faults", { devPanel: true });
  await panel.screenshot({
    path: `${SCREENSHOT_DIR}/22-developer-panel.png`,
    animations: "disabled",
    style: ".dev-panel { position: static !important; max-height: none !important; }",
  });

  await panel.getByRole("button", { name: "Clear faults" }).click();
  await expect(panel.getByRole("button", { name: "Proxy offline" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await expect(panel).toContainText("Active: none");
  await panel.getByRole("button", { name: /^Skip the wait/ }).click();
  await expectFlowState(page, "succeeded");
  expect(await ledger(request)).toHaveLength(1);

  // Closed, it stays closed (a developer's choice, kept in this browser).
  await panel.locator("summary").click();
  await expect(panel.getByRole("button", { name: /^Skip the wait/ })).toBeHidden();
  await page.reload();
  await expect(panel.getByRole("button", { name: /^Skip the wait/ })).toBeHidden();
});
