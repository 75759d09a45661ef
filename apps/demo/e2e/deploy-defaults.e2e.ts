/**
 * The production server as deployed with none of the deployment flags (README, "Deploying the
 * demo safely"): simulator mode, but no developer controls, no source maps, no HSTS on plain
 * http. This file starts that server itself (deployPort), with its own data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DemoServer, startDemoServer } from "./demo-server.ts";
import {
  addCard,
  CARDS,
  expect,
  expectFlowState,
  orderOnServer,
  orderSomething,
  payButton,
  test,
} from "./fixtures.ts";
import { deployPort } from "./ports.ts";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
let dataDir = "";
let server: DemoServer | null = null;

test.use({ baseURL: `http://127.0.0.1:${deployPort}`, simulatorControls: false });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kola-e2e-deploy-"));
  server = await startDemoServer({
    port: deployPort,
    dataDir,
    fresh: true,
    env: { DEMO_DEV_CONTROLS: "", DEMO_TRUST_PROXY: "", DEMO_SOURCE_MAPS: "" },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("without DEMO_DEV_CONTROLS=1 the developer controls are not mounted, nor the panel", async ({
  request,
  page,
}) => {
  expect(await (await request.get("/shop/info")).json()).toMatchObject({
    mode: "simulator",
    dev_controls: false,
  });
  for (const path of [
    "/__demo",
    "/__demo/proxy",
    "/__simulator",
    "/__simulator/ledger",
    "/__simulator/config",
    "/__simulator/faults",
    "/__simulator/clock",
  ]) {
    expect((await request.get(path)).status(), `GET ${path}`).toBe(404);
  }
  for (const [path, data] of [
    ["/__demo/reset", {}],
    ["/__demo/proxy", { offline: true }],
    ["/__simulator/reset", {}],
    ["/__simulator/faults", { faults: [{ kind: "error_500" }] }],
    ["/__simulator/clock", { advanceMs: 90_000 }],
    ["/__simulator/config", { processingMs: 1 }],
  ] as const) {
    expect((await request.post(path, { data })).status(), `POST ${path}`).toBe(404);
  }
  // The proxy is not taken offline: the shop still pays through it.
  expect((await request.get("/api/dollr/kit/config")).status()).toBe(200);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Developer panel" })).toHaveCount(0);
});

test("the fake Stripe's 3D Secure report stays, same-origin JSON only", async ({ request }) => {
  const authenticate = "/__simulator/authenticate";
  // The simulator's own validation answers: the route is there (an unknown secret is its 404).
  const invalid = await request.post(authenticate, {
    data: { client_secret: "pi_unknown_secret", outcome: "maybe" },
  });
  expect(invalid.status()).toBe(422);
  const crossSite = await request.post(authenticate, {
    data: { client_secret: "pi_unknown_secret", outcome: "succeeded" },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  const plain = await request.post(authenticate, {
    data: JSON.stringify({ client_secret: "pi_unknown_secret", outcome: "succeeded" }),
    headers: { "content-type": "text/plain" },
  });
  expect(plain.status()).toBe(415);
});

test("a shopper still pays there: a card with 3D Secure, the order paid on the server", async ({
  page,
}) => {
  const { orderId } = await orderSomething(page);
  await addCard(page, CARDS.threeDSecure);
  await payButton(page).click();
  const challenge = page.getByRole("dialog", { name: "Test 3D Secure authentication" });
  await challenge.getByRole("button", { name: "Complete" }).click();
  await expectFlowState(page, "succeeded");
  await expect
    .poll(async () => (await orderOnServer(page.request, orderId)).status, { timeout: 30_000 })
    .toBe("paid");
});

test("source maps are built but not served, nor pointed at, without DEMO_SOURCE_MAPS=1", async ({
  request,
}) => {
  const files = readdirSync(path.join(dist, "assets"));
  const maps = files.filter((file) => file.endsWith(".js.map"));
  expect(maps.length).toBeGreaterThan(0);
  for (const map of maps) {
    expect((await request.get(`/assets/${map}`)).status(), map).toBe(404);
  }
  for (const file of files.filter((name) => name.endsWith(".js"))) {
    const served = await request.get(`/assets/${file}`);
    expect(served.status()).toBe(200);
    expect(served.headers().sourcemap, file).toBeUndefined();
    expect(readFileSync(path.join(dist, "assets", file), "utf8")).not.toContain("sourceMappingURL");
  }
});

test("no HSTS on plain http, and X-Forwarded-Proto is not trusted without DEMO_TRUST_PROXY=1", async ({
  request,
}) => {
  const variants: Record<string, string>[] = [{}, { "x-forwarded-proto": "https" }];
  for (const headers of variants) {
    for (const path of ["/", "/shop/info"]) {
      const answer = await request.get(path, { headers });
      expect(answer.headers()["strict-transport-security"], path).toBeUndefined();
      // The rest of the production headers are there all the same.
      expect(answer.headers()["cross-origin-opener-policy"], path).toBe("same-origin");
    }
  }
});
