// The contract's shapes: strict requests answered in Dollr's 422 words, loose answers.
import { describe, expect, it } from "vitest";
import {
  CheckoutSessionBodySchema,
  CreatePaymentAccountBodySchema,
  checkRequest,
  collectionStatusPath,
  ExecuteCollectionBodySchema,
  isContractReferenceId,
  maskPhoneNumber,
  parseKitConfig,
  parseSavedPaymentAccount,
  SourceStatusQuerySchema,
} from "./contract.ts";

describe("request checks", () => {
  it("accept exactly the contract's fields", () => {
    expect(
      checkRequest(CheckoutSessionBodySchema, { source_type: "ORDER", source_id: 9 }, "body"),
    ).toEqual({
      ok: true,
      value: { source_type: "ORDER", source_id: 9 },
    });
    expect(
      checkRequest(
        CreatePaymentAccountBodySchema,
        { type: "MOBILE_MONEY", phone: "231880000000", account_name: "  Mine " },
        "body",
      ),
    ).toEqual({
      ok: true,
      value: { type: "MOBILE_MONEY", phone: "231880000000", account_name: "Mine" },
    });
    expect(
      checkRequest(SourceStatusQuerySchema, { source_type: "INVOICE", source_id: "42" }, "query"),
    ).toEqual({
      ok: true,
      value: { source_type: "INVOICE", source_id: 42 },
    });
  });

  it("answer unknown, missing and mistyped fields as Dollr's detail[] items", () => {
    const result = checkRequest(
      ExecuteCollectionBodySchema,
      { session_id: 55, currency: "USD", reference_id: crypto.randomUUID(), amount: "1.00" },
      "body",
    );
    expect(result).toEqual({
      ok: false,
      detail: [
        {
          loc: ["body", "session_id"],
          msg: expect.stringMatching(/^Invalid type: Expected string$/),
          type: "type_error",
        },
        { loc: ["body", "payment_account_id"], msg: "Field required", type: "missing" },
        { loc: ["body", "amount"], msg: "Extra inputs are not permitted", type: "extra_forbidden" },
      ],
    });
  });

  it("never echo the value sent (a phone in the wrong place, a passcode)", () => {
    const result = checkRequest(
      CreatePaymentAccountBodySchema,
      { type: "MOBILE_MONEY", phone: 231880000123, account_name: "x" },
      "body",
    );
    expect(JSON.stringify(result)).not.toContain("231880000123");
  });

  it("take only lowercase UUID v4 reference ids", () => {
    const id = crypto.randomUUID();
    expect(isContractReferenceId(id)).toBe(true);
    expect(isContractReferenceId(id.toUpperCase())).toBe(false);
    expect(isContractReferenceId("6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(false);
    expect(collectionStatusPath("a/b")).toBe("/v1/status/collection/a%2Fb");
  });
});

describe("answers", () => {
  it("parse the config and saved accounts, keeping unknown fields", () => {
    const config = parseKitConfig({
      stripe_publishable_key: null,
      currencies: [],
      polling: { interval_ms: 1, max_interval_ms: 2, backoff_factor: 1, give_up_after_ms: null },
      realtime: null,
      extra: true,
    });
    expect(config).toMatchObject({ extra: true });
    expect(() => parseSavedPaymentAccount({ id: 7 })).toThrow(
      expect.objectContaining({ code: "INVALID_RESPONSE" }),
    );
  });

  it("name a bad polling setting and its rule without quoting the value", () => {
    const polling = { interval_ms: 1, max_interval_ms: 2, backoff_factor: 1, give_up_after_ms: -7 };
    const config = { stripe_publishable_key: null, currencies: [], polling, realtime: null };
    expect(() => parseKitConfig(config)).toThrow(
      expect.objectContaining({
        message: "KitConfig.polling.give_up_after_ms: expected a non-negative number",
        fields: [
          {
            path: "polling.give_up_after_ms",
            message: "expected a non-negative number",
            type: "min_value",
          },
        ],
      }),
    );
    expect(() =>
      parseKitConfig({ ...config, polling: { ...polling, backoff_factor: 0.5 } }),
    ).toThrow("KitConfig.polling.backoff_factor: expected a number of at least 1");
  });

  it("mask phone numbers down to their last 3 digits", () => {
    expect(maskPhoneNumber("231880000123")).toBe("*********123");
    expect(maskPhoneNumber("12")).toBe("**");
  });
});
