/**
 * A realtime key (Supabase Realtime, api-notes §2.5) for one payment: given only for a session
 * and reference id this proxy recorded for this customer's execute, so a key never opens another
 * customer's payment channel. Realtime is a hint for the page; status stays the truth. The key is
 * answered as it is (the only token the proxy ever hands out): it opens one payment's channel
 * for minutes (`expires_in`, seconds), and no log line carries it.
 */
import {
  checkRequest,
  type RealtimeKeyBody,
  RealtimeKeyBodySchema,
  RealtimeKeySchema,
} from "@dollr-kit/core/internal";
import { answer, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import type { AttemptRecord } from "../stores/attempt-store.ts";
import { storeUnavailable } from "./attempt-records.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute } from "./route.ts";
import { findAttempt } from "./status.ts";

const PATH = "/v1/realtime-keys/collection";

/** Whether the attempt is this customer's payment of this session and source type. */
function isTheirs(attempt: AttemptRecord | null, customerId: string, body: RealtimeKeyBody) {
  return (
    attempt !== null &&
    attempt.operation === "COLLECTION" &&
    attempt.customerId === customerId &&
    attempt.sessionId === body.session_id &&
    attempt.source?.source_type === body.source_type
  );
}

/** `POST /v1/realtime-keys/collection`. */
export function realtimeKeyRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer, undefined, RealtimeKeyBody>({
      method: "POST",
      template: PATH,
      limit: "polls",
      authenticated: true,
      body: (input) => checkRequest(RealtimeKeyBodySchema, input, "body"),
      async handle(scope) {
        const { body, customer } = scope;
        scope.note.reference_id = body.reference_id;
        let attempt: AttemptRecord | null;
        try {
          attempt = await findAttempt(scope, body.reference_id);
        } catch (error) {
          scope.log.error("attempt.read_failed", describeError(error));
          return storeUnavailable("The payment's record could not be read; try again shortly");
        }
        // Another customer's payment answers exactly as an unknown one.
        if (!isTheirs(attempt, customer.id, body)) {
          return problem(
            404,
            "NOT_FOUND",
            "No payment with this session and reference_id for this customer",
          );
        }
        const created = await callDollr(scope, {
          method: "POST",
          path: PATH,
          // Dollr wants the session id as an integer on this endpoint (a string elsewhere).
          body: {
            session_id: Number(body.session_id),
            source_type: body.source_type,
            reference_id: body.reference_id,
          },
          kind: "write",
          label: PATH,
        });
        if (!created.ok) return created.answer;
        const { status, isJson, json } = created.answer;
        if (status < 200 || status > 299 || !isJson) return relay(scope, created.answer, "write");
        const key = checkRequest(RealtimeKeySchema, json, "body");
        // The key is the answer (the general redaction would hide an `access_token`): exactly
        // its two fields, and never the merchant's own secret.
        const { clientSecret } = scope.shared.options.dollr;
        if (!key.ok || key.value.access_token.includes(clientSecret)) {
          scope.log.warn("dollr.unreadable_answer", { what: "realtime key" });
          return problem(
            502,
            "UPSTREAM_INVALID",
            "The payment service answered an unreadable realtime key",
            {
              ambiguous: false,
            },
          );
        }
        return answer(200, {
          access_token: key.value.access_token,
          expires_in: key.value.expires_in,
        });
      },
    }),
  ];
}
