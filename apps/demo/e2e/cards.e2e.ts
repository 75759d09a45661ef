import {
  addCard,
  CARDS,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  ledger,
  orderSomething,
  payButton,
  shop,
  test,
} from "./fixtures.ts";

test("a card without 3D Secure pays at once", async ({ page, request }) => {
  await orderSomething(page);
  await addCard(page, CARDS.visa);
  await expect(flow(page)).toContainText("Visa");
  await checkpoint(page, "11-card-chosen");
  await payButton(page).click();
  await expectFlowState(page, "succeeded");
  await expect(flow(page)).toContainText("Payment received. Thank you!");
  await checkpoint(page, "12-card-succeeded");
  const executions = await ledger(request);
  expect(executions).toHaveLength(1);
  // 9.50 + 3.5 % + 0.30 card fee = 10.13.
  expect(executions[0]).toMatchObject({ status: "COMPLETED", amount: "10.13", execute_calls: 1 });
});

test("a card with 3D Secure: the challenge is completed", async ({ page, request }) => {
  await orderSomething(page);
  await addCard(page, CARDS.threeDSecure);
  await payButton(page).click();
  const challenge = page.getByRole("dialog", { name: "Test 3D Secure authentication" });
  await expect(challenge).toBeVisible();
  await expectFlowState(page, "authenticating");
  await checkpoint(page, "13-3ds-challenge");
  await challenge.getByRole("button", { name: "Complete" }).click();
  await expect(challenge).toBeHidden();
  await expectFlowState(page, "succeeded");
  await checkpoint(page, "14-3ds-succeeded");
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("a card with 3D Secure: the challenge fails, then another card pays", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addCard(page, CARDS.threeDSecure);
  await payButton(page).click();
  const challenge = page.getByRole("dialog", { name: "Test 3D Secure authentication" });
  await challenge.getByRole("button", { name: "Fail" }).click();
  await expect(challenge).toBeHidden();
  await expectFlowState(page, "failed");
  await expect(flow(page)).toContainText("The payment didn't go through.");
  await checkpoint(page, "15-3ds-failed");

  await shop(page).getByRole("button", { name: "Use another payment method" }).click();
  await expectFlowState(page, "selecting");
  await addCard(page, CARDS.visa);
  await payButton(page).click();
  await expectFlowState(page, "succeeded");
  const executions = await ledger(request);
  expect(executions.map((execution) => execution.status)).toEqual(["FAILED", "COMPLETED"]);
  expect(executions.every((execution) => execution.execute_calls === 1)).toBe(true);
});
