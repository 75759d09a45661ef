// Checkout from a cart on the server, against the simulator over real HTTP: the merchant's lines
// become Dollr's items exactly, the source is recorded once per order, HOSTED answers Dollr's own
// page, and nothing hostile (or merely wrong) reaches Dollr.
import { DollrKitError, isDollrKitError } from "@dollr-kit/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { PHONES } from "../test-support.ts";
import { type CartHarness, cart, SHOP, startCartHarness } from "./test-support.ts";

let c: CartHarness | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function failure(promise: Promise<unknown>): Promise<DollrKitError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDollrKitError(error)) throw new Error(`expected a DollrKitError, got ${String(error)}`);
  return error;
}

describe("a DIRECT checkout", () => {
  it("sends one item per line (qty in the name, amount × qty exact) and records the source", async () => {
    c = await startCartHarness();
    const input = cart({ orderReference: "order-1001", note: "Gift wrap" });
    const result = await c.helper().create(input);
    expect(result).toEqual({
      source: { type: "ORDER", id: expect.any(Number), number: expect.stringMatching(/^ORD-/) },
      total: "11.50",
      currency: "USD",
    });
    expect(c.creates).toEqual([
      {
        mode: "DIRECT",
        source_kind: "ORDER",
        party_phone: PHONES.succeeds,
        party_name: "Alice",
        currency: "USD",
        items: [
          { name: "3 × Tea", currency: "USD", amount: "7.50" },
          { name: "Cake", currency: "USD", amount: "4.00" },
        ],
        reference_id: "order-1001",
        note: "Gift wrap",
      },
    ]);
    const ledger = c.simulator.control.ledger().sources;
    expect(ledger).toContainEqual(
      expect.objectContaining({ source_id: result.source.id, total_amount: "11.50" }),
    );
    expect(await c.checkouts.getCheckout("order-1001")).toMatchObject({
      customerId: "alice",
      mode: "DIRECT",
      state: "open",
      source: { source_type: "ORDER", source_id: result.source.id },
      sourceNumber: result.source.number,
      total: "11.50",
      url: null,
      claimedBy: null,
    });
    const helper = c.helper();
    expect(await helper.get("order-1001")).toEqual(result);
    expect(await helper.ownerOf({ source_type: "ORDER", source_id: result.source.id })).toBe(
      "alice",
    );
  });

  it("answers the recorded source for the same order, once made, and refuses a changed cart", async () => {
    c = await startCartHarness();
    const helper = c.helper();
    const input = cart();
    // Ten calls at once in this process: the first makes the source, the others wait for it.
    const racing = await Promise.all(Array.from({ length: 10 }, () => helper.create({ ...input })));
    const first = racing[0];
    for (const answer of racing) expect(answer).toEqual(first);
    expect(await helper.create(input)).toEqual(first);
    expect(c.creates).toHaveLength(1);

    const changed = await failure(
      helper.create({
        ...input,
        lines: [{ name: "Tea", unitAmount: "2.50", qty: 4, currency: "USD" }],
      }),
    );
    expect(changed.code).toBe("CONFLICT");
    expect(changed.message).toMatch(/another cart/);
    const stolen = await failure(
      helper.create({ ...input, customer: { id: "bob", phone: PHONES.succeeds, name: "Bob" } }),
    );
    expect(stolen.code).toBe("CONFLICT");
    expect(c.creates).toHaveLength(1);
  });

  it("keeps concurrent orders apart: ten orders at once make ten sources", async () => {
    c = await startCartHarness();
    const helper = c.helper();
    const results = await Promise.all(Array.from({ length: 10 }, () => helper.create(cart())));
    expect(new Set(results.map((r) => r.source.id)).size).toBe(10);
  });
});

