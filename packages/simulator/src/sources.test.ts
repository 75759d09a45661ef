// Parties, counterparties, invoices and orders, and the /__simulator/sources shortcut.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

async function counterparty() {
  const party = await client.post("/v1/parties/create", {
    fullname: "Jane Doe",
    phone: "231880000000",
    email: "jane@example.com",
    country_code: "LR",
  });
  const created = await client.post("/v1/counterparties/create", {
    relationship_type: "CUSTOMER",
    party_id: party.body.id,
  });
  return { party: party.body, counterparty: created.body };
}

describe("parties and counterparties", () => {
  it("creates, lists and retrieves parties", async () => {
    const { party } = await counterparty();
    expect(party).toMatchObject({
      id: 1,
      fullname: "Jane Doe",
      phone: "231880000000",
      email: "jane@example.com",
      country_code: "LR",
      created_at: "2026-06-01T12:00:00.000Z",
    });
    expect((await client.get("/v1/parties/list?fullname=jane")).body).toHaveLength(1);
    expect((await client.get("/v1/parties/list?fullname=zed")).body).toHaveLength(0);
    expect((await client.get("/v1/parties/retrieve/1")).body.fullname).toBe("Jane Doe");
    expect((await client.get("/v1/parties/retrieve/99")).status).toBe(404);
  });

  it("refuses a phone with '+' and a malformed email", async () => {
    const answer = await client.post("/v1/parties/create", {
      fullname: "X",
      phone: "+231880000000",
      email: "nope",
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail.map((issue: { loc: string[] }) => issue.loc[1])).toEqual([
      "phone",
      "email",
    ]);
  });

  it("creates counterparties and retrieves them with their party", async () => {
    const { counterparty: created } = await counterparty();
    expect(created).toMatchObject({ id: 1, relationship_type: "CUSTOMER", party_id: 1 });
    const retrieved = await client.get("/v1/counterparties/retrieve/1");
    expect(retrieved.body.party.fullname).toBe("Jane Doe");
    expect(
      (await client.get("/v1/counterparties/list?relationship_type=CUSTOMER")).body,
    ).toHaveLength(1);
    expect((await client.get("/v1/counterparties/list?fullname=jane")).body).toHaveLength(1);
    expect((await client.get("/v1/counterparties/list?relationship_type=DONOR")).body).toHaveLength(
      0,
    );
    expect((await client.get("/v1/counterparties/retrieve/7")).status).toBe(404);
  });

  it("refuses a counterparty for an unknown party or relationship", async () => {
    const unknownParty = await client.post("/v1/counterparties/create", {
      relationship_type: "CUSTOMER",
      party_id: 42,
    });
    expect(unknownParty.status).toBe(422);
    const badType = await client.post("/v1/counterparties/create", { relationship_type: "ENEMY" });
    expect(badType.body.detail[0].type).toBe("enum");
  });
});

describe.each([
  ["INVOICE", "invoices", "invoice_number", "invoice_items", "INV-2026-01001"],
  ["ORDER", "orders", "order_number", "order_items", "ORD-2026-05001"],
] as const)("%s lifecycle", (type, path, numberField, itemsField, firstNumber) => {
  it("create (IDLE) → items/add → publish (ACTIVE) → retrieve → cancel (CANCELED)", async () => {
    const { counterparty: owner } = await counterparty();
    const created = await client.post(`/v1/${path}/create`, {
      counterparty_id: owner.id,
      currency: "USD",
      note: "Two shirts",
      fee_bearer: "PAYEE",
      as_payment_link: false,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: "IDLE",
      [numberField]: firstNumber,
      total_amount: 0,
      fee_bearer: "PAYEE",
    });
    const id = created.body.id;

    const added = await client.post(`/v1/${path}/${id}/items/add`, {
      name: "Shirt",
      currency: "USD",
      qty: 2,
      amount: 12.5,
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      id: 1,
      name: "Shirt",
      currency: "USD",
      qty: 2,
      amount: 12.5,
      created_at: "2026-06-01T12:00:00.000Z",
      updated_at: "2026-06-01T12:00:00.000Z",
    });
    await client.post(`/v1/${path}/${id}/items/add`, {
      name: "Bag",
      currency: "USD",
      amount: "0.99",
    });
    const published = await client.request("PUT", `/v1/${path}/publish/${id}`);
    expect(published.body).toMatchObject({ status: "ACTIVE", total_amount: 25.99 });

    const retrieved = await client.get(`/v1/${path}/retrieve/${id}`);
    expect(retrieved.body[itemsField]).toHaveLength(2);
    expect(retrieved.body[itemsField][0]).toMatchObject({ name: "Shirt", qty: 2, amount: 12.5 });
    expect(retrieved.body.counterparty.party.fullname).toBe("Jane Doe");
    expect((await client.get(`/v1/${path}/retrieve/number/${firstNumber}`)).body.id).toBe(id);
    expect((await client.get(`/v1/${path}/list?status=ACTIVE`)).body).toHaveLength(1);
    expect((await client.get(`/v1/${path}/list?currency=LRD`)).body).toHaveLength(0);

    const status = await client.sourceStatus(id, type);
    expect(status.body).toEqual({
      source_id: id,
      source_type: type,
      source_number: firstNumber,
      status: "ACTIVE",
      currency: "USD",
      total_amount: 25.99,
      paid_at: null,
    });

    const canceled = await client.request("DELETE", `/v1/${path}/cancel/${id}`);
    expect(canceled.body.status).toBe("CANCELED");
    expect((await client.request("DELETE", `/v1/${path}/cancel/${id}`)).status).toBe(422);
  });

  it("items cannot change after publish, and a source without items cannot publish", async () => {
    const { counterparty: owner } = await counterparty();
    const created = await client.post(`/v1/${path}/create`, {
      counterparty_id: owner.id,
      currency: "RWF",
      fee_bearer: "PAYER",
    });
    const id = created.body.id;
    const empty = await client.request("PUT", `/v1/${path}/publish/${id}`);
    expect(empty.status).toBe(422);
    const fraction = await client.post(`/v1/${path}/${id}/items/add`, {
      name: "Airtime",
      currency: "RWF",
      amount: "10.5",
    });
    expect(fraction.status).toBe(422);
    expect(fraction.body.detail[0].loc).toEqual(["body", "amount"]);
    await client.post(`/v1/${path}/${id}/items/add`, {
      name: "Airtime",
      currency: "RWF",
      amount: 1000,
    });
    await client.request("PUT", `/v1/${path}/publish/${id}`);
    const late = await client.post(`/v1/${path}/${id}/items/add`, {
      name: "More",
      currency: "RWF",
      amount: 1,
    });
    expect(late.status).toBe(422);
    expect(late.body.detail[0].msg).toMatch(/items cannot change after publish/);
    expect((await client.request("PUT", `/v1/${path}/publish/${id}`)).status).toBe(422);
  });

  it("refuses an item in another currency, an unknown counterparty and an unsupported currency", async () => {
    const { counterparty: owner } = await counterparty();
    const created = await client.post(`/v1/${path}/create`, {
      counterparty_id: owner.id,
      currency: "USD",
      fee_bearer: "PAYER",
    });
    const mixed = await client.post(`/v1/${path}/${created.body.id}/items/add`, {
      name: "X",
      currency: "LRD",
      amount: 1,
    });
    expect(mixed.body.detail[0].msg).toMatch(/does not match/);
    const orphan = await client.post(`/v1/${path}/create`, {
      counterparty_id: 99,
      currency: "USD",
      fee_bearer: "PAYER",
    });
    expect(orphan.status).toBe(422);
    const euro = await client.post(`/v1/${path}/create`, {
      counterparty_id: owner.id,
      currency: "EUR",
      fee_bearer: "PAYER",
    });
    expect(euro.body.detail[0].msg).toMatch(/not supported/);
    expect((await client.get(`/v1/${path}/retrieve/424242`)).status).toBe(404);
    expect((await client.get(`/v1/${path}/retrieve/abc`)).status).toBe(422);
  });

  it("cannot cancel while PROCESSING or once PAID", async () => {
    const source = await client.source("12.50", "USD", { source_type: type });
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const session = await client.checkoutSession(source.source_id, type);
    expect((await client.execute(session.id, account.id, "USD", crypto.randomUUID())).status).toBe(
      200,
    );
    const cancel = () => client.request("DELETE", `/v1/${path}/cancel/${source.source_id}`);
    expect((await cancel()).body.detail[0].msg).toMatch(/while it is PROCESSING/);
    await client.advance(90_000);
    expect((await cancel()).body.detail[0].msg).toMatch(/that is PAID/);
    expect((await client.sourceStatus(source.source_id, type)).body.status).toBe("PAID");
  });
});

describe("POST /__simulator/sources", () => {
  it("answers a published invoice with its party, counterparty and total", async () => {
    const answer = await client.post("/__simulator/sources", {
      currency: "USD",
      items: [
        { name: "Tee", amount: "12.50" },
        { name: "Cap", amount: 3, qty: 2 },
      ],
      fee_bearer: "PAYEE",
    });
    expect(answer.body).toEqual({
      source_type: "INVOICE",
      source_id: 1001,
      source_number: "INV-2026-01001",
      party_id: 1,
      counterparty_id: 1,
      currency: "USD",
      total_amount: "18.50",
      fee_bearer: "PAYEE",
      status: "ACTIVE",
    });
  });

  it("makes orders too, for an existing party, PAYER by default", async () => {
    const first = await client.source();
    const order = await client.post("/__simulator/sources", {
      currency: "LRD",
      items: [{ name: "Rice", amount: "500" }],
      source_type: "ORDER",
      party_id: first.party_id,
    });
    expect(order.body).toMatchObject({
      source_type: "ORDER",
      source_id: 5001,
      party_id: first.party_id,
      fee_bearer: "PAYER",
      total_amount: "500.00",
    });
  });

  it("refuses an empty item list, a bad amount and an unknown party", async () => {
    const empty = await client.post("/__simulator/sources", { currency: "USD", items: [] });
    expect(empty.body.detail[0].type).toBe("too_short");
    const tooPrecise = await client.post("/__simulator/sources", {
      currency: "USD",
      items: [{ name: "X", amount: "1.001" }],
    });
    expect(tooPrecise.body.detail[0].loc).toEqual(["body", "items", 0, "amount"]);
    const zero = await client.post("/__simulator/sources", {
      currency: "USD",
      items: [{ name: "X", amount: "0.00" }],
    });
    expect(zero.status).toBe(422);
    const noParty = await client.post("/__simulator/sources", {
      currency: "USD",
      items: [{ name: "X", amount: "1" }],
      party_id: 77,
    });
    expect(noParty.status).toBe(422);
  });
});
