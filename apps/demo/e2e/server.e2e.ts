import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "./fixtures.ts";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

test("the browser cannot set the amount: the server prices the order", async ({
  request,
  baseURL,
}) => {
  const cheap = await request.post("/shop/orders", {
    data: { items: [{ product_id: "basket", qty: 1, price: "0.01" }] },
  });
  expect(cheap.status()).toBe(422);
  const withTotal = await request.post("/shop/orders", {
    data: { items: [{ product_id: "basket", qty: 1 }], total: "0.01" },
  });
  expect(withTotal.status()).toBe(422);
  const crossSite = await request.post("/shop/orders", {
    data: { items: [{ product_id: "basket", qty: 1 }] },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);

  const order = await request.post("/shop/orders", {
    data: { items: [{ product_id: "basket", qty: 2 }] },
    headers: { origin: baseURL ?? "" },
  });
  expect(order.status()).toBe(201);
  const made = (await order.json()) as { id: number; total: string; source_type: string };
  expect(made.total).toBe("48.00");

  // The proxy refuses an amount too: it pays the order's own total.
  const session = await request.post("/api/dollr/v1/sessions/checkout", {
    data: { source_type: "ORDER", source_id: made.id, amount: 0.01 },
  });
  expect(session.status()).toBe(422);
  const status = await request.get(
    `/api/dollr/v1/status/source?source_type=ORDER&source_id=${made.id}`,
  );
  // Dollr's PaymentSourceStatusResponse says the total as a JSON number.
  expect(((await status.json()) as { total_amount: number }).total_amount).toBe(48);
});

test("one basket, one order: the shop answers a basket's order, and only to its shopper", async ({
  request,
  playwright,
  baseURL,
}) => {
  const basket_id = crypto.randomUUID();
  const coffee = [{ product_id: "coffee", qty: 2 }];
  const first = await request.post("/shop/orders", { data: { items: coffee, basket_id } });
  expect(first.status()).toBe(201);
  const made = (await first.json()) as { id: number; status: string };
  expect(made.status).toBe("unpaid");

  // The same basket again (a double click, Back then Check out): the same order.
  const again = await request.post("/shop/orders", { data: { items: coffee, basket_id } });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ id: made.id, reused: "same_basket" });
  // The same contents from another cart of this shopper (another device): the same order too.
  const twin = await request.post("/shop/orders", { data: { items: coffee } });
  expect(await twin.json()).toMatchObject({ id: made.id, reused: "same_basket" });

  // The cart changed before paying: a new order, and the old one can no longer be paid.
  const changed = await request.post("/shop/orders", {
    data: { items: [...coffee, { product_id: "tea", qty: 1 }], basket_id },
  });
  expect(changed.status()).toBe(201);
  const replacement = (await changed.json()) as { id: number };
  const old = await request.get(`/shop/orders/${made.id}`);
  expect(await old.json()).toMatchObject({ status: "cancelled", replaced_by: replacement.id });
  const oldSession = await request.post("/api/dollr/v1/sessions/checkout", {
    data: { source_type: "ORDER", source_id: made.id },
  });
  expect(oldSession.status()).toBe(403);

  // Another shopper sees no such order and cannot pay it.
  const stranger = await playwright.request.newContext({ baseURL: baseURL ?? "" });
  expect((await stranger.get(`/shop/orders/${replacement.id}`)).status()).toBe(404);
  const theirSession = await stranger.post("/api/dollr/v1/sessions/checkout", {
    data: { source_type: "ORDER", source_id: replacement.id },
  });
  expect(theirSession.status()).toBe(403);
  expect(
    ((await (await stranger.get("/shop/orders")).json()) as { orders: unknown[] }).orders,
  ).toEqual([]);
  await stranger.dispose();
});

test("the production server: the app's routes, security headers, and no secret in the bundle", async ({
  request,
}) => {
  const home = await request.get("/");
  expect(home.headers()["content-type"]).toContain("text/html");
  expect(home.headers()["content-security-policy"]).toContain("frame-src https://js.stripe.com");
  const deepLink = await request.get("/checkout/12345");
  expect(deepLink.status()).toBe(200);
  expect(await deepLink.text()).toContain('<div id="root">');
  expect((await request.get("/assets/missing.js")).status()).toBe(404);
  expect((await request.get("/../package.json")).status()).toBe(404);
  expect((await request.get("/api/dollr/kit/config")).status()).toBe(200);
  expect((await request.get("/__simulator/ledger")).status()).toBe(200);

  const assets = readdirSync(path.join(dist, "assets")).filter((file) => file.endsWith(".js"));
  expect(assets.length).toBeGreaterThan(0);
  for (const file of assets) {
    const served = await request.get(`/assets/${file}`);
    expect(served.status()).toBe(200);
    const text = readFileSync(path.join(dist, "assets", file), "utf8");
    for (const secret of [
      "sim_client_secret",
      "sim_client_id",
      "DOLLR_CLIENT_SECRET",
      "DOLLR_CLIENT_ID",
    ]) {
      expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  }
});
