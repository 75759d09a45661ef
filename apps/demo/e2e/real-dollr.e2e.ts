/**
 * Real-Dollr mode: the demo's server started with DOLLR_BASE_URL and credentials talks to
 * "Dollr" through `createDollrProxy` over HTTP. Here a stand-alone simulator plays Dollr (on its
 * own port, out of the demo's reach); the demo has no simulator controls and no developer panel.
 */
import {
  addWallet,
  checkpoint,
  expect,
  expectFlowState,
  flow,
  orderSomething,
  PHONES,
  payButton,
  shop,
  test,
} from "./fixtures.ts";
import { realModePort, standInPort } from "./ports.ts";

test.use({ baseURL: `http://127.0.0.1:${realModePort}`, simulatorControls: false });

test("real-Dollr mode: a payment through createDollrProxy, no simulator controls", async ({
  page,
  request,
}) => {
  const info = await request.get("/shop/info");
  expect(await info.json()).toMatchObject({ mode: "dollr", simulator: false });
  expect((await request.get("/__simulator/ledger")).status()).toBe(404);
  expect((await request.post("/__demo/reset")).status()).toBe(404);
  const before = await request.get(`http://127.0.0.1:${standInPort}/__simulator/ledger`);
  const executionsBefore = ((await before.json()) as { executions: unknown[] }).executions.length;

  const { orderId } = await orderSomething(page);
  await expect(page.getByRole("complementary", { name: "Developer panel" })).toHaveCount(0);
  await expect(page.getByRole("contentinfo")).toContainText("payments here move real money");
  // No Stripe publishable key configured: no cards, mobile money only.
  await expect(shop(page).getByRole("button", { name: "Add a card" })).toHaveCount(0);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  await checkpoint(page, "23-real-dollr-processing");
  // The stand-in Dollr approves after 3 s of PROCESSING.
  await expectFlowState(page, "succeeded", 20_000);
  await expect(flow(page)).toContainText("Payment received. Thank you!");

  const after = await request.get(`http://127.0.0.1:${standInPort}/__simulator/ledger`);
  const executions = (
    (await after.json()) as {
      executions: { source_id: number; status: string; execute_calls: number }[];
    }
  ).executions;
  expect(executions).toHaveLength(executionsBefore + 1);
  expect(executions.at(-1)).toMatchObject({
    source_id: orderId,
    status: "COMPLETED",
    execute_calls: 1,
  });
});
