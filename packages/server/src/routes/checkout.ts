/**
 * The checkout routes, Dollr's own paths: a session for a source the customer may pay, the
 * collection execute, and the status reads. The proxy records every session it opens and every
 * execute it forwards (`AttemptStore`), and checks on each execute that the session and the
 * payment account are the customer's.
 */
import {
  type CheckoutSessionBody,
  CheckoutSessionBodySchema,
  checkRequest,
  type ExecuteCollectionBody,
  ExecuteCollectionBodySchema,
  parseCheckoutSession,
  ReferenceIdSchema,
  type SourceStatusQuery,
  SourceStatusQuerySchema,
} from "@dollr-kit/core/internal";
import { definite, fieldProblem, problem } from "../http.ts";
import { takeLimits } from "../limits/apply.ts";
import { phoneKey } from "../limits/rules.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import {
  type AttemptRecord,
  freshAttemptFields,
  type SessionRecord,
} from "../stores/attempt-store.ts";
import { findAccount, findSession, storeUnavailable } from "./attempt-records.ts";
import { executeOnce } from "./execution.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute } from "./route.ts";
import { sourceGate } from "./source-gate.ts";
import { sourceRoutes } from "./sources.ts";
import { answerStatus } from "./status.ts";

const SESSION_GONE_MSG = "Session not found or expired: open a new checkout session";

