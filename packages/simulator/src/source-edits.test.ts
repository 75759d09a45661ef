// Editing drafts over HTTP: items/add's InvoiceItemResponse, item update and remove, and
// invoice/order update, all IDLE only.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const AT = "2026-06-01T12:00:00.000Z";

describe.each([
  ["INVOICE", "invoices", "invoice_items"],
  ["ORDER", "orders", "order_items"],
] as const)("%s drafts", (_type, path, itemsField) => {
  async function draft(currency = "USD") {
    const party = await client.post("/v1/parties/create", {
      fullname: "Jane Doe",
      phone: "231880000000",
    });
    const counterparty = await client.post("/v1/counterparties/create", {
      relationship_type: "CUSTOMER",
      party_id: party.body.id,
    });
    const created = await client.post(`/v1/${path}/create`, {
      counterparty_id: counterparty.body.id,
      currency,
      note: "Draft",
      fee_bearer: "PAYER",
    });
    expect(created.status).toBe(200);
    return { id: created.body.id as number, counterpartyId: counterparty.body.id as number };
  }
  const addItem = (id: number, item: Record<string, unknown>) =>
    client.post(`/v1/${path}/${id}/items/add`, { currency: "USD", ...item });
  const updateItem = (id: number, itemId: number | string, body: unknown) =>
    client.request("PUT", `/v1/${path}/${id}/items/${itemId}/update`, body);
  const removeItem = (id: number, itemId: number | string) =>
    client.request("DELETE", `/v1/${path}/${id}/items/${itemId}/remove`);
  const retrieve = async (id: number) => (await client.get(`/v1/${path}/retrieve/${id}`)).body;

  it("items/add answers the item (an InvoiceItemResponse), with its amount a JSON number", async () => {
    const { id } = await draft();
    const added = await addItem(id, { name: "Tea", amount: "1.01" });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      id: 1,
      name: "Tea",
      currency: "USD",
      qty: 1,
      amount: 1.01,
      created_at: AT,
      updated_at: AT,
    });
    const source = await retrieve(id);
    expect(source.total_amount).toBe(1.01);
    expect(source[itemsField]).toEqual([added.body]);
  });

  it("updates an item's name, qty and amount, and the total follows", async () => {
    const { id } = await draft();
    const tea = (await addItem(id, { name: "Tea", amount: 2 })).body;
    await addItem(id, { name: "Cup", amount: "0.50" });
    await client.advance(60_000);
    const updated = await updateItem(id, tea.id, { name: "Green tea", qty: 3, amount: 1.2 });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...tea,
      name: "Green tea",
      qty: 3,
      amount: 1.2,
      updated_at: "2026-06-01T12:01:00.000Z",
    });
    const onlyQty = await updateItem(id, tea.id, { qty: 1 });
    expect(onlyQty.body).toMatchObject({ name: "Green tea", qty: 1, amount: 1.2 });
    const source = await retrieve(id);
    expect(source.total_amount).toBe(1.7);
    expect(source.updated_at).toBe("2026-06-01T12:01:00.000Z");
  });

  it("removes an item, answering {}; the item is then unknown", async () => {
    const { id } = await draft();
    const tea = (await addItem(id, { name: "Tea", amount: 2 })).body;
    const cup = (await addItem(id, { name: "Cup", amount: 1 })).body;
    const removed = await removeItem(id, tea.id);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    expect((await retrieve(id))[itemsField]).toEqual([cup]);
    expect((await removeItem(id, tea.id)).status).toBe(404);
    expect((await updateItem(id, tea.id, { qty: 2 })).body).toEqual({ detail: "Item not found" });
  });

  it("refuses bad item changes: a fraction the currency lacks, qty 0, an unknown field, a bad id", async () => {
    const { id } = await draft("RWF");
    const item = (await addItem(id, { name: "Airtime", currency: "RWF", amount: 100 })).body;
    const fraction = await updateItem(id, item.id, { amount: "10.5" });
    expect(fraction.status).toBe(422);
    expect(fraction.body.detail[0].loc).toEqual(["body", "amount"]);
    expect((await updateItem(id, item.id, { qty: 0 })).body.detail[0].type).toBe(
      "greater_than_equal",
    );
    expect((await updateItem(id, item.id, { currency: "USD" })).body.detail[0].type).toBe(
      "extra_forbidden",
    );
    expect((await updateItem(id, "abc", { qty: 2 })).body.detail[0].loc).toEqual(["path", "id"]);
    expect((await updateItem(424242, item.id, { qty: 2 })).status).toBe(404);
    expect((await retrieve(id))[itemsField][0]).toEqual(item);
  });

  it("updates an IDLE source's fields, and refuses a currency its items do not have", async () => {
    const { id, counterpartyId } = await draft();
    const update = (body: unknown) => client.request("PUT", `/v1/${path}/update/${id}`, body);
    const changed = await update({ note: "Updated scope", fee_bearer: "PAYEE", due_date: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      status: "IDLE",
      note: "Updated scope",
      fee_bearer: "PAYEE",
      counterparty_id: counterpartyId,
      total_amount: 0,
    });
    expect((await update({ currency: "LRD" })).body.currency).toBe("LRD");
    await addItem(id, { name: "Rice", currency: "LRD", amount: 500 });
    const mixed = await update({ currency: "USD" });
    expect(mixed.status).toBe(422);
    expect(mixed.body.detail[0].msg).toMatch(/does not match the items' currency LRD/);
    expect((await update({ currency: "EUR" })).body.detail[0].msg).toMatch(/not supported/);
    expect((await update({ counterparty_id: 99 })).body.detail[0].loc).toEqual([
      "body",
      "counterparty_id",
    ]);
    expect((await update({ status: "PAID" })).body.detail[0].type).toBe("extra_forbidden");
    expect((await client.request("PUT", `/v1/${path}/update/424242`, {})).status).toBe(404);
  });

  it("once published, neither the source nor its items change", async () => {
    const { id } = await draft();
    const item = (await addItem(id, { name: "Tea", amount: 2 })).body;
    await client.request("PUT", `/v1/${path}/publish/${id}`);
    for (const refused of [
      await updateItem(id, item.id, { qty: 2 }),
      await removeItem(id, item.id),
      await client.request("PUT", `/v1/${path}/update/${id}`, { note: "late" }),
    ]) {
      expect(refused.status).toBe(422);
      expect(refused.body.detail[0].msg).toMatch(
        /cannot change after publish: the source is ACTIVE/,
      );
    }
    expect((await retrieve(id))[itemsField]).toEqual([item]);
  });
});
