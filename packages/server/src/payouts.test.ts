// Payout routes: off by default; with `payouts: { enabled, authorize }` a merchant surface whose
// passcode never shows in an answer or a log line.
import { afterEach, describe, expect, it } from "vitest";
import type { PayoutOptions } from "./options.ts";
import { type Harness, newReferenceId, PHONES, startHarness } from "./test-support.ts";

const PASSCODE = "Zq81xPw3";
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function payoutHarness(payouts: Partial<PayoutOptions> = {}): Promise<Harness> {
  h = await startHarness({
    simulator: { payoutPasscode: PASSCODE },
    proxy: {
      payouts: { enabled: true, authorize: (customer) => customer.id === "alice", ...payouts },
    },
  });
  return h;
}

async function payoutAccount(harness: Harness): Promise<number> {
  const response = await harness.simulator(
    new Request("http://simulator.test/v1/payment-accounts/create?operation_type=PAYOUT", {
      method: "POST",
      headers: {
        authorization: `Bearer ${harness.simulator.control.issueToken()}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        account_name: "Supplier",
        provider: "PAWAPAY",
        method: "MTN_MOMO_LBR",
        party_id: harness.customers.alice.partyId,
        insensitive_account_number: PHONES.succeeds,
      }),
    }),
  );
  return ((await response.json()) as { id: number }).id;
}

function expectNoPasscode(harness: Harness, ...answers: { text: string }[]) {
  for (const answer of answers) expect(answer.text).not.toContain(PASSCODE);
  for (const log of harness.logs) expect(log.line).not.toContain(PASSCODE);
}

describe("payouts", () => {
  it("are off by default: every payout route is a 404", async () => {
    h = await startHarness();
    expect(
      (
        await h.call("POST", "/v1/sessions/payout", {
          json: { payout_account_id: 1, amount: "1.00", currency: "USD" },
        })
      ).status,
    ).toBe(404);
    expect((await h.call("POST", "/v1/executions/payout", { json: {} })).status).toBe(404);
    expect((await h.call("GET", `/v1/status/payout/${newReferenceId()}`)).status).toBe(404);
    expect(h.forwarded).toHaveLength(0);
  });

  it("pay out with a passcode the staff member types, which is never answered or logged", async () => {
    const harness = await payoutHarness();
    const accountId = await payoutAccount(harness);
    const session = await harness.call("POST", "/v1/sessions/payout", {
      json: { payout_account_id: accountId, amount: "5.00", currency: "USD" },
    });
    expect(session.status).toBe(200);
    const referenceId = newReferenceId();
    const body = {
      session_id: String(session.json.id),
      payout_account_id: String(accountId),
      reference_id: referenceId,
    };
    const executed = await harness.call("POST", "/v1/executions/payout", {
      json: { ...body, passcode: { code: PASSCODE } },
    });
    expect(executed.status).toBe(200);
    expect(executed.json).toMatchObject({ reference_id: referenceId, operation_type: "PAYOUT" });
    const sent = JSON.parse(
      harness.apiCalls().find((c) => c.path === "/v1/executions/payout")?.body ?? "{}",
    );
    expect(sent.passcode).toEqual({
      token: { code: PASSCODE },
      device: {
        name: "dollr-kit-proxy",
        type: "SERVER",
        platform: "NODE",
        user_agent: expect.any(String),
        client_ip: "0.0.0.0",
      },
    });
    expect(await harness.attempts.getAttempt(referenceId)).toMatchObject({
      operation: "PAYOUT",
      customerId: "alice",
      source: null,
    });
    const status = await harness.call("GET", `/v1/status/payout/${referenceId}`);
    expect(status.status).toBe(200);
    // A payout's status is not a collection's.
    expect((await harness.call("GET", `/v1/status/collection/${referenceId}`)).status).toBe(404);

    const wrong = await harness.call("POST", "/v1/executions/payout", {
      json: { ...body, reference_id: newReferenceId(), passcode: { code: "Wrong123" } },
    });
    expect(wrong.status).toBe(403);
    expectNoPasscode(harness, session, executed, status, wrong);
  });

  it("ask authorize for every action (403 otherwise), before anything is sent", async () => {
    const harness = await payoutHarness();
    const accountId = await payoutAccount(harness);
    const asBob = await harness.call("POST", "/v1/sessions/payout", {
      as: "bob",
      json: { payout_account_id: accountId, amount: "5.00", currency: "USD" },
    });
    expect(asBob.status).toBe(403);
    const execute = await harness.call("POST", "/v1/executions/payout", {
      as: "bob",
      json: {
        session_id: "1",
        payout_account_id: String(accountId),
        reference_id: newReferenceId(),
        passcode: { code: PASSCODE },
      },
    });
    expect(execute.status).toBe(403);
    expect(harness.apiCalls()).toHaveLength(0);
    expectNoPasscode(harness, asBob, execute);
  });

  it("use the server's passcode when it holds one, and refuse one in the body", async () => {
    const harness = await payoutHarness({ passcode: () => ({ code: PASSCODE }) });
    const accountId = await payoutAccount(harness);
    const session = await harness.call("POST", "/v1/sessions/payout", {
      json: { payout_account_id: accountId, amount: "2.50", currency: "LRD" },
    });
    const body = {
      session_id: String(session.json.id),
      payout_account_id: String(accountId),
      reference_id: newReferenceId(),
    };
    const typed = await harness.call("POST", "/v1/executions/payout", {
      json: { ...body, passcode: { code: PASSCODE } },
    });
    expect(typed.status).toBe(422);
    const executed = await harness.call("POST", "/v1/executions/payout", { json: body });
    expect(executed.status).toBe(200);
    expectNoPasscode(harness, typed, executed);
  });

  it("need a passcode when the server holds none, and validate amounts", async () => {
    const harness = await payoutHarness();
    const missing = await harness.call("POST", "/v1/executions/payout", {
      json: { session_id: "1", payout_account_id: "1", reference_id: newReferenceId() },
    });
    expect(missing.status).toBe(422);
    for (const amount of ["0", "0.00", "-1", "1.234", 5]) {
      const answer = await harness.call("POST", "/v1/sessions/payout", {
        json: { payout_account_id: 1, amount, currency: "USD" },
      });
      expect(answer.status, String(amount)).toBe(422);
    }
    expect(harness.apiCalls()).toHaveLength(0);
  });

  it("refuse to start without authorize", async () => {
    await expect(
      startHarness({ proxy: { payouts: { enabled: true } as unknown as PayoutOptions } }),
    ).rejects.toMatchObject({ code: "CONFIGURATION" });
  });
});