describe("a HOSTED checkout", () => {
  it("answers Dollr's page URL as Dollr gave it, with the shop's return URLs sent", async () => {
    c = await startCartHarness();
    const input = cart({
      mode: "HOSTED",
      successUrl: `${SHOP}/orders/1002/thanks?x=1`,
      cancelUrl: `${SHOP}/cart`,
    });
    const result = await c.helper().create(input);
    const answered = c.answers[0] as { url: string };
    expect(result.url).toBe(answered.url);
    expect(result.url).toMatch(new RegExp(`^${c.dollrUrl}/pay/pay_[0-9a-f]{48}$`));
    expect(c.creates[0]).toMatchObject({
      mode: "HOSTED",
      success_url: `${SHOP}/orders/1002/thanks?x=1`,
      cancel_url: `${SHOP}/cart`,
    });
    const page = await fetch(result.url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("11.50");
    expect((await c.checkouts.getCheckout(input.orderReference))?.url).toBe(result.url);
  });
});

describe("input that must never reach Dollr", () => {
  it("is refused with every wrong field named", async () => {
    c = await startCartHarness();
    const helper = c.helper();
    const cases: [string, Parameters<typeof cart>[0], string][] = [
      ["a bad order reference", { orderReference: "order 1; drop" }, "orderReference"],
      [
        "a phone with +",
        { customer: { id: "a", phone: "+231880000000", name: "A" } },
        "customer.phone",
      ],
      ["no name", { customer: { id: "a", phone: PHONES.succeeds, name: " " } }, "customer.name"],
      [
        "a bad email",
        { customer: { id: "a", phone: PHONES.succeeds, name: "A", email: "x" } },
        "customer.email",
      ],
      ["no lines", { lines: [] }, "lines"],
      [
        "qty 0",
        { lines: [{ name: "Tea", unitAmount: "1", qty: 0, currency: "USD" }] },
        "lines.0.qty",
      ],
      [
        "qty 1.5",
        { lines: [{ name: "Tea", unitAmount: "1", qty: 1.5, currency: "USD" }] },
        "lines.0.qty",
      ],
      [
        "a fraction of a cent",
        { lines: [{ name: "Tea", unitAmount: "0.001", qty: 1, currency: "USD" }] },
        "lines.0.unitAmount",
      ],
      [
        "a float sum",
        { lines: [{ name: "Tea", unitAmount: 0.1 + 0.2, qty: 1, currency: "USD" }] },
        "lines.0.unitAmount",
      ],
      [
        "a negative price",
        { lines: [{ name: "Tea", unitAmount: "-1", qty: 1, currency: "USD" }] },
        "lines.0.unitAmount",
      ],
      [
        "mixed currencies",
        {
          lines: [
            { name: "A", unitAmount: "1", qty: 1, currency: "USD" },
            { name: "B", unitAmount: "1", qty: 1, currency: "LRD" },
          ],
        },
        "lines.1.currency",
      ],
      [
        "a control character",
        { lines: [{ name: "Tea\u0000", unitAmount: "1", qty: 1, currency: "USD" }] },
        "lines.0.name",
      ],
      ["an unknown mode", { mode: "EMBEDDED" as never }, "mode"],
      ["HOSTED without URLs", { mode: "HOSTED" }, "successUrl"],
      [
        "a foreign success URL",
        { mode: "HOSTED", successUrl: "https://evil.example/x", cancelUrl: `${SHOP}/c` },
        "successUrl",
      ],
      [
        "a javascript: URL",
        { mode: "HOSTED", successUrl: `${SHOP}/ok`, cancelUrl: "javascript:alert(1)" },
        "cancelUrl",
      ],
      [
        "a relative URL",
        { mode: "HOSTED", successUrl: "/thanks", cancelUrl: `${SHOP}/c` },
        "successUrl",
      ],
      [
        "credentials in a URL",
        { mode: "HOSTED", successUrl: "https://a:b@shop.example/", cancelUrl: `${SHOP}/c` },
        "successUrl",
      ],
      ["URLs on a DIRECT checkout", { successUrl: `${SHOP}/ok` }, "successUrl"],
    ];
    for (const [what, overrides, path] of cases) {
      const error = await failure(helper.create(cart(overrides)));
      expect(error.code, what).toBe("VALIDATION");
      expect(
        error.fields?.map((f) => f.path),
        what,
      ).toContain(path);
    }
    expect(c.creates).toEqual([]);
    expect(() => c?.helper({ returnOrigins: ["https://shop.example/path"] })).toThrow(/origin/);
  });
});

describe("when Dollr makes no source", () => {
  it("says so, records nothing, and lets the order try again", async () => {
    c = await startCartHarness();
    const helper = c.helper();
    const input = cart();
    c.simulator.control.setFaults({
      kind: "error_500",
      count: 1,
      match: { method: "POST", pathPrefix: "/v1/checkouts/create" },
    });
    const down = await failure(helper.create(input));
    expect(down).toMatchObject({ code: "SERVER", ambiguous: true });
    expect(await c.checkouts.getCheckout(input.orderReference)).toBeNull();
    const refused = await failure(
      helper.create(cart({ lines: [{ name: "Tea", unitAmount: "1", qty: 1, currency: "EUR" }] })),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.status).toBe(422);
    const made = await helper.create(input);
    expect(made.total).toBe("11.50");
    expect(c.creates).toHaveLength(3);
  });
});

it("is configured strictly", async () => {
  c = await startCartHarness();
  const harness = c;
  expect(() => harness.helper({ sourceKind: "SUBSCRIPTION" as never })).toThrow(DollrKitError);
  expect(() => harness.helper({ checkouts: undefined as never })).toThrow(/CheckoutStore/);
});
