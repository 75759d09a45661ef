/**
 * The checks of the proxy's front door (CONTRACT.md): only the contract's routes and methods
 * answer, the kit's config is served, and a foreign Origin, a signed-out customer, a write that
 * is not JSON and a body over 16 KiB are refused.
 */
import { checkRequest, KitConfigSchema } from "@dollr-kit/core/internal";
import { type Check, CheckSkipped, expectShape, expectStatus, UUID } from "./support.ts";

/** A well-formed session body, which checks send as is or spoil one way. */
export const sessionBody = { source_type: "INVOICE", source_id: 1 };

export const ROUTE_CHECKS: readonly Check[] = [
  {
    id: "allow-list.unknown-routes",
    title: "Routes outside the contract answer 404",
    async run({ probe, payoutsOff }) {
      const ref = UUID();
      const paths: [string, string][] = [
        ["POST", "/v1/jwt/client/obtain/token"],
        ["POST", "/v1/payment-accounts/create?operation_type=COLLECTION"],
        [
          "GET",
          "/v1/predictions/card-provider-info?payment_method_id=pm_card_visa&operation_type=COLLECTION&provider=STRIPE",
        ],
        ["GET", "/v1/predictions/amount-and-fees"],
        ["POST", "/v1/checkouts/create"],
        ["POST", "/v1/sessions/refund"],
        ["POST", "/v1/executions/transfer"],
        ["GET", `/v1/status/transfer/${ref}`],
        ["GET", "/v1/parties/list"],
        ["GET", "/kit/unknown"],
        ["GET", "/kit/config/extra"],
        ["GET", "/v1/status/collection"],
        ["GET", `/v1/status/collection/${ref}/extra`],
        ["GET", "/v1/status/collection/..%2F..%2Fjwt%2Fclient%2Fobtain%2Ftoken"],
        ["POST", "/V1/sessions/checkout"],
        ["POST", "/v1/sessions/checkout/"],
        ["GET", ""],
        ["GET", "/"],
      ];
      if (payoutsOff) {
        paths.push(
          ["POST", "/v1/sessions/payout"],
          ["POST", "/v1/executions/payout"],
          ["GET", `/v1/status/payout/${ref}`],
        );
      }
      for (const [method, path] of paths) {
        const answer = await probe.send({
          method,
          path,
          ...(method === "POST" ? { json: {} } : {}),
        });
        // A traversal attempt may also be refused as a malformed reference id.
        const allowed = path.includes("..%2F") ? [400, 404, 422] : [404];
        expectStatus(answer, allowed, "a route outside the allow-list");
      }
    },
  },
  {
    id: "allow-list.methods",
    title: "Known paths with other methods are refused",
    async run({ probe }) {
      const cases: [string, string][] = [
        ["GET", "/v1/sessions/checkout"],
        ["DELETE", "/v1/sessions/checkout"],
        ["GET", "/v1/executions/collection"],
        ["PUT", "/v1/executions/collection"],
        ["POST", "/kit/config"],
        ["PATCH", "/kit/payment-accounts"],
        ["POST", `/v1/status/collection/${UUID()}`],
      ];
      for (const [method, path] of cases) {
        const answer = await probe.send({
          method,
          path,
          ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
        });
        expectStatus(answer, [404, 405], "a method the contract does not have");
      }
    },
  },
  {
    id: "config",
    title: "GET /kit/config answers the kit's config",
    async run({ probe }) {
      const answer = await probe.send({ method: "GET", path: "/kit/config" });
      expectStatus(answer, [200], "the config");
      expectShape(checkRequest(KitConfigSchema, answer.json, "body"), answer, "the config");
    },
  },
  {
    id: "origin",
    title: "An Origin outside the allow-list is refused (403)",
    async run({ probe }) {
      const cases: { method: string; path: string; origin: string; json?: unknown }[] = [
        {
          method: "POST",
          path: "/v1/sessions/checkout",
          origin: "https://attacker.conformance.invalid",
          json: sessionBody,
        },
        {
          method: "POST",
          path: "/kit/payment-accounts",
          origin: "https://attacker.conformance.invalid",
          json: { type: "CARD", payment_method_id: "pm_card_visa", account_name: "x" },
        },
        {
          method: "GET",
          path: "/kit/payment-accounts",
          origin: "https://attacker.conformance.invalid",
        },
        { method: "POST", path: "/v1/sessions/checkout", origin: "null", json: sessionBody },
      ];
      for (const c of cases) {
        const answer = await probe.send({
          method: c.method,
          path: c.path,
          json: c.json,
          headers: { origin: c.origin },
        });
        expectStatus(answer, [403], `Origin ${c.origin}`);
      }
    },
  },
  {
    id: "auth",
    title: "Without a signed-in customer, customer routes answer 401",
    async run(context) {
      if (!context.hasAnonymous)
        throw new CheckSkipped(
          "pass --unauthenticated-header (or the proxy treats no header as signed out)",
        );
      const cases: { method: string; path: string; json?: unknown }[] = [
        { method: "GET", path: "/kit/payment-accounts" },
        {
          method: "POST",
          path: "/kit/payment-accounts",
          json: { type: "MOBILE_MONEY", phone: context.fixtures.phone, account_name: "x" },
        },
        { method: "POST", path: "/v1/sessions/checkout", json: sessionBody },
        {
          method: "POST",
          path: "/v1/executions/collection",
          json: { session_id: "1", payment_account_id: "1", currency: "USD", reference_id: UUID() },
        },
        { method: "GET", path: `/v1/status/collection/${UUID()}` },
      ];
      for (const c of cases) {
        const answer = await context.probe.send({ ...c, as: "anonymous" });
        expectStatus(answer, [401], "a request without a signed-in customer");
      }
    },
  },
  {
    id: "writes.content-type",
    title: "Writes in another content type than JSON answer 415",
    async run({ probe }) {
      const raw = JSON.stringify(sessionBody);
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        null,
      ]) {
        const answer = await probe.send({
          method: "POST",
          path: "/v1/sessions/checkout",
          raw,
          headers: type === null ? {} : { "content-type": type },
        });
        expectStatus(answer, [415], `Content-Type ${type ?? "(none)"}`);
      }
    },
  },
  {
    id: "writes.body-limit",
    title: "Bodies over 16 KiB answer 413",
    async run({ probe }) {
      const raw = JSON.stringify({ ...sessionBody, padding: "x".repeat(17 * 1024) });
      for (const path of [
        "/v1/sessions/checkout",
        "/v1/executions/collection",
        "/kit/payment-accounts",
      ]) {
        const answer = await probe.send({
          method: "POST",
          path,
          raw,
          headers: { "content-type": "application/json" },
        });
        expectStatus(answer, [413], "a 17 KiB body");
      }
    },
  },
];
