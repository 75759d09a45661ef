import { DOLLR_KIT_ERROR_CODES, DollrKitError, errorFromResponse } from "@dollr-kit/core/internal";
import { describe, expect, it } from "vitest";
import { createTranslator, defaultMessages } from "../messages.ts";
import {
  customerErrorKind,
  customerText,
  customerWordsFor,
  failureWordsFor,
} from "./error-words.ts";

const t = createTranslator();
const HOSTILE = `<img src=x onerror=alert(1)> ${"A".repeat(5_000)}`;

/** Words a customer may read: no HTTP, no status number, no code word, nothing of the server's. */
function expectPlain(text: string, ...serverWords: string[]) {
  expect(text).not.toMatch(/HTTP|\b[1-5]\d\d\b|[A-Z]{2,}_[A-Z]+|<|\{|\}/);
  for (const words of serverWords.filter(Boolean)) expect(text).not.toContain(words.slice(0, 20));
  expect(text.length).toBeLessThan(200);
}

describe("customerWordsFor: every code the kit knows", () => {
  it.each([...DOLLR_KIT_ERROR_CODES, "UNEXPECTED"])("%s has its own plain words", (code) => {
    const error = new DollrKitError(
      code as never,
      `The request was rejected (HTTP 422): ${HOSTILE}`,
      {
        status: 422,
      },
    );
    const words = customerWordsFor(error, t);
    expect(words.title).not.toBe("");
    expect(words.action).not.toBe("");
    expectPlain(customerText(words), HOSTILE, "source_id");
  });

  it("covers every code with a message pair, and only UNEXPECTED falls back to unknown", () => {
    for (const code of DOLLR_KIT_ERROR_CODES) {
      expect(customerErrorKind({ code })).not.toBe("unknown");
    }
    for (const key of Object.keys(defaultMessages).filter((name) => name.startsWith("error."))) {
      expectPlain(t(key as keyof typeof defaultMessages));
    }
  });

  it("reads what the proxy answered, never its text", () => {
    const busy = errorFromResponse({
      status: 409,
      body: {
        code: "SOURCE_BUSY",
        detail: "source_id: source already being paid: a payment for it is PROCESSING",
        reference_id: crypto.randomUUID(),
      },
    });
    const words = customerWordsFor(busy, t);
    expect(words.kind).toBe("sourceBusy");
    expectPlain(customerText(words), "source already being paid");
    // The technical detail stays on the error for logs.
    expect(busy.message).toMatch(/HTTP 409/);

    const rejected = errorFromResponse({
      status: 422,
      body: { detail: [{ loc: ["body", "source_id"], msg: HOSTILE, type: "value_error" }] },
    });
    expect(customerText(customerWordsFor(rejected, t))).toBe(
      "Some of the details weren't accepted. Check what you entered, then try again.",
    );
  });

  it("names the phone or the name when Dollr rejected that field", () => {
    const phone = errorFromResponse({
      status: 422,
      body: { detail: [{ loc: ["body", "account_number"], msg: "invalid msisdn 231880000000" }] },
    });
    expect(customerWordsFor(phone, t)).toMatchObject({
      kind: "phoneRejected",
      title: "This phone number wasn't accepted.",
    });
    expectPlain(customerText(customerWordsFor(phone, t)), "231880000000");
    const name = errorFromResponse({
      status: 422,
      body: { detail: [{ loc: ["body", "account_name"], msg: "too long" }] },
    });
    expect(customerWordsFor(name, t).kind).toBe("nameRejected");
  });

  it("takes the engine's kept errors, bare statuses and what fetch throws", () => {
    expect(
      customerWordsFor({ code: "RATE_LIMITED", message: "Too many requests (HTTP 429)" }, t),
    ).toMatchObject({ kind: "rateLimited", action: "Wait a minute, then try again." });
    expect(customerErrorKind({ status: 503, message: "Service Unavailable" })).toBe("server");
    expect(customerErrorKind({ status: 401 })).toBe("signedOut");
    expect(customerErrorKind({ status: 410 })).toBe("notFound");
    expect(customerErrorKind({ status: 418 })).toBe("invalid");
    expect(customerErrorKind(new TypeError("Failed to fetch"))).toBe("network");
    expect(customerErrorKind(new DOMException("The user aborted", "AbortError"))).toBe("aborted");
    expect(customerErrorKind(new DOMException("signal timed out", "TimeoutError"))).toBe("timeout");
  });

  it("gives general words for anything else, whatever it says", () => {
    for (const thrown of [
      new Error(HOSTILE),
      HOSTILE,
      null,
      undefined,
      42,
      { code: "__proto__" },
      { code: "NOPE", message: HOSTILE },
    ]) {
      const words = customerWordsFor(thrown, t);
      expect(words.kind).toBe("unknown");
      expectPlain(customerText(words), HOSTILE);
    }
  });

  it("uses the provider's replacements", () => {
    const french = createTranslator({ "error.network": "Le service de paiement est injoignable." });
    expect(customerWordsFor(new TypeError("x"), french).title).toBe(
      "Le service de paiement est injoignable.",
    );
  });
});

describe("failureWordsFor: Dollr's free-text reason, read and never shown", () => {
  it.each([
    ["The customer did not approve the payment in time", "notApproved"],
    ["PAYMENT_NOT_APPROVED", "notApproved"],
    ["The payment was not approved before the session expired", "notApproved"],
    ["The payer's wallet has insufficient funds", "insufficientFunds"],
    ["INSUFFICIENT_BALANCE", "insufficientFunds"],
    ["PAYER_NOT_FOUND", "payerNotFound"],
    ["PAYMENT_IN_PROGRESS", "otherPayment"],
    ["PAYER_LIMIT_REACHED", "limit"],
    ["Your card was declined.", "declined"],
    ["3D Secure authentication failed; the card payment was declined", "authentication"],
    ["3D Secure authentication was not completed before the session expired", "authentication"],
    ["UNSPECIFIED_FAILURE", "unknown"],
    [HOSTILE, "unknown"],
    ["", "unknown"],
    [null, "unknown"],
  ])("%s → %s", (reason, kind) => {
    const words = failureWordsFor(reason, t);
    expect(words.kind).toBe(kind);
    expectPlain(customerText(words), reason ?? "");
  });

  it("speaks to the customer and says what to do", () => {
    expect(failureWordsFor("PAYMENT_NOT_APPROVED", t)).toEqual({
      kind: "notApproved",
      title: "The payment wasn't approved on your phone in time.",
      action: "Try again, and enter your PIN as soon as the prompt appears.",
    });
  });
});