/** The session, execute and status routes of a collection. */
export function checkoutRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer, undefined, CheckoutSessionBody>({
      method: "POST",
      template: "/v1/sessions/checkout",
      limit: "sessions",
      authenticated: true,
      body: (input) => checkRequest(CheckoutSessionBodySchema, input, "body"),
      async handle(scope) {
        const { customer, body, shared, request } = scope;
        const source = { source_type: body.source_type, source_id: body.source_id };
        if (!(await shared.options.authorizeSource(customer, source, request))) {
          return problem(403, "FORBIDDEN", "This customer may not pay this source");
        }
        // One payment per source: a held or paid source gets no new session.
        const refused = await sourceGate(scope, source);
        if (refused) return refused;
        // Only the source goes to Dollr: the amount is the source's, decided by the merchant.
        const created = await callDollr(scope, {
          method: "POST",
          path: "/v1/sessions/checkout",
          body: source,
          kind: "write",
          label: "/v1/sessions/checkout",
        });
        if (!created.ok) return created.answer;
        const relayed = relay(scope, created.answer, "write");
        if (
          created.answer.status < 200 ||
          created.answer.status > 299 ||
          relayed.status !== created.answer.status
        ) {
          return relayed;
        }
        let session: ReturnType<typeof parseCheckoutSession>;
        try {
          session = parseCheckoutSession(created.answer.json);
        } catch {
          return problem(
            502,
            "UPSTREAM_INVALID",
            "The payment service answered an unreadable session",
            {
              ambiguous: false,
            },
          );
        }
        const record: SessionRecord = {
          sessionId: session.id,
          operation: "COLLECTION",
          customerId: customer.id,
          source,
          createdAt: new Date(shared.options.now()).toISOString(),
          expiresAt: session.expires_at || null,
        };
        await shared.options.attempts.saveSession(record);
        shared.recent.sessions.set(record.sessionId, record);
        scope.note.session_id = session.id;
        return relayed;
      },
    }),

    defineRoute<Customer, undefined, ExecuteCollectionBody>({
      method: "POST",
      template: "/v1/executions/collection",
      authenticated: true,
      execute: true,
      body: (input) => checkRequest(ExecuteCollectionBodySchema, input, "body"),
      async handle(scope) {
        const { customer, body, shared } = scope;
        const { options } = shared;
        scope.note.reference_id = body.reference_id;
        let session: SessionRecord | null;
        try {
          session = await findSession(scope, body.session_id);
        } catch (error) {
          scope.log.error("session.read_failed", describeError(error));
          return storeUnavailable("The checkout session could not be read, so nothing was sent");
        }
        // Another customer's session answers exactly as an unknown one: ids are sequential, and
        // a different answer would let anyone count (and probe) other customers' sessions.
        if (
          session?.operation !== "COLLECTION" ||
          session.customerId !== customer.id ||
          (session.expiresAt && Date.parse(session.expiresAt) < options.now())
        ) {
          return definite(
            fieldProblem(["body", "session_id"], SESSION_GONE_MSG, "value_error.session"),
          );
        }
        const account = await findAccount(scope, body.payment_account_id);
        if (!account) {
          return definite(
            problem(403, "FORBIDDEN", "This payment account is not one of the customer's"),
          );
        }
        if (!options.currencies.includes(body.currency)) {
          return definite(
            fieldProblem(
              ["body", "currency"],
              `Payments in ${body.currency} are not accepted here`,
            ),
          );
        }
        if (account.currencies.length > 0 && !account.currencies.includes(body.currency)) {
          return definite(
            fieldProblem(
              ["body", "currency"],
              `This payment account pays in ${account.currencies.join(", ")}`,
            ),
          );
        }
        if (
          account.singleUse &&
          account.usedByReferenceId &&
          account.usedByReferenceId !== body.reference_id
        ) {
          return definite(
            problem(
              409,
              "CARD_USED",
              "This card was already used for another payment: add the card again",
            ),
          );
        }
        // Counted once the payment is otherwise sound, in one round trip: this customer's
        // executes, and the prompts sent to this wallet's phone by anyone.
        if (!shared.inFlightExecutes.has(body.reference_id)) {
          const limited = await takeLimits(shared.limits, customer, options.now(), scope.log, [
            { name: "executes" },
            ...(account.type === "MOBILE_MONEY" && account.accountNumber
              ? [
                  {
                    name: "promptsPerPhone" as const,
                    key: await phoneKey(account.accountNumber, options.dollr.clientSecret),
                  },
                ]
              : []),
          ]);
          if (limited) return definite(limited);
        }
        const now = new Date(options.now()).toISOString();
        const attempt: AttemptRecord = {
          referenceId: body.reference_id,
          operation: "COLLECTION",
          customerId: customer.id,
          sessionId: body.session_id,
          source: session.source,
          paymentAccountId: body.payment_account_id,
          currency: body.currency,
          createdAt: now,
          updatedAt: now,
          status: null,
          statusCheckedAt: null,
          httpStatus: null,
          ambiguous: false,
          ...freshAttemptFields(),
        };
        return executeOnce(scope, attempt, {
          path: "/v1/executions/collection",
          statusPath: `/v1/status/collection/${body.reference_id}`,
          body,
          account,
        });
      },
    }),

    defineRoute<Customer, Partial<SourceStatusQuery>>({
      method: "GET",
      template: "/v1/status/collection/{reference_id}",
      limit: "polls",
      sameSiteOnly: true,
      authenticated: true,
      params: {
        reference_id: (input) => checkRequest(ReferenceIdSchema, input, "path", "reference_id"),
      },
      // Optional: the source the browser believes the payment is for (both or neither).
      query: (input) =>
        input && typeof input === "object" && Object.keys(input).length === 0
          ? { ok: true, value: {} }
          : checkRequest(SourceStatusQuerySchema, input, "query"),
      async handle(scope) {
        const referenceId = scope.params.reference_id as string;
        scope.note.reference_id = referenceId;
        const { source_type, source_id } = scope.query;
        // `return await`: a promise returned as is costs two more ticks before the answer goes.
        return await answerStatus(scope, {
          referenceId,
          operation: "COLLECTION",
          path: `/v1/status/collection/${referenceId}`,
          source: source_type && source_id ? { source_type, source_id } : null,
        });
      },
    }),

    ...sourceRoutes<Customer>(),
  ];
}
