// The two validation modes over HTTP (strict by default; lax as a FastAPI service with default
// pydantic models), switched through the config control, and the configurable success word.
import { describe, expect, it } from "vitest";
import { SUCCESS_WORDS } from "./options.ts";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const configure = (changes: Record<string, unknown>) => client.post("/__simulator/config", changes);
const types = (answer: { body: { detail: { type: string }[] } }) =>
  answer.body.detail.map((issue) => issue.type);

describe("validation: strict (the default)", () => {
  it("refuses numeric strings, lowercase enums and unknown fields", async () => {
    const source = await client.source();
    const session = await client.post("/v1/sessions/checkout", {
      source_id: String(source.source_id),
      source_type: "invoice",
      amount: 12.5,
    });
    expect(session.status).toBe(422);
    expect(types(session)).toEqual(["int_type", "enum", "extra_forbidden"]);
    const status = await client.get(
      `/v1/status/source?source_type=invoice&source_id=${source.source_id}`,
    );
    expect(types(status)).toEqual(["enum"]);
  });
});

describe("validation: lax", () => {
  it("is set through the config control, and reset restores strict", async () => {
    expect((await configure({ validation: "lax" })).body.validation).toBe("lax");
    expect((await configure({ validation: "loose" })).body.detail[0]).toMatchObject({
      loc: ["body", "validation"],
      type: "enum",
    });
    await client.post("/__simulator/reset");
    expect((await client.get("/__simulator/config")).body.validation).toBe("strict");
  });

  it("takes numeric strings, enum words in any case and ignores unknown fields", async () => {
    await configure({ validation: "lax" });
    const source = await client.source();
    const session = await client.post("/v1/sessions/checkout", {
      source_id: String(source.source_id),
      source_type: "invoice",
      amount: 12.5,
    });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ source_id: source.source_id, source_type: "INVOICE" });
    const status = await client.get(
      `/v1/status/source?source_type=Invoice&source_id=${source.source_id}`,
    );
    expect(status.body).toMatchObject({ source_type: "INVOICE", status: "ACTIVE" });

    const party = await client.post("/v1/parties/create", {
      fullname: "Jane",
      phone: "231880000000",
      nickname: "J",
    });
    const counterparty = await client.post("/v1/counterparties/create", {
      relationship_type: "customer",
      party_id: String(party.body.id),
    });
    expect(counterparty.body).toMatchObject({
      relationship_type: "CUSTOMER",
      party_id: party.body.id,
    });
    const invoice = await client.post("/v1/invoices/create", {
      counterparty_id: ` ${counterparty.body.id} `,
      currency: "USD",
      fee_bearer: "payer",
      as_payment_link: "true",
    });
    expect(invoice.body).toMatchObject({ fee_bearer: "PAYER", as_payment_link: true });
    const item = await client.post(`/v1/invoices/${invoice.body.id}/items/add`, {
      name: "Tea",
      currency: "USD",
      qty: "2",
      amount: "1.01",
      sku: "T-1",
    });
    expect(item.body).toMatchObject({ qty: 2, amount: 1.01 });
    expect(item.body).not.toHaveProperty("sku");
  });

  it("still refuses what pydantic refuses: words for numbers, numbers for strings, unknown words", async () => {
    await configure({ validation: "lax" });
    const source = await client.source();
    const session = await client.post("/v1/sessions/checkout", {
      source_id: "1001.5",
      source_type: "receipt",
    });
    expect(types(session)).toEqual(["int_parsing", "enum"]);
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const checkout = await client.checkoutSession(source.source_id);
    // session_id is a string field: pydantic v2 does not turn 55 into "55", lax or not.
    const execute = await client.post("/v1/executions/collection", {
      session_id: checkout.id,
      payment_account_id: String(account.id),
      currency: "usd",
      reference_id: crypto.randomUUID(),
    });
    expect(execute.body.detail.map((issue: { loc: string[] }) => issue.loc[1])).toEqual([
      "session_id",
      "currency",
    ]);
    const flag = await client.post("/v1/invoices/create", {
      counterparty_id: 1,
      currency: "USD",
      fee_bearer: "PAYER",
      as_payment_link: "maybe",
    });
    expect(types(flag)).toEqual(["bool_parsing"]);
  });

  it("never loosens the /__simulator test surface", async () => {
    await configure({ validation: "lax" });
    const answer = await client.post("/__simulator/sources", {
      currency: "USD",
      items: [{ name: "Tea", amount: "1.00" }],
      source_type: "invoice",
    });
    expect(answer.status).toBe(422);
    expect(types(answer)).toEqual(["enum"]);
  });
});

describe("success words", () => {
  it.each(SUCCESS_WORDS)("an execution that succeeds says %s when configured to", async (word) => {
    expect((await configure({ successWord: word })).body.successWord).toBe(word);
    const card = await client.pay({ card: "pm_card_visa" });
    expect(card.answer.body.status).toBe(word);
    const phone = await client.pay({ phone: "231880000000" });
    expect(phone.answer.body.status).toBe("PROCESSING");
    await client.advance(90_000);
    expect((await client.status(phone.referenceId)).body.status).toBe(word);
    expect((await client.status(card.referenceId)).body.status).toBe(word);
  });

  it("refuses any other word", async () => {
    const answer = await configure({ successWord: "DONE" });
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toBe(
      "Input should be 'COMPLETED', 'SUCCESSFUL', 'SUCCESS', 'SUCCEEDED' or 'PAID'",
    );
  });
});
