// POST /v1/realtime-keys/collection: a short-lived JWT for following one collection live.
import { SOURCE_TYPES } from "../catalog.ts";
import { notFound, unprocessable } from "../errors.ts";
import { referenceKey } from "../executions.ts";
import { json } from "../http.ts";
import { signRealtimeToken } from "../realtime-keys.ts";
import type { Route } from "../router.ts";
import { integer, object, oneOf, parseBody, string } from "../validation.ts";
import { v1 } from "./route.ts";

/** Life of a realtime key, in seconds (what `expires_in` says; Dollr's keys are "short-lived"). */
export const REALTIME_KEY_TTL_SECONDS = 600;

const realtimeKeyRequest = object({
  session_id: integer({ min: 1 }),
  source_type: oneOf(SOURCE_TYPES),
  reference_id: string({ minLength: 1, maxLength: 64 }),
});

/** The route, signing with the simulator's realtime secret. */
export function realtimeKeyRoutes(secret: () => string): Route[] {
  return [
    v1("POST", "/v1/realtime-keys/collection", async ({ world, body }) => {
      const input = parseBody(realtimeKeyRequest, await body());
      const session = world.store.state.sessions.get(input.session_id);
      if (session?.kind !== "CHECKOUT") throw notFound("Session not found");
      if (session.source_type !== input.source_type)
        throw unprocessable(
          ["body", "source_type"],
          `source_type ${input.source_type} does not match the session's ${session.source_type}`,
        );
      // The key follows one payment: it must have been executed with this session.
      const execution = world.store.state.executions.get(referenceKey(input.reference_id));
      if (execution?.operation_type !== "COLLECTION" || execution.session_id !== session.id)
        throw notFound("Execution not found");
      const now = world.now();
      const access_token = await signRealtimeToken(secret(), {
        role: "authenticated",
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + REALTIME_KEY_TTL_SECONDS,
        session_id: session.id,
        reference_id: execution.reference_id,
        source_type: session.source_type,
      });
      return json(200, { access_token, expires_in: REALTIME_KEY_TTL_SECONDS });
    }),
  ];
}
