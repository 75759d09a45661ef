/**
 * The checks of the receipt and realtime-key routes (CONTRACT.md): a paid source's receipt and
 * receipt link for a customer who may pay it, refusals for one who may not, and a realtime key
 * only for the customer's own recorded payment. They run after the `secrets` scan on purpose: a
 * realtime key answer carries a token (a JWT) by design.
 */
import {
  checkRequest,
  RealtimeKeySchema,
  ReceiptLinkSchema,
  ReceiptSchema,
  receiptPath,
  type SourceRef,
} from "@dollr-kit/core/internal";
import { describe } from "./probe.ts";
import {
  type Check,
  type CheckContext,
  CheckFailure,
  expectShape,
  expectStatus,
  newSession,
  newSource,
  requireExecute,
  requireSimulator,
  UUID,
  wallet,
} from "./support.ts";

const linkPath = (source: SourceRef) =>
  `/v1/links/receipt?source_type=${source.source_type}&source_id=${source.source_id}`;

/** Pays a new source through the proxy; answers the source, its session and the reference id. */
async function pay(context: CheckContext) {
  const source = await newSource(context);
  const sessionId = await newSession(context, source);
  const referenceId = UUID();
  const paid = await context.probe.send({
    method: "POST",
    path: "/v1/executions/collection",
    json: {
      session_id: sessionId,
      payment_account_id: await wallet(context),
      currency: context.fixtures.currency,
      reference_id: referenceId,
    },
  });
  expectStatus(paid, [200, 201, 202], "an execute");
  return { source, sessionId, referenceId };
}

export const RECEIPT_CHECKS: readonly Check[] = [
  {
    id: "receipts.paid",
    title: "A paid source's receipt and receipt link are answered to a customer who may pay it",
    async run(context) {
      requireExecute(context);
      const simulator = requireSimulator(context);
      const { source, referenceId } = await pay(context);
      const early = await context.probe.send({ method: "GET", path: receiptPath(source) });
      if (early.status < 400 || early.status > 499) {
        throw new CheckFailure(
          `a receipt before the source is paid is refused: ${describe(early)}`,
        );
      }
      const moved = await simulator.post("/__simulator/clock", { advanceMs: 15 * 60_000 });
      if (moved.status !== 200) throw new CheckFailure("the simulator's clock did not move");
      const final = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(final, [200], "the status of a completed payment");
      const receipt = await context.probe.send({ method: "GET", path: receiptPath(source) });
      expectStatus(receipt, [200], "the receipt of a paid source");
      expectShape(checkRequest(ReceiptSchema, receipt.json, "body"), receipt, "the receipt");
      const link = await context.probe.send({ method: "GET", path: linkPath(source) });
      expectStatus(link, [200], "the receipt link of a paid source");
      expectShape(checkRequest(ReceiptLinkSchema, link.json, "body"), link, "the receipt link");
    },
  },
  {
    id: "receipts.ownership",
    title: "Receipts of a source the customer may not pay are refused; malformed reads answer 422",
    async run({ probe, fixtures }) {
      const forbidden = fixtures.forbiddenSource;
      for (const path of [receiptPath(forbidden), linkPath(forbidden)]) {
        const answer = await probe.send({ method: "GET", path });
        expectStatus(answer, [403, 404], "a receipt of a source the customer may not pay");
      }
      const malformed = [
        "/v1/invoices/receipt/abc",
        "/v1/orders/receipt/0",
        "/v1/invoices/receipt/1?extra=1",
        "/v1/links/receipt?source_type=INVOICE",
        `${linkPath(forbidden)}&source_number=INV-1`,
      ];
      for (const path of malformed) {
        const answer = await probe.send({ method: "GET", path });
        expectStatus(answer, [422], "a receipt read with a malformed id or query");
      }
    },
  },
  {
    id: "realtime-keys.recorded",
    title: "A realtime key is given for the customer's own recorded payment only",
    async run(context) {
      requireExecute(context);
      const { probe } = context;
      const { source, sessionId, referenceId } = await pay(context);
      const body = {
        session_id: sessionId,
        source_type: source.source_type,
        reference_id: referenceId,
      };
      const key = await probe.send({
        method: "POST",
        path: "/v1/realtime-keys/collection",
        json: body,
      });
      expectStatus(key, [200, 201], "a realtime key for the customer's payment");
      const { access_token } = expectShape(
        checkRequest(RealtimeKeySchema, key.json, "body"),
        key,
        "the realtime key",
      );
      // Dollr's keys are JWTs (api-notes §2.5): a redacted or rewritten key opens nothing.
      if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(access_token)) {
        throw new CheckFailure(`the realtime key is answered as Dollr gave it: ${describe(key)}`);
      }
      const refusals: [string, Record<string, unknown>, number[]][] = [
        ["a reference id never executed", { ...body, reference_id: UUID() }, [403, 404]],
        ["another session", { ...body, session_id: await newSession(context) }, [403, 404]],
        ["an unknown field", { ...body, amount: "1.00" }, [422]],
        ["a reference id that is not a UUID v4", { ...body, reference_id: "ref-1" }, [422]],
      ];
      for (const [what, json, statuses] of refusals) {
        const answer = await probe.send({
          method: "POST",
          path: "/v1/realtime-keys/collection",
          json,
        });
        expectStatus(answer, statuses, `a realtime key for ${what}`);
      }
      if (context.hasOther) {
        const theirs = await probe.send({
          method: "POST",
          path: "/v1/realtime-keys/collection",
          json: body,
          as: "other",
        });
        expectStatus(theirs, [403, 404], "a realtime key for another customer's payment");
      }
    },
  },
];
