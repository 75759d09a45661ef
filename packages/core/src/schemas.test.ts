import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { DollrKitError } from "./errors.ts";
import {
  amountSchema,
  idSchema,
  isUuidV4,
  parseAmountAndFeePrediction,
  parseCardProviderInfo,
  parseCheckoutSession,
  parseDetailErrorBody,
  parseExecutionResponse,
  parseMmoProviderInfo,
  parseOrThrow,
  parsePaymentAccount,
  parsePaymentSourceStatus,
  parseTokenResponse,
  parseValidationErrorBody,
  referenceIdSchema,
} from "./schemas.ts";

const REFERENCE_ID = "3f6c2a9e-8b1d-4c7e-9a2f-5d4b3c2a1f0e";

// Examples in the shapes of api-notes §2.5 (the OpenAPI field lists).
const examples = {
  token: { access_token: "eyJhbGciOiJIUzI1NiJ9.e30.sig", expires_in: 60 },
  session: {
    id: 55,
    source_id: 1042,
    source_type: "INVOICE",
    status: "ACTIVE",
    expires_at: "2025-06-01T14:45:00Z",
    created_at: "2025-06-01T14:30:00Z",
    updated_at: "2025-06-01T14:30:00Z",
    payment_account_id: null,
  },
  execution: {
    reference_id: REFERENCE_ID,
    status: "PROCESSING",
    payer_amount: 250.0,
    payer_currency: "USD",
    payee_amount: 245,
    payee_currency: "USD",
    operation_type: "COLLECTION",
    provider_transaction_id: null,
    gateway_message: null,
    wallet_message: null,
    client_secret: "pi_3Nxyz_secret_abc",
    requires_action: true,
  },
  sourceStatus: {
    source_id: 1042,
    source_type: "INVOICE",
    source_number: "INV-2025-00042",
    status: "PAID",
    currency: "USD",
    total_amount: "250.00",
    paid_at: "2025-06-01T14:31:10Z",
  },
  account: {
    id: 301,
    account_name: "Jane Doe",
    provider: "PAWAPAY",
    method: "MTN_MOMO_LBR",
    party_id: 77,
    is_active: true,
    created_at: "2025-06-01T14:29:00Z",
    updated_at: "2025-06-01T14:29:00Z",
    country_code: "LR",
  },
  mmo: {
    carrier: "MTN",
    country: "LR",
    currencies: ["USD", "LRD"],
    phone: "231880000000",
    payment_method: "MTN_MOMO_LBR",
    gateway_provider: "PAWAPAY",
    operation_type: "COLLECTION",
  },
  card: {
    brand: "visa",
    country: "US",
    currencies: ["USD"],
    payment_method: "CREDIT_CARD",
    gateway_provider: "STRIPE",
  },
  prediction: {
    payer_amount: "255.00",
    payer_currency: "USD",
    payee_amount: "250.00",
    payee_currency: "USD",
    platform_fee: "2.50",
    platform_currency: "USD",
    fx_fee: null,
    gateway_fee: "2.50",
    gateway_currency: "USD",
  },
};

function thrown(run: () => unknown): DollrKitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DollrKitError);
    return error as DollrKitError;
  }
  throw new Error("expected the parser to throw");
}

describe("parseTokenResponse", () => {
  it("accepts the documented response (expires_in in minutes)", () => {
    expect(parseTokenResponse(examples.token)).toEqual(examples.token);
  });

  it("rejects a string expires_in and a negative or fractional one", () => {
    expect(thrown(() => parseTokenResponse({ ...examples.token, expires_in: "60" })).message).toBe(
      "TokenResponse.expires_in: expected number, received string",
    );
    expect(thrown(() => parseTokenResponse({ ...examples.token, expires_in: -1 })).message).toBe(
      "TokenResponse.expires_in: expected a non-negative number",
    );
    expect(thrown(() => parseTokenResponse({ ...examples.token, expires_in: 1.5 })).message).toBe(
      "TokenResponse.expires_in: expected an integer",
    );
  });

  it("never quotes the token in an error", () => {
    const error = thrown(() => parseTokenResponse({ access_token: 12345678, expires_in: "tok" }));
    expect(error.message).not.toContain("12345678");
    expect(error.message).not.toContain('tok"');
  });
});

