/**
 * The checks of request validation (CONTRACT.md): unknown fields, wrong types, amounts the
 * browser tries to set, reference ids that are not UUID v4 and bad query parameters answer 422
 * (400 also for JSON that does not parse).
 */
import { sessionBody } from "./route-checks.ts";
import { type Check, expectStatus, UUID } from "./support.ts";

export const VALIDATION_CHECKS: readonly Check[] = [
  {
    id: "validation.fields",
    title: "Unknown fields, wrong types and malformed JSON answer 422 (400 for bad JSON)",
    async run({ probe, fixtures }) {
      const ref = UUID();
      const cases: { path: string; json?: unknown; raw?: string; allowed?: number[] }[] = [
        { path: "/v1/sessions/checkout", json: { ...sessionBody, note: "hi" } },
        { path: "/v1/sessions/checkout", json: { source_type: "INVOICE", source_id: "1" } },
        { path: "/v1/sessions/checkout", json: { source_type: "invoice", source_id: 1 } },
        { path: "/v1/sessions/checkout", json: { source_type: "INVOICE" } },
        { path: "/v1/sessions/checkout", json: [sessionBody] },
        { path: "/v1/sessions/checkout", raw: '{"source_type": "INVOICE", ', allowed: [400, 422] },
        {
          path: "/v1/executions/collection",
          json: { session_id: 1, payment_account_id: "1", currency: "USD", reference_id: ref },
        },
        {
          path: "/v1/executions/collection",
          json: { session_id: "1", payment_account_id: "1", currency: "usd", reference_id: ref },
        },
        {
          path: "/v1/executions/collection",
          json: {
            session_id: "1",
            payment_account_id: "1",
            currency: "USD",
            reference_id: ref,
            extra: true,
          },
        },
        {
          path: "/kit/payment-accounts",
          json: { type: "MOBILE_MONEY", phone: `+${fixtures.phone}`, account_name: "x" },
        },
        { path: "/kit/payment-accounts", json: { type: "BANK", account_name: "x" } },
        {
          path: "/kit/payment-accounts",
          json: { type: "CARD", payment_method_id: "tok_visa", account_name: "x" },
        },
        {
          path: "/kit/payment-accounts",
          json: { type: "MOBILE_MONEY", phone: fixtures.phone, account_name: "x", party_id: 1 },
        },
      ];
      for (const c of cases) {
        const answer = await probe.send({
          method: "POST",
          path: c.path,
          ...(c.raw === undefined
            ? { json: c.json }
            : { raw: c.raw, headers: { "content-type": "application/json" } }),
        });
        expectStatus(answer, c.allowed ?? [422], `an invalid body for ${c.path}`);
      }
    },
  },
  {
    id: "validation.amounts",
    title: "The browser can never set an amount (422)",
    async run({ probe }) {
      const ref = UUID();
      const cases: { path: string; json: unknown }[] = [
        { path: "/v1/sessions/checkout", json: { ...sessionBody, amount: 1 } },
        { path: "/v1/sessions/checkout", json: { ...sessionBody, total_amount: "0.01" } },
        {
          path: "/v1/executions/collection",
          json: {
            session_id: "1",
            payment_account_id: "1",
            currency: "USD",
            reference_id: ref,
            amount: "0.01",
          },
        },
        {
          path: "/v1/executions/collection",
          json: {
            session_id: "1",
            payment_account_id: "1",
            currency: "USD",
            reference_id: ref,
            payer_amount: 0.01,
          },
        },
      ];
      for (const c of cases) {
        const answer = await probe.send({ method: "POST", path: c.path, json: c.json });
        expectStatus(answer, [422], `an amount sent to ${c.path}`);
      }
    },
  },
  {
    id: "validation.reference-id",
    title: "A reference_id that is not a UUID v4 answers 422",
    async run({ probe }) {
      const bad = [
        "1",
        "not-a-uuid",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8" /* v1 */,
        `${UUID()}x`,
        "",
      ];
      for (const referenceId of bad) {
        const answer = await probe.send({
          method: "POST",
          path: "/v1/executions/collection",
          json: {
            session_id: "1",
            payment_account_id: "1",
            currency: "USD",
            reference_id: referenceId,
          },
        });
        expectStatus(answer, [422], `reference_id "${referenceId}"`);
      }
      const path = await probe.send({
        method: "GET",
        path: "/v1/status/collection/6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      });
      expectStatus(path, [400, 404, 422], "a UUID v1 in the status path");
    },
  },
  {
    id: "validation.query",
    title: "Reads with unknown, missing or malformed query parameters answer 422",
    async run({ probe, fixtures }) {
      const cases = [
        "/v1/status/source?source_type=INVOICE",
        "/v1/status/source?source_type=INVOICE&source_id=abc",
        "/v1/status/source?source_type=INVOICE&source_id=1&extra=1",
        "/v1/status/source?source_type=INVOICE&source_id=1&source_id=2",
        "/v1/predictions/mmo-provider-info",
        `/v1/predictions/mmo-provider-info?phone=%2B${fixtures.phone}`,
        `/v1/predictions/mmo-provider-info?phone=${fixtures.phone}&operation_type=PAYOUT`,
        "/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=1",
        "/kit/payment-accounts?customer=someone-else",
      ];
      for (const path of cases) {
        const answer = await probe.send({ method: "GET", path });
        expectStatus(answer, [422], `GET ${path}`);
      }
    },
  },
];
