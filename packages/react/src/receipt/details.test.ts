import { parseReceipt } from "@dollr-kit/core/internal";
import { describe, expect, it } from "vitest";
import { createTranslator, receiptMessages } from "../messages.ts";
import { receiptDetails } from "./details.ts";

const t = createTranslator().with(receiptMessages);
/** Intl puts a no-break space after a currency code. */
const plain = (text: string | null | undefined) => text?.replace(/\s/g, " ") ?? null;
const en = { sourceType: "ORDER" as const, locale: "en-US", t };

/** A receipt as Dollr might send it: amounts as JSON numbers, as in its examples. */
const wire = (fields: Record<string, unknown> = {}) =>
  parseReceipt({
    source_type: "ORDER",
    source_number: "ORD-2026-00042",
    status: "PAID",
    currency: "USD",
    total_amount: 7.5,
    payer_amount: 7.65,
    payer_currency: "USD",
    payee_amount: 7.5,
    payee_currency: "USD",
    fx_rate: 1,
    fx_currency_from: "USD",
    fx_currency_to: "USD",
    platform_fee: 0.15,
    platform_currency: "USD",
    fee_bearer: "PAYER",
    payment_method: "MTN_MOMO_LBR",
    payment_method_details: { label: "MTN Liberia", last_digits: "0000" },
    items: [{ name: "Tea", amount: 2.5, currency: "USD", qty: 3 }],
    paid_at: "2026-07-01T10:05:00.000Z",
    reference_id: "95813cd5-49d8-4b49-8dc9-a5db2b52e19b",
    ...fields,
  });

describe("receiptDetails", () => {
  it("words a receipt whose amounts are JSON numbers, exactly", () => {
    const details = receiptDetails(wire(), en);
    expect(details).toMatchObject({
      numberLabel: "Order number",
      number: "ORD-2026-00042",
      amountPaid: "$7.65",
      fee: "$0.15",
      orderTotal: "$7.50",
      exchangeRate: null,
      paymentMethod: "MTN Liberia ending in 0000",
      reference: "95813cd5-49d8-4b49-8dc9-a5db2b52e19b",
    });
    expect(details.items).toEqual([
      { name: "Tea", quantity: 3, quantityText: "3 × $2.50", amount: "$7.50" },
    ]);
    expect(details.paidAt?.iso).toBe("2026-07-01T10:05:00.000Z");
    expect(details.paidAt?.text).toMatch(/July 1, 2026/);
  });

  it("reads amounts sent as strings the same way, and a fee paid by the merchant is not the customer's", () => {
    const details = receiptDetails(
      wire({
        payer_amount: "7.50",
        total_amount: "7.50",
        platform_fee: "0.15",
        fee_bearer: "PAYEE",
        items: [{ name: "Tea", amount: "2.50", qty: 3 }],
      }),
      en,
    );
    expect(details.amountPaid).toBe("$7.50");
    expect(details.fee).toBeNull();
    // Equal to the amount paid: not said twice.
    expect(details.orderTotal).toBeNull();
    expect(details.items[0]?.amount).toBe("$7.50");
  });

  it("writes RWF without a minor unit, and the exchange rate of a payment in another currency", () => {
    const rwf = receiptDetails(
      wire({
        currency: "RWF",
        total_amount: 1000,
        payer_amount: 1020,
        payer_currency: "RWF",
        platform_fee: 20,
        platform_currency: "RWF",
        items: [{ name: "Milk", amount: 1000, currency: "RWF", qty: 1 }],
      }),
      en,
    );
    expect(plain(rwf.amountPaid)).toBe("RWF 1,020");
    expect(plain(rwf.fee)).toBe("RWF 20");
    expect(plain(rwf.items[0]?.amount)).toBe("RWF 1,000");
    expect(rwf.items[0]?.quantityText).toBeNull();

    const lrd = receiptDetails(
      wire({
        payer_amount: "1402.50",
        payer_currency: "LRD",
        fx_rate: "185.5",
        fx_currency_to: "LRD",
        platform_fee: "27.83",
        platform_currency: "LRD",
      }),
      en,
    );
    expect(plain(lrd.amountPaid)).toBe("LRD 1,402.50");
    expect(lrd.exchangeRate).toBe("1 USD = 185.5 LRD");
    expect(lrd.orderTotal).toBe("$7.50");
  });

  it("never shows a whole number, nor a field it cannot read", () => {
    const details = receiptDetails(
      wire({
        payment_method_details: { label: "MTN 231880001234", last_digits: "231880001234" },
        reference_id: "<script>alert(1)</script>",
        paid_at: "yesterday-ish",
        source_number: "   ",
        items: [
          { name: "Tea", amount: 2.5, currency: "usd" },
          { name: "   ", amount: 1 },
          { name: "Cake", amount: 4, qty: -2 },
        ],
      }),
      en,
    );
    // The label carried a whole phone number: the operator's name from the method instead.
    expect(details.paymentMethod).toBe("MTN Mobile Money (Liberia) ending in 1234");
    expect(details.reference).toBeNull();
    expect(details.paidAt).toBeNull();
    expect(details.number).toBeNull();
    // A lower-case currency falls back to the receipt's; a nameless item is left out.
    expect(details.items.map((item) => [item.name, item.quantityText, item.amount])).toEqual([
      ["Tea", null, "$2.50"],
      ["Cake", null, "$4.00"],
    ]);
  });

  it("names a card by its brand, or as a card, and leaves an unknown method out", () => {
    const visa = wire({
      payment_method: "CREDIT_CARD",
      payment_method_details: { label: "Visa", last_digits: "4242" },
    });
    expect(receiptDetails(visa, en).paymentMethod).toBe("Visa ending in 4242");
    const bare = wire({ payment_method: "CREDIT_CARD", payment_method_details: null });
    expect(receiptDetails(bare, en).paymentMethod).toBe("Card");
    const odd = wire({ payment_method: "TELEPATHY", payment_method_details: "x" });
    expect(receiptDetails(odd, en).paymentMethod).toBeNull();
  });

  it("follows the locale", () => {
    const details = receiptDetails(wire({ payer_amount: 1234.5 }), { ...en, locale: "fr-FR" });
    expect(plain(details.amountPaid)).toBe("1 234,50 $US");
    expect(details.paidAt?.text).toMatch(/juillet 2026/);
  });
});