describe("parseCheckoutSession", () => {
  it("accepts the documented response, ids as strings", () => {
    expect(parseCheckoutSession(examples.session)).toEqual({
      ...examples.session,
      id: "55",
      source_id: "1042",
      payment_account_id: null,
    });
  });

  it("accepts string ids and a payment_account_id", () => {
    const session = parseCheckoutSession({
      ...examples.session,
      id: "55",
      payment_account_id: 301,
    });
    expect(session.id).toBe("55");
    expect(session.payment_account_id).toBe("301");
  });

  it("reads an absent payment_account_id as null", () => {
    const { payment_account_id: _, ...withoutAccount } = examples.session;
    expect(parseCheckoutSession(withoutAccount).payment_account_id).toBeNull();
  });

  it("keeps fields Dollr adds later", () => {
    expect(parseCheckoutSession({ ...examples.session, currency: "USD" }).currency).toBe("USD");
  });

  it("names a missing field, a bad id and a wrong type", () => {
    const { expires_at: _, ...withoutExpiry } = examples.session;
    expect(thrown(() => parseCheckoutSession(withoutExpiry)).message).toBe(
      "CheckoutSession.expires_at: is missing",
    );
    expect(thrown(() => parseCheckoutSession({ ...examples.session, id: 5.5 })).message).toBe(
      "CheckoutSession.id: expected an integer id",
    );
    expect(thrown(() => parseCheckoutSession({ ...examples.session, id: "" })).message).toBe(
      "CheckoutSession.id: expected a non-empty id",
    );
    // A failed rule names its type, except where a union reports it (a number id, an amount).
    expect(thrown(() => parseCheckoutSession({ ...examples.session, id: 5.5 })).fields).toEqual([
      { path: "id", message: "expected an integer id", type: "union" },
    ]);
    expect(thrown(() => parseCheckoutSession({ ...examples.session, id: "" })).fields).toEqual([
      { path: "id", message: "expected a non-empty id", type: "non_empty" },
    ]);
    expect(thrown(() => parseCheckoutSession({ ...examples.session, id: true })).message).toBe(
      "CheckoutSession.id: expected (string | number), received boolean",
    );
    expect(thrown(() => parseCheckoutSession({ ...examples.session, status: null })).message).toBe(
      "CheckoutSession.status: expected string, received null",
    );
  });
});

describe("parseExecutionResponse", () => {
  it("accepts the documented response, amounts as decimal strings", () => {
    expect(parseExecutionResponse(examples.execution)).toEqual({
      ...examples.execution,
      payer_amount: "250",
      payee_amount: "245",
    });
  });

  it("accepts decimal-string amounts as given", () => {
    const execution = parseExecutionResponse({
      ...examples.execution,
      payer_amount: "250.00",
      payee_amount: "1000",
    });
    expect(execution.payer_amount).toBe("250.00");
    expect(execution.payee_amount).toBe("1000");
  });

  it("reads absent nullable fields as null", () => {
    const execution = parseExecutionResponse({
      reference_id: REFERENCE_ID,
      status: "PENDING",
      payer_amount: 12.5,
      payer_currency: "USD",
      payee_amount: 12.5,
      payee_currency: "USD",
      operation_type: "COLLECTION",
    });
    expect(execution).toMatchObject({
      payer_amount: "12.5",
      provider_transaction_id: null,
      gateway_message: null,
      wallet_message: null,
      client_secret: null,
      requires_action: null,
    });
  });

  it("accepts the documented 3DS answer's fields and keeps unknown ones", () => {
    const execution = parseExecutionResponse({
      ...examples.execution,
      status: "PROCESSING",
      requires_action: true,
      client_secret: "pi_xxx_secret_xxx",
      failure_code: "card_declined",
    });
    expect(execution.requires_action).toBe(true);
    expect(execution.client_secret).toBe("pi_xxx_secret_xxx");
    expect(execution.failure_code).toBe("card_declined");
  });

  it("names the field of a wrong type", () => {
    const error = thrown(() => parseExecutionResponse({ ...examples.execution, status: 3 }));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toBe("ExecutionResponse.status: expected string, received number");
    expect(error.fields).toEqual([
      { path: "status", message: "expected string, received number", type: "string" },
    ]);
    expect(error.ambiguous).toBe(false);
  });

  it("rejects amounts that are not decimals", () => {
    for (const payer_amount of ["1e5", "12,50", "", Number.NaN, null, true]) {
      const error = thrown(() => parseExecutionResponse({ ...examples.execution, payer_amount }));
      expect(error.message).toMatch(/^ExecutionResponse\.payer_amount: /);
    }
    expect(
      thrown(() => parseExecutionResponse({ ...examples.execution, payer_amount: "1e5" })).message,
    ).toBe("ExecutionResponse.payer_amount: expected a decimal string such as 12.50");
    expect(
      thrown(() => parseExecutionResponse({ ...examples.execution, payee_amount: Infinity }))
        .fields,
    ).toEqual([{ path: "payee_amount", message: "expected a finite number", type: "union" }]);
  });

  it("counts every problem and never quotes a secret", () => {
    const error = thrown(() =>
      parseExecutionResponse({
        ...examples.execution,
        requires_action: "pi_live_secret_value",
        wallet_message: 7,
        reference_id: undefined,
      }),
    );
    expect(error.message).toBe("ExecutionResponse.reference_id: is missing (and 2 more)");
    expect(error.fields.map((field) => field.path)).toEqual([
      "reference_id",
      "wallet_message",
      "requires_action",
    ]);
    expect(error.fields[0]?.type).toBe("missing");
    expect(JSON.stringify(error)).not.toContain("pi_live_secret_value");
  });

  it("rejects what is not an object", () => {
    for (const input of ["PROCESSING", null, undefined, 42]) {
      expect(thrown(() => parseExecutionResponse(input)).message).toMatch(
        /^ExecutionResponse: expected object, received (string|null|undefined|number)$/,
      );
    }
    // valibot reads an array as an object without the keys.
    expect(thrown(() => parseExecutionResponse([examples.execution])).message).toBe(
      "ExecutionResponse.reference_id: is missing (and 6 more)",
    );
  });
});

