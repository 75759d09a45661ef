// The README's cart checkout recipe (recipes/cart-checkout.ts) is shown as the file is, and runs:
// the shop's route over real HTTP makes the order's source once, and the customer pays it through
// the proxy (DIRECT) or on Dollr's page (HOSTED); the browser never sets an amount.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { afterEach, describe, expect, it } from "vitest";
import { checkoutRoute, type Shop } from "../../recipes/cart-checkout.ts";
import { silentLogger } from "../logging.ts";
import { createMemoryCheckoutStore } from "../stores/checkout-store.ts";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type Harness,
  newReferenceId,
  PHONES,
  startHarness,
} from "../test-support.ts";
import { type CartCheckout, createCartCheckout } from "./cart-checkout.ts";
import { SHOP } from "./test-support.ts";

let h: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await h?.close();
  h = server = undefined;
});

const shop: Shop = {
  origin: SHOP,
  async customer(request) {
    return request.headers.get("authorization") === "Bearer alice"
      ? { id: "alice", phone: PHONES.succeeds, name: "Alice" }
      : null;
  },
  async order(customerId, orderId) {
    if (customerId !== "alice" || (orderId !== 7 && orderId !== 8)) return null;
    return {
      id: orderId,
      lines: [
        { name: "Tea", unitAmount: "2.50", qty: 3, currency: "USD" },
        { name: "Cake", unitAmount: "4.00", qty: 1, currency: "USD" },
      ],
    };
  },
};

/** The proxy harness, whose customers may pay the sources made for them, and the shop's route. */
async function start() {
  let checkout: CartCheckout | null = null;
  h = await startHarness({
    proxy: {
      authorizeSource: async (customer, source) =>
        (await checkout?.ownerOf(source)) === customer.id,
    },
  });
  const simulator = h.simulator;
  checkout = createCartCheckout({
    dollr: { baseUrl: "http://simulator.test", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    fetch: (request) => simulator(request),
    checkouts: createMemoryCheckoutStore(),
    returnOrigins: [SHOP],
    logger: silentLogger,
  });
  server = createServer(createRequestListener(checkoutRoute(shop, checkout)));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/checkout`;
  const post = async (body: unknown, as: string | null = "alice") => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(as ? { authorization: `Bearer ${as}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  return { harness: h, post };
}

describe("the README's cart checkout recipe", () => {
  it("is shown as the file is", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const [, file, code] = /<!-- cart-recipe: (\S+) -->\n```\w*\n([\s\S]*?)```/.exec(readme) ?? [];
    expect(file).toBe("recipes/cart-checkout.ts");
    expect(code).toBe(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"));
  });

  it("DIRECT: answers the order's source, which the customer then pays through the proxy", async () => {
    const { harness, post } = await start();
    const made = await post({ order_id: 7, mode: "DIRECT" });
    expect(made).toEqual({
      status: 200,
      json: {
        source: { type: "ORDER", id: expect.any(Number), number: expect.stringMatching(/^ORD-/) },
        total: "11.50",
        currency: "USD",
      },
    });
    expect((await post({ order_id: 7, mode: "DIRECT" })).json).toEqual(made.json);
    const source = { source_type: "ORDER", source_id: made.json.source.id };
    expect(
      (await harness.call("POST", "/v1/sessions/checkout", { as: "bob", json: source })).status,
    ).toBe(403);
    const execute = await harness.call("POST", "/v1/executions/collection", {
      json: {
        session_id: await harness.session("alice", source as never),
        payment_account_id: await harness.wallet("alice"),
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(execute.json).toMatchObject({ status: "PROCESSING", payee_amount: 11.5 });
  });

  it("HOSTED: answers Dollr's page; the browser can set neither an amount nor someone's order", async () => {
    const { harness, post } = await start();
    const made = await post({ order_id: 8, mode: "HOSTED" });
    expect(made.status).toBe(200);
    const page = await harness.simulator(new Request(made.json.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("11.50");
    expect((await post({ order_id: 7, mode: "DIRECT", amount: "0.01" })).status).toBe(422);
    expect((await post({ order_id: 9, mode: "DIRECT" })).status).toBe(404);
    expect((await post({ order_id: 7, mode: "DIRECT" }, null)).status).toBe(401);
    // The same order in the other mode is another checkout: refused, not a second source.
    expect((await post({ order_id: 8, mode: "DIRECT" })).status).toBe(409);
  });
});
