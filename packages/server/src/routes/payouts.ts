/**
 * Payout routes: a merchant surface (staff paying out from the merchant's wallet), present only
 * with `payouts: { enabled: true, authorize }`. Every call asks `authorize`; the passcode is
 * either held by the server or typed by the staff member, and is never logged or answered.
 */
import {
  checkRequest,
  type ExecutePayoutBody,
  ExecutePayoutBodySchema,
  type PayoutSessionBody,
  PayoutSessionBodySchema,
  ReferenceIdSchema,
} from "@dollr-kit/core/internal";
import { type Answer, fieldProblem, problem } from "../http.ts";
import type { DollrCustomer, PayoutAction, PayoutDevice, PayoutOptions } from "../options.ts";
import { type AttemptRecord, freshAttemptFields } from "../stores/attempt-store.ts";
import { findSession } from "./attempt-records.ts";
import { executeOnce } from "./execution.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute, type RouteScope } from "./route.ts";
import { answerStatus } from "./status.ts";

const forbidden = () => problem(403, "FORBIDDEN", "This user may not make payouts");

async function allowed<Customer extends DollrCustomer>(
  // biome-ignore lint/suspicious/noExplicitAny: any payout route's scope.
  scope: RouteScope<Customer, any, any>,
  payouts: PayoutOptions<Customer>,
  action: PayoutAction,
): Promise<boolean> {
  return (await payouts.authorize(scope.customer, action, scope.request)) === true;
}

function deviceFor(request: Request, configured: Partial<PayoutDevice> | undefined): PayoutDevice {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "";
  return {
    name: "dollr-kit-proxy",
    type: "SERVER",
    platform: "NODE",
    user_agent: (request.headers.get("user-agent") ?? "dollr-kit-proxy").slice(0, 200),
    client_ip: /^[0-9a-fA-F:.]{2,45}$/.test(forwarded) ? forwarded : "0.0.0.0",
    ...configured,
  };
}

/** The payout routes (only mounted when payouts are on). */
export function payoutRoutes<Customer extends DollrCustomer>(
  payouts: PayoutOptions<Customer>,
): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer, undefined, PayoutSessionBody>({
      method: "POST",
      template: "/v1/sessions/payout",
      authenticated: true,
      body: (input) => checkRequest(PayoutSessionBodySchema, input, "body"),
      async handle(scope) {
        const { body, shared, customer } = scope;
        if (!(await allowed(scope, payouts, { type: "session", body }))) return forbidden();
        const created = await callDollr(scope, {
          method: "POST",
          path: "/v1/sessions/payout",
          body: {
            payout_account_id: body.payout_account_id,
            amount: Number(body.amount),
            currency: body.currency,
          },
          kind: "write",
          label: "/v1/sessions/payout",
        });
        if (!created.ok) return created.answer;
        const relayed = relay(scope, created.answer, "write");
        if (created.answer.status < 200 || created.answer.status > 299) return relayed;
        const id = (created.answer.json as { id?: unknown } | null)?.id;
        if (typeof id !== "string" && typeof id !== "number") {
          return problem(
            502,
            "UPSTREAM_INVALID",
            "The payment service answered an unreadable session",
            {
              ambiguous: false,
            },
          );
        }
        const expiresAt = (created.answer.json as { expires_at?: unknown }).expires_at;
        await shared.options.attempts.saveSession({
          sessionId: String(id),
          operation: "PAYOUT",
          customerId: customer.id,
          source: null,
          createdAt: new Date(shared.options.now()).toISOString(),
          expiresAt: typeof expiresAt === "string" ? expiresAt : null,
        });
        return relayed;
      },
    }),

    defineRoute<Customer, undefined, ExecutePayoutBody>({
      method: "POST",
      template: "/v1/executions/payout",
      authenticated: true,
      body: (input) => checkRequest(ExecutePayoutBodySchema, input, "body"),
      async handle(scope): Promise<Answer> {
        const { customer, shared, request } = scope;
        const { passcode: typed, ...body } = scope.body;
        if (typed) scope.sensitive.secrets.add(typed.code);
        scope.note.reference_id = body.reference_id;
        if (typed && payouts.passcode) {
          return fieldProblem(
            ["body", "passcode"],
            "The server holds the passcode: leave it out",
            "extra_forbidden",
          );
        }
        if (!typed && !payouts.passcode) {
          return fieldProblem(["body", "passcode"], "Field required", "missing");
        }
        if (!(await allowed(scope, payouts, { type: "execute", body }))) return forbidden();
        const session = await findSession(scope, body.session_id);
        // Another user's session answers as an unknown one (no session oracle).
        if (session?.operation !== "PAYOUT" || session.customerId !== customer.id) {
          return fieldProblem(
            ["body", "session_id"],
            "Session not found or expired: open a new payout session",
            "value_error.session",
          );
        }
        const token = typed ?? (await payouts.passcode?.(customer));
        if (!token) return fieldProblem(["body", "passcode"], "Field required", "missing");
        scope.sensitive.secrets.add(token.code);
        const now = new Date(shared.options.now()).toISOString();
        const attempt: AttemptRecord = {
          referenceId: body.reference_id,
          operation: "PAYOUT",
          customerId: customer.id,
          sessionId: body.session_id,
          source: null,
          paymentAccountId: body.payout_account_id,
          currency: null,
          createdAt: now,
          updatedAt: now,
          status: null,
          statusCheckedAt: null,
          httpStatus: null,
          ambiguous: false,
          ...freshAttemptFields(),
        };
        const { code, ...who } = token;
        return executeOnce(scope, attempt, {
          path: "/v1/executions/payout",
          statusPath: `/v1/status/payout/${body.reference_id}`,
          body: {
            ...body,
            passcode: { token: { code, ...who }, device: deviceFor(request, payouts.device) },
          },
        });
      },
    }),

    defineRoute<Customer>({
      method: "GET",
      template: "/v1/status/payout/{reference_id}",
      authenticated: true,
      params: {
        reference_id: (input) => checkRequest(ReferenceIdSchema, input, "path", "reference_id"),
      },
      async handle(scope) {
        const referenceId = scope.params.reference_id as string;
        scope.note.reference_id = referenceId;
        if (!(await allowed(scope, payouts, { type: "status", referenceId }))) return forbidden();
        return answerStatus(scope, {
          referenceId,
          operation: "PAYOUT",
          path: `/v1/status/payout/${referenceId}`,
        });
      },
    }),
  ];
}
