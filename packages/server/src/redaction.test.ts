// Never in a response or a log line: the client secret, Dollr's token, a passcode, or a full
// phone number (all but the last 3 digits masked).
import { afterEach, describe, expect, it } from "vitest";
import { createConsoleLogger, createSafeLogger } from "./logging.ts";
import { REDACTED, redactJson, redactLogText, redactText } from "./redaction.ts";
import {
  CLIENT_SECRET,
  type Harness,
  type HttpAnswer,
  newReferenceId,
  PHONES,
  startHarness,
} from "./test-support.ts";

const PASSCODE = "Pq7Ws9Lk";
const UNSERVED_PHONE = "231990000123";
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function secretsOf(harness: Harness): string[] {
  return [
    CLIENT_SECRET,
    PASSCODE,
    ...harness.tokens,
    PHONES.succeeds,
    PHONES.fails,
    UNSERVED_PHONE,
  ];
}

function expectClean(harness: Harness, answers: HttpAnswer[]) {
  expect(harness.tokens.length).toBeGreaterThan(1);
  const secrets = secretsOf(harness);
  for (const answer of answers) {
    const all = `${[...answer.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${answer.text}`;
    for (const secret of secrets) expect(all, `an answer shows ${secret}`).not.toContain(secret);
  }
  expect(harness.logs.length).toBeGreaterThan(10);
  for (const log of harness.logs) {
    for (const secret of secrets)
      expect(log.line, `a log line shows ${secret}`).not.toContain(secret);
  }
}

