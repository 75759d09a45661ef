/**
 * The checks of the proxy contract (see CONTRACT.md). Each one is a small scenario against the
 * proxy under test; it fails with the request and answer that broke the rule.
 */
import {
  checkRequest,
  KitConfigSchema,
  maskPhoneNumber,
  SavedPaymentAccountSchema,
} from "@dollr-kit/core/internal";
import { ABUSE_CHECKS } from "./abuse-checks.ts";
import { AUTHORITY_CHECKS } from "./authority-checks.ts";
import { describe, field } from "./probe.ts";
import { RECEIPT_CHECKS } from "./receipt-checks.ts";
import {
  type Check,
  CheckFailure,
  CheckSkipped,
  expectShape,
  expectStatus,
  newSession,
  requireExecute,
  requireOther,
  requireSimulator,
  UUID,
  wallet,
  withFault,
} from "./support.ts";

export {
  type Check,
  type CheckContext,
  CheckFailure,
  CheckSkipped,
  type ConformanceFixtures,
  type SimulatorAccess,
} from "./support.ts";

const sessionBody = { source_type: "INVOICE", source_id: 1 };

/** The contract's checks: allow-list, origins, validation, ownership, executes. */
const CONTRACT_CHECKS: readonly Check[] = [
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
  {
    id: "accounts.mobile-money",
    title: "A wallet is saved, listed, and never answered with its full number",
    async run(context) {
      const id = await wallet(context);
      const { probe, fixtures } = context;
      const list = await probe.send({ method: "GET", path: "/kit/payment-accounts" });
      expectStatus(list, [200], "the saved accounts");
      const accounts = field(list, "payment_accounts");
      if (!Array.isArray(accounts))
        throw new CheckFailure(`the list is {"payment_accounts": [...]}: ${describe(list)}`);
      const saved = accounts.find((a) => (a as { id?: unknown }).id === id);
      if (!saved) throw new CheckFailure(`the list holds the new account ${id}: ${describe(list)}`);
      const account = expectShape(
        checkRequest(SavedPaymentAccountSchema, saved, "body"),
        list,
        "a saved account",
      );
      if (account.type !== "MOBILE_MONEY")
        throw new CheckFailure(`the account's type is MOBILE_MONEY: ${describe(list)}`);
      if (account.masked_number !== maskPhoneNumber(fixtures.phone)) {
        throw new CheckFailure(
          `masked_number shows only the last 3 digits (${maskPhoneNumber(fixtures.phone)}): ${describe(list)}`,
        );
      }
    },
  },
  {
    id: "accounts.card",
    title: "A card account is saved single-use and can be deleted (then 404)",
    async run({ probe, fixtures }) {
      const created = await probe.send({
        method: "POST",
        path: "/kit/payment-accounts",
        json: {
          type: "CARD",
          payment_method_id: fixtures.cardPaymentMethodId,
          account_name: "Conformance card",
          last4: "4242",
        },
      });
      expectStatus(created, [200, 201], "saving a card account");
      const account = expectShape(
        checkRequest(SavedPaymentAccountSchema, created.json, "body"),
        created,
        "a card account",
      );
      if (account.type !== "CARD" || account.single_use !== true) {
        throw new CheckFailure(`a card account is CARD and single_use: ${describe(created)}`);
      }
      const path = `/kit/payment-accounts/${encodeURIComponent(account.id)}`;
      expectStatus(
        await probe.send({ method: "DELETE", path }),
        [200, 204],
        "deleting a saved account",
      );
      const list = await probe.send({ method: "GET", path: "/kit/payment-accounts" });
      if (list.text.includes(`"id":"${account.id}"`))
        throw new CheckFailure(`a deleted account is not listed: ${describe(list)}`);
      expectStatus(await probe.send({ method: "DELETE", path }), [404], "deleting it again");
    },
  },
  {
    id: "ownership.accounts",
    title: "Another customer cannot see or delete the customer's accounts",
    async run(context) {
      requireOther(context);
      const id = await wallet(context);
      const list = await context.probe.send({
        method: "GET",
        path: "/kit/payment-accounts",
        as: "other",
      });
      expectStatus(list, [200], "the other customer's list");
      const ids = ((field(list, "payment_accounts") as { id?: unknown }[] | undefined) ?? []).map(
        (a) => a.id,
      );
      if (ids.includes(id))
        throw new CheckFailure(`another customer's list shows account ${id}: ${describe(list)}`);
      const removed = await context.probe.send({
        method: "DELETE",
        path: `/kit/payment-accounts/${encodeURIComponent(id)}`,
        as: "other",
      });
      expectStatus(removed, [403, 404], "deleting another customer's account");
    },
  },
  {
    id: "ownership.source",
    title: "A session for a source the customer may not pay is refused (403)",
    async run({ probe, fixtures }) {
      const answer = await probe.send({
        method: "POST",
        path: "/v1/sessions/checkout",
        json: fixtures.forbiddenSource,
      });
      expectStatus(answer, [403, 404], "a session for someone else's source");
      const status = await probe.send({
        method: "GET",
        path: `/v1/status/source?source_type=${fixtures.forbiddenSource.source_type}&source_id=${fixtures.forbiddenSource.source_id}`,
      });
      expectStatus(status, [403, 404], "the status of someone else's source");
    },
  },
  {
    id: "ownership.execute",
    title:
      "An execute with an account that is not the customer's is refused (403); another customer's session answers as an unknown one (422)",
    async run(context) {
      const { probe, fixtures } = context;
      const sessionId = await newSession(context);
      context.state.sessionId = sessionId;
      const foreignAccount = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: "999999999",
          currency: fixtures.currency,
          reference_id: UUID(),
        },
      });
      expectStatus(foreignAccount, [403], "an execute with an account that is not the customer's");
      if (!context.hasOther) return;
      const otherWallet = await wallet(context, "other");
      const withOthers = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
      });
      expectStatus(withOthers, [403], "an execute with another customer's account");
      const otherOnMine = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
        as: "other",
      });
      // Another customer's session answers exactly as an unknown one: no session oracle.
      const unknownSession = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: "987654321",
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
        as: "other",
      });
      expectStatus(otherOnMine, [422], "an execute on another customer's session");
      if (
        otherOnMine.status !== unknownSession.status ||
        JSON.stringify(otherOnMine.json) !== JSON.stringify(unknownSession.json)
      ) {
        throw new CheckFailure(
          `Another customer's session must answer exactly as an unknown one: ${describe(otherOnMine)} vs ${describe(unknownSession)}`,
        );
      }
    },
  },
  {
    id: "execute.idempotent",
    title: "The same reference_id twice makes one payment; with another payload it is refused",
    async run(context) {
      requireExecute(context);
      const { probe, fixtures } = context;
      const accountId = await wallet(context);
      const sessionId = context.state.sessionId ?? (await newSession(context));
      const referenceId = UUID();
      const body = {
        session_id: sessionId,
        payment_account_id: accountId,
        currency: fixtures.currency,
        reference_id: referenceId,
      };
      const first = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: body,
      });
      expectStatus(first, [200, 201, 202], "an execute");
      if (field(first, "reference_id") !== referenceId)
        throw new CheckFailure(`the execution names its reference_id: ${describe(first)}`);
      const again = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: body,
      });
      expectStatus(again, [200, 201, 202], "the same execute again");
      if (field(again, "reference_id") !== referenceId)
        throw new CheckFailure(`the replay answers the same execution: ${describe(again)}`);
      const changed = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: { ...body, currency: fixtures.currency === "LRD" ? "USD" : "LRD" },
      });
      expectStatus(changed, [409, 422], "the same reference_id with another payload");
      const status = await probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(status, [200], "the status of the execution");
      context.state.referenceId = referenceId;
      context.state.source = context.state.sessionSources?.[sessionId];
      if (context.simulator) {
        const ledger = await context.simulator.get("/__simulator/ledger");
        const executions = (
          (ledger.json as { executions?: { reference_id: string; payloads: number }[] })
            ?.executions ?? []
        ).filter((e) => e.reference_id === referenceId);
        if (executions.length !== 1)
          throw new CheckFailure(
            `Dollr holds one execution for ${referenceId}, not ${executions.length}`,
          );
      }
    },
  },
  {
    id: "ownership.status",
    title: "Status of a reference_id that is not the customer's answers 404 (or 403)",
    async run(context) {
      const unknown = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${UUID()}`,
      });
      expectStatus(unknown, [404], "the status of an unknown reference_id");
      if (!context.hasOther || !context.state.referenceId || !context.state.source) return;
      const foreign = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${context.state.referenceId}`,
        as: "other",
      });
      // Whoever may pay the source may follow the payment in flight (a second device); anyone
      // else gets the same answer as for an unknown id.
      const { source_type, source_id } = context.state.source;
      const mayPay = await context.probe.send({
        method: "GET",
        path: `/v1/status/source?source_type=${source_type}&source_id=${source_id}`,
        as: "other",
      });
      if (mayPay.status === 200) {
        expectStatus(foreign, [200], "a customer who may pay the source following its payment");
      } else {
        expectStatus(foreign, [403, 404], "another customer reading the status");
      }
    },
  },
  {
    id: "execute.ambiguous",
    title: 'A lost answer from Dollr during an execute answers 502 with "ambiguous": true',
    async run(context) {
      requireExecute(context);
      const simulator = requireSimulator(context);
      const accountId = await wallet(context);
      const sessionId = await newSession(context);
      const referenceId = UUID();
      const lostResponse = {
        kind: "lost_response",
        count: 1,
        match: { method: "POST", path: "/v1/executions/collection" },
      };
      await withFault(simulator, lostResponse, async () => {
        const answer = await context.probe.send({
          method: "POST",
          path: "/v1/executions/collection",
          json: {
            session_id: sessionId,
            payment_account_id: accountId,
            currency: context.fixtures.currency,
            reference_id: referenceId,
          },
        });
        expectStatus(answer, [502], "an execute whose answer was lost");
        if (field(answer, "ambiguous") !== true)
          throw new CheckFailure(`the body says "ambiguous": true: ${describe(answer)}`);
      });
      const status = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(status, [200], "the status of the execute whose answer was lost (it landed)");
    },
  },
  {
    id: "errors.rate-limit",
    title: "Dollr's 429 passes through with Retry-After",
    async run(context) {
      const simulator = requireSimulator(context);
      const rateLimit = {
        kind: "rate_limit",
        count: 1,
        retryAfterSeconds: 7,
        match: { method: "GET", pathPrefix: "/v1/predictions/mmo-provider-info" },
      };
      await withFault(simulator, rateLimit, async () => {
        const answer = await context.probe.send({
          method: "GET",
          path: `/v1/predictions/mmo-provider-info?phone=${context.fixtures.phone}`,
        });
        expectStatus(answer, [429], "a rate-limited read");
        if (answer.headers.get("retry-after") !== "7")
          throw new CheckFailure(
            `Retry-After is kept (7): got ${answer.headers.get("retry-after")}`,
          );
      });
    },
  },
  {
    id: "errors.shape",
    title: "Every error answer is JSON with a detail",
    async run({ probe }) {
      for (const answer of probe.answers) {
        if (answer.status < 400) continue;
        const detail = field(answer, "detail");
        const okDetail =
          (typeof detail === "string" && detail.length > 0) ||
          (Array.isArray(detail) &&
            detail.every(
              (d) =>
                Array.isArray((d as { loc?: unknown }).loc) &&
                typeof (d as { msg?: unknown }).msg === "string",
            ));
        if (!okDetail)
          throw new CheckFailure(
            `an error body is {"detail": string | [{loc, msg, type}]}: ${describe(answer)}`,
          );
      }
    },
  },
  {
    id: "secrets",
    title: "No answer carries a credential, a token, a passcode or a full phone number",
    async run({ probe, forbiddenStrings, fixtures }) {
      const jwt = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/;
      const phones = [fixtures.phone];
      for (const answer of probe.answers) {
        const headers = [...answer.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
        const everything = `${headers}\n${answer.text}`;
        for (const secret of forbiddenStrings) {
          if (secret && everything.includes(secret))
            throw new CheckFailure(`an answer shows a secret: ${answer.method} ${answer.path}`);
        }
        if (jwt.test(everything))
          throw new CheckFailure(`an answer shows a bearer token (JWT): ${describe(answer)}`);
        for (const phone of phones) {
          if (answer.text.includes(phone))
            throw new CheckFailure(`an answer shows the full phone number: ${describe(answer)}`);
        }
        if (/"(access_token|passcode|client_id)"\s*:/.test(answer.text)) {
          throw new CheckFailure(`an answer has a credential field: ${describe(answer)}`);
        }
      }
    },
  },
];

/** Every check, in the order they run. */
export const CHECKS: readonly Check[] = [
  ...CONTRACT_CHECKS,
  ...AUTHORITY_CHECKS,
  ...ABUSE_CHECKS,
  ...RECEIPT_CHECKS,
];