describe("parsePaymentSourceStatus", () => {
  it("accepts the documented response", () => {
    expect(parsePaymentSourceStatus(examples.sourceStatus)).toEqual({
      ...examples.sourceStatus,
      source_id: "1042",
    });
  });

  it("reads paid_at null or absent as null, and a number total as a decimal string", () => {
    const { paid_at: _, ...unpaid } = examples.sourceStatus;
    const status = parsePaymentSourceStatus({ ...unpaid, status: "ACTIVE", total_amount: 1000 });
    expect(status.paid_at).toBeNull();
    expect(status.total_amount).toBe("1000");
    expect(
      parsePaymentSourceStatus({ ...examples.sourceStatus, paid_at: null }).paid_at,
    ).toBeNull();
  });

  it("names the field of a wrong type", () => {
    expect(
      thrown(() => parsePaymentSourceStatus({ ...examples.sourceStatus, source_number: 42 }))
        .message,
    ).toBe("PaymentSourceStatus.source_number: expected string, received number");
  });
});

describe("parsePaymentAccount", () => {
  it("accepts the documented response, ids as strings", () => {
    expect(parsePaymentAccount(examples.account)).toEqual({
      ...examples.account,
      id: "301",
      party_id: "77",
    });
  });

  it("reads country_code null or absent as null and keeps extra fields", () => {
    const { country_code: _, ...card } = examples.account;
    const account = parsePaymentAccount({ ...card, method: "CREDIT_CARD", last4: "4242" });
    expect(account.country_code).toBeNull();
    expect(account.last4).toBe("4242");
  });

  it("names the field of a wrong type", () => {
    expect(
      thrown(() => parsePaymentAccount({ ...examples.account, is_active: "yes" })).message,
    ).toBe("PaymentAccount.is_active: expected boolean, received string");
  });
});

describe("parseMmoProviderInfo", () => {
  it("accepts the documented response", () => {
    expect(parseMmoProviderInfo(examples.mmo)).toEqual(examples.mmo);
  });

  it("names an array item by index", () => {
    expect(
      thrown(() => parseMmoProviderInfo({ ...examples.mmo, currencies: ["USD", 430] })).message,
    ).toBe("MmoProviderInfo.currencies[1]: expected string, received number");
    expect(thrown(() => parseMmoProviderInfo({ ...examples.mmo, currencies: "USD" })).message).toBe(
      "MmoProviderInfo.currencies: expected array, received string",
    );
  });
});

describe("parseCardProviderInfo", () => {
  it("accepts the documented response and keeps extra fields", () => {
    expect(parseCardProviderInfo({ ...examples.card, funding: "credit" })).toEqual({
      ...examples.card,
      funding: "credit",
    });
  });

  it("names a missing field", () => {
    const { brand: _, ...withoutBrand } = examples.card;
    expect(thrown(() => parseCardProviderInfo(withoutBrand)).message).toBe(
      "CardProviderInfo.brand: is missing",
    );
  });
});