describe("answers and log lines", () => {
  it("hold no secret through a whole day of a proxy's life", async () => {
    h = await startHarness({
      simulator: { payoutPasscode: PASSCODE },
      proxy: { payouts: { enabled: true, authorize: () => true } },
    });
    const harness = h;
    const answers: HttpAnswer[] = [];
    const call = async (...args: Parameters<Harness["call"]>) => {
      const answer = await harness.call(...args);
      answers.push(answer);
      return answer;
    };
    await call("GET", "/kit/config");
    await call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "Mine" },
    });
    await call("POST", "/kit/payment-accounts", {
      as: "bob",
      json: { type: "MOBILE_MONEY", phone: PHONES.fails, account_name: "Bob" },
    });
    await call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: UNSERVED_PHONE, account_name: "x" },
    });
    await call("GET", `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`);
    await call("GET", `/v1/predictions/mmo-provider-info?phone=${UNSERVED_PHONE}`);
    await call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: Number(PHONES.succeeds), account_name: "x" },
    });
    await call("GET", "/kit/payment-accounts");
    const wallet = (await call("GET", "/kit/payment-accounts")).json.payment_accounts[0].id;
    const source = await harness.source();
    const session = await call("POST", "/v1/sessions/checkout", { json: source });
    const referenceId = newReferenceId();
    const execute = {
      session_id: String(session.json.id),
      payment_account_id: wallet,
      currency: "USD",
      reference_id: referenceId,
    };
    harness.simulator.control.setFaults({
      kind: "lost_response",
      count: 1,
      match: { method: "POST", path: "/v1/executions/collection" },
    });
    await call("POST", "/v1/executions/collection", { json: execute });
    await call("POST", "/v1/executions/collection", { json: execute });
    harness.advance(57 * 60_000); // a token refresh
    await call("GET", `/v1/status/collection/${referenceId}`);
    harness.simulator.control.advance(61 * 60_000); // Dollr rejects the token: a 401 replay
    await call("GET", `/v1/status/collection/${referenceId}`);
    // A payout with a typed passcode, right and wrong.
    const payoutAccount = await harness.simulator(
      new Request("http://simulator.test/v1/payment-accounts/create?operation_type=PAYOUT", {
        method: "POST",
        headers: {
          authorization: `Bearer ${harness.simulator.control.issueToken()}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          account_name: "S",
          provider: "PAWAPAY",
          method: "MTN_MOMO_LBR",
          party_id: harness.customers.alice.partyId,
          insensitive_account_number: PHONES.succeeds,
        }),
      }),
    );
    const payoutAccountId = String(((await payoutAccount.json()) as { id: number }).id);
    const payoutSession = await call("POST", "/v1/sessions/payout", {
      json: { payout_account_id: Number(payoutAccountId), amount: "1.00", currency: "USD" },
    });
    const payout = {
      session_id: String(payoutSession.json.id),
      payout_account_id: payoutAccountId,
      reference_id: newReferenceId(),
    };
    await call("POST", "/v1/executions/payout", {
      json: { ...payout, passcode: { code: PASSCODE, phone: PHONES.succeeds } },
    });
    await call("POST", "/v1/executions/payout", {
      json: { ...payout, reference_id: newReferenceId(), passcode: { code: "Wrong999" } },
    });
    await call("POST", "/v1/executions/payout", {
      json: { ...payout, passcode: { code: PASSCODE, extra: PASSCODE } },
    });
    // The day went as planned: saved, refused, lost, replayed, refreshed, paid out, refused.
    expect(answers.map((a) => a.status)).toEqual([
      200, 201, 201, 422, 200, 422, 422, 200, 200, 200, 502, 200, 200, 200, 200, 200, 403, 422,
    ]);
    expectClean(harness, answers);
  });

  it("hold no secret when the merchant's own code throws one in an error", async () => {
    h = await startHarness({
      proxy: {
        resolveCustomer: () => {
          throw new Error(`lookup failed for ${PHONES.succeeds} with ${CLIENT_SECRET}`);
        },
      },
    });
    await h.call("GET", "/kit/config"); // obtains nothing, but leaves a log line
    const answer = await h.call("GET", "/kit/payment-accounts");
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      detail: "Something went wrong in the payment proxy",
      code: "INTERNAL",
    });
    const logged = h.logs.find((l) => l.message === "proxy.unexpected_error");
    expect(logged?.fields.error_message).toBe(`lookup failed for *********000 with ${REDACTED}`);
    for (const log of h.logs) {
      expect(log.line).not.toContain(PHONES.succeeds);
      expect(log.line).not.toContain(CLIENT_SECRET);
    }
  });

  it("are answered even when the merchant's logger throws", async () => {
    h = await startHarness({
      proxy: {
        logger: {
          info: () => {
            throw new Error("disk full");
          },
          warn: () => {},
          error: () => {},
        },
      },
    });
    expect((await h.call("GET", "/kit/config")).status).toBe(200);
  });
});

describe("redaction helpers", () => {
  const set = { secrets: ["s3cr3t", "eyJ.tok.en"], phones: ["231880000000"] };

  it("remove secrets and mask known phone numbers in text", () => {
    expect(redactText("token eyJ.tok.en and s3cr3t, call 231880000000", set)).toBe(
      `token ${REDACTED} and ${REDACTED}, call *********000`,
    );
  });

  it("mask any phone-like digit run in log text, but not UUIDs, dates or short numbers", () => {
    const uuid = "12345678-1234-4123-8123-123456789012";
    expect(
      redactLogText(`from 250780000123 ref ${uuid} at 2026-06-23 id 55`, { secrets: [] }),
    ).toBe(`from *********123 ref ${uuid} at 2026-06-23 id 55`);
  });

  it("redact secret keys, mask phone keys and drop what pydantic echoes back", () => {
    const value = {
      phone: "231880000000",
      insensitive_account_number: 231880000000,
      passcode: { code: "1234" },
      client_secret: "pi_1_secret_2",
      detail: [
        {
          loc: ["body", "phone"],
          msg: "bad 231880000000",
          type: "x",
          input: "231880000000",
          ctx: { a: 1 },
        },
      ],
      nested: [{ access_token: "abc" }],
    };
    expect(redactJson(value, set)).toEqual({
      phone: "*********000",
      insensitive_account_number: "*********000",
      passcode: REDACTED,
      client_secret: "pi_1_secret_2", // Stripe's PaymentIntent secret: the browser needs it for 3DS
      detail: [{ loc: ["body", "phone"], msg: "bad *********000", type: "x" }],
      nested: [{ access_token: REDACTED }],
    });
    // In logs, even the PaymentIntent secret goes.
    expect((redactJson(value, set, true) as { client_secret: string }).client_secret).toBe(
      REDACTED,
    );
  });

  it("wrap a logger so that message and fields are redacted with the secrets of the moment", () => {
    const lines: string[] = [];
    const secrets = ["first"];
    const logger = createSafeLogger(
      createConsoleLogger({
        level: "debug",
        console: {
          log: (l: string) => lines.push(l),
          warn: (l: string) => lines.push(l),
          error: (l: string) => lines.push(l),
        },
      }),
      () => ({ secrets }),
    );
    logger.info("saw first", { authorization: "Bearer x", note: "phone 231880000000" });
    secrets.push("second");
    logger.error("saw second");
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      {
        level: "info",
        msg: `saw ${REDACTED}`,
        authorization: REDACTED,
        note: "phone *********000",
      },
      { level: "error", msg: `saw ${REDACTED}` },
    ]);
  });
});
