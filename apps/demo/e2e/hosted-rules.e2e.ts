/**
 * One payment per order between the page's checkout and Dollr's page, decided on the server:
 * no checkout on Dollr's page while a payment in the checkout holds the order, and no checkout
 * session while the order's payment on Dollr's page is under way; a replaced order's page on
 * Dollr's side is cancelled. The hosted checkout's route answers the order's own shopper only,
 * and takes nothing from the browser but `{}`.
 */
import {
  addWallet,
  advanceClock,
  asShopper,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  orderOnServer,
  orderSomething,
  orderStatus,
  PHONES,
  payButton,
  shop,
  test,
} from "./fixtures.ts";

test("a payment in the checkout holds the order: no checkout on Dollr's page meanwhile", async ({
  page,
  context,
  request,
  playwright,
  baseURL,
}) => {
  const { orderId } = await orderSomething(page);
  await expect(shop(page).locator('[data-slot="hosted-checkout"]')).toHaveAttribute(
    "data-state",
    "ready",
  );
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  // The page offers Dollr's page no more…
  await expect(orderStatus(page)).toHaveAttribute("data-status", "processing");
  await expect(shop(page).locator('[data-slot="hosted-checkout"]')).toHaveCount(0);

  // …and the server refuses it to a script too.
  const api = await asShopper(playwright, context, baseURL ?? "");
  const refused = await api.post(`/shop/orders/${orderId}/hosted-checkout`, { data: {} });
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({
    detail: expect.stringMatching(/in progress in the checkout/),
  });

  await advanceClock(request, 91_000);
  await expectFlowState(page, "succeeded");
  await expect(orderStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const paid = await api.post(`/shop/orders/${orderId}/hosted-checkout`, { data: {} });
  expect(paid.status()).toBe(409);
  await expectOneExecution(request, { status: "COMPLETED" });
  await api.dispose();
});

test("a payment on Dollr's page holds the order: the checkout cannot open a session", async ({
  page,
  context,
  request,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { orderId } = await orderSomething(page);
  const api = await asShopper(playwright, context, baseURL ?? "");
  const made = await api.post(`/shop/orders/${orderId}/hosted-checkout`, { data: {} });
  expect(made.status()).toBe(200);
  const hosted = (await made.json()) as { url: string; source: { id: number } };
  // Asked again: the same page and source (one per order).
  const again = await api.post(`/shop/orders/${orderId}/hosted-checkout`, { data: {} });
  expect(await again.json()).toEqual(hosted);

  // The shopper pays on Dollr's page (its form, posted as a browser would).
  const paying = await api.post(hosted.url, {
    form: { method: "mobile_money", phone: PHONES.succeeds },
    maxRedirects: 0,
  });
  expect(paying.status()).toBe(303);
  expect(paying.headers().location).toBe(`${baseURL}/orders/${orderId}/return`);

  // No session for the order in the page's checkout, nor for the source of Dollr's page.
  for (const source_id of [orderId, hosted.source.id]) {
    const session = await api.post("/api/dollr/v1/sessions/checkout", {
      data: { source_type: "ORDER", source_id },
    });
    expect(session.status(), `session for ${source_id}`).toBe(403);
  }
  // The source of Dollr's page is the shopper's to follow, though.
  const followed = await api.get(
    `/api/dollr/v1/status/source?source_type=ORDER&source_id=${hosted.source.id}`,
  );
  expect(await followed.json()).toMatchObject({ status: "PROCESSING" });

  // Once the server's follow-up has read the source, the order is in progress: its page shows
  // that, and no checkout to pay it again.
  await expect
    .poll(async () => (await orderOnServer(api, orderId)).status, { timeout: 30_000 })
    .toBe("processing");
  await page.goto(`/checkout/${orderId}`);
  await expect(orderStatus(page)).toHaveAttribute("data-status", "processing");
  await expect(orderStatus(page)).toContainText("Your payment on Dollr's page is being confirmed");
  // The payment card is loaded (the checkout would be there by now)…
  await expect(shop(page).getByRole("heading", { name: "Payment" })).toBeVisible();
  await expect(shop(page).getByText("Loading checkout…")).toHaveCount(0);
  await expect(flow(page)).toHaveCount(0);
  await expect(shop(page).locator('[data-slot="hosted-checkout"]')).toHaveCount(0);

  await advanceClock(request, 91_000);
  await expect(orderStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(shop(page).getByRole("link", { name: "View your receipt" })).toBeVisible();
  expect(await orderOnServer(api, orderId)).toMatchObject({ payment: { via: "dollr_page" } });
  await expectOneExecution(request, { status: "COMPLETED" });
  await api.dispose();
});

test("the hosted checkout route: its shopper only, `{}` only, same-origin only", async ({
  request,
  playwright,
  baseURL,
}) => {
  const order = await request.post("/shop/orders", {
    data: { items: [{ product_id: "tea", qty: 3 }] },
  });
  const { id } = (await order.json()) as { id: number };
  const route = `/shop/orders/${id}/hosted-checkout`;

  const withAmount = await request.post(route, { data: { amount: "0.01" } });
  expect(withAmount.status()).toBe(422);
  expect((await request.post(route, { form: { x: "1" } })).status()).toBe(415);
  const crossSite = await request.post(route, {
    data: {},
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await request.get(route)).status()).toBe(405);

  const stranger = await playwright.request.newContext({ baseURL: baseURL ?? "" });
  const theirs = await stranger.post(route, { data: {} });
  expect(theirs.status()).toBe(404);
  expect(await theirs.json()).toEqual({ detail: "No such order" });
  await stranger.dispose();

  // The order's own three teas, at the catalog's price: Dollr's page charges 18.00.
  const mine = await request.post(route, { data: {} });
  expect(mine.status()).toBe(200);
  expect(await mine.json()).toMatchObject({ total: "18.00", currency: "USD" });
  expect((await request.get(`/shop/orders/${id}`)).ok()).toBe(true);
});

test("a changed cart replaces the order: its page on Dollr's side is cancelled at Dollr", async ({
  request,
}) => {
  const basket_id = crypto.randomUUID();
  const first = await request.post("/shop/orders", {
    data: { items: [{ product_id: "coffee", qty: 1 }], basket_id },
  });
  const { id } = (await first.json()) as { id: number };
  const made = await request.post(`/shop/orders/${id}/hosted-checkout`, { data: {} });
  const hosted = (await made.json()) as { url: string; source: { id: number } };

  const changed = await request.post("/shop/orders", {
    data: { items: [{ product_id: "coffee", qty: 2 }], basket_id },
  });
  expect(changed.status()).toBe(201);
  expect(await (await request.get(`/shop/orders/${id}`)).json()).toMatchObject({
    status: "cancelled",
  });
  // Dollr says so, and its page offers no way to pay any more.
  const source = await request.get(
    `/api/dollr/v1/status/source?source_type=ORDER&source_id=${hosted.source.id}`,
  );
  expect(await source.json()).toMatchObject({ status: "CANCELED" });
  const page = await request.get(hosted.url);
  expect(await page.text()).toContain("cannot be paid");
  expect(await page.text()).not.toContain("with mobile money");
});