describe("parseAmountAndFeePrediction", () => {
  it("accepts the documented response (all decimal strings)", () => {
    expect(parseAmountAndFeePrediction(examples.prediction)).toEqual(examples.prediction);
  });

  it("reads nullable fees as null when absent, and numbers as decimal strings", () => {
    const { fx_fee: _, gateway_fee: __, gateway_currency: ___, ...base } = examples.prediction;
    expect(parseAmountAndFeePrediction({ ...base, platform_fee: 2.5 })).toMatchObject({
      platform_fee: "2.5",
      fx_fee: null,
      gateway_fee: null,
      gateway_currency: null,
    });
    expect(parseAmountAndFeePrediction({ ...examples.prediction, fx_fee: "12.3456" }).fx_fee).toBe(
      "12.3456",
    );
  });

  it("names the field of a wrong type", () => {
    expect(
      thrown(() => parseAmountAndFeePrediction({ ...examples.prediction, gateway_fee: [] }))
        .message,
    ).toBe("AmountAndFeePrediction.gateway_fee: expected (string | number), received array");
  });
});

describe("error bodies", () => {
  it("accepts pydantic v1 and v2 validation bodies, keeping extra keys", () => {
    expect(
      parseValidationErrorBody({
        detail: [{ loc: ["body", "currency"], msg: "field required", type: "value_error.missing" }],
      }).detail[0]?.loc,
    ).toEqual(["body", "currency"]);
    const v2 = parseValidationErrorBody({
      detail: [
        {
          type: "missing",
          loc: ["body", "items", 0],
          msg: "Field required",
          input: {},
          url: "https://errors.pydantic.dev/2.7/v/missing",
        },
      ],
    });
    expect(v2.detail[0]).toMatchObject({ loc: ["body", "items", 0], url: expect.any(String) });
  });

  it("names the bad part of a validation body", () => {
    expect(
      thrown(() => parseValidationErrorBody({ detail: [{ loc: "body", msg: "x" }] })).message,
    ).toBe("ValidationErrorBody.detail[0].loc: expected array, received string");
    expect(thrown(() => parseValidationErrorBody({ detail: "Not Found" })).message).toBe(
      "ValidationErrorBody.detail: expected array, received string",
    );
  });

  it("accepts {detail: string} and rejects other details", () => {
    expect(parseDetailErrorBody({ detail: "Could not validate credentials" })).toEqual({
      detail: "Could not validate credentials",
    });
    expect(thrown(() => parseDetailErrorBody({ detail: [] })).message).toBe(
      "DetailErrorBody.detail: expected string, received array",
    );
  });
});

describe("reference ids", () => {
  it("accepts UUID v4 in either case", () => {
    expect(isUuidV4(REFERENCE_ID)).toBe(true);
    expect(isUuidV4(REFERENCE_ID.toUpperCase())).toBe(true);
    expect(isUuidV4(crypto.randomUUID())).toBe(true);
    expect(v.parse(referenceIdSchema, REFERENCE_ID)).toBe(REFERENCE_ID);
  });

  it.each([
    "3f6c2a9e-8b1d-1c7e-9a2f-5d4b3c2a1f0e", // version 1
    "3f6c2a9e-8b1d-4c7e-7a2f-5d4b3c2a1f0e", // wrong variant
    "3f6c2a9e8b1d4c7e9a2f5d4b3c2a1f0e",
    ` ${REFERENCE_ID}`,
    "",
    42,
    null,
  ])("rejects %j", (value) => {
    expect(isUuidV4(value)).toBe(false);
    expect(v.safeParse(referenceIdSchema, value).success).toBe(false);
  });
});

describe("building blocks and parseOrThrow", () => {
  it("reads ids and amounts the documented way", () => {
    expect(v.parse(idSchema, 55)).toBe("55");
    expect(v.parse(idSchema, "55")).toBe("55");
    expect(v.parse(amountSchema, 0.1)).toBe("0.1");
    expect(v.parse(amountSchema, "-3.50")).toBe("-3.50");
    expect(v.safeParse(amountSchema, Number.POSITIVE_INFINITY).success).toBe(false);
    expect(v.safeParse(idSchema, 2 ** 60).success).toBe(false);
  });

  it("carries ambiguity and status onto the error when asked", () => {
    const error = thrown(() =>
      parseOrThrow(v.looseObject({ status: v.string() }), {}, "Answer", {
        ambiguous: true,
        status: 200,
      }),
    );
    expect(error).toMatchObject({
      code: "INVALID_RESPONSE",
      ambiguous: true,
      status: 200,
      message: "Answer.status: is missing",
    });
  });
});
