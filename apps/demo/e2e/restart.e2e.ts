/**
 * Restarting the demo server during the mobile-money wait loses nothing: the orders, the proxy's
 * attempts and the simulator's state are in the data folder, so the reopened checkout resumes the
 * same attempt and the order ends paid. This test starts its own server (restartPort) to stop it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DemoServer, startDemoServer } from "./demo-server.ts";
import {
  addWallet,
  advanceClock,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  leaveWithoutAsking,
  ledger,
  orderSomething,
  orderStatus,
  PHONES,
  payButton,
  test,
} from "./fixtures.ts";
import { restartPort } from "./ports.ts";

let dataDir = "";
let server: DemoServer | null = null;

test.use({ baseURL: `http://127.0.0.1:${restartPort}` });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kola-e2e-restart-"));
  server = await startDemoServer({ port: restartPort, dataDir, fresh: true });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a restart during the wait: the reopened checkout resumes the same attempt; the order is paid", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  // Two starts of a server (PGlite, migrations) on top of a payment.
  test.setTimeout(120_000);
  const { orderId } = await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  const before = await ledger(page.request);
  expect(before).toHaveLength(1);

  // The tab is closed and the server restarted (Ctrl-C, then `npm run dev` again).
  await page.close();
  await server?.stop();
  server = null;
  server = await startDemoServer({ port: restartPort, dataDir, fresh: false });

  // A fresh client for the new process (the old one's connections are gone).
  const api = await playwright.request.newContext({ baseURL: baseURL ?? "" });
  const reopened = await context.newPage();
  leaveWithoutAsking(reopened);
  await reopened.goto(`/checkout/${orderId}`);
  await expectFlowState(reopened, "processing");
  await expect(flow(reopened)).toContainText("Approve the payment on your phone");
  await expect(orderStatus(reopened)).toHaveAttribute("data-status", "processing");

  await advanceClock(api, 91_000);
  await expectFlowState(reopened, "succeeded");
  await expect(orderStatus(reopened)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expectOneExecution(api, { reference_id: before[0]?.reference_id, status: "COMPLETED" });
  await api.dispose();
});
