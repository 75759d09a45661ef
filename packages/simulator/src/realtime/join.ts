// What a `phx_join` asks for, checked: the Dollr status channel, its `postgres_changes` bindings
// and who the access token lets in. Dollr documents one subscription (api-notes §2.5):
// channel "payment-intent:{session_id}:{reference_id}", table
// public.checkout_payment_intent_public_status, filter "reference_id=eq.{reference_id}".
import { referenceKey } from "../executions.ts";
import { MAX_FIELD_LENGTH } from "./protocol.ts";

export const STATUS_SCHEMA = "public";
export const STATUS_TABLE = "checkout_payment_intent_public_status";
export const CHANGE_EVENTS = ["*", "INSERT", "UPDATE", "DELETE"] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** Most bindings one channel may ask for (each must name the same row anyway). */
export const MAX_BINDINGS = 10;

/** One `postgres_changes` binding as the join reply echoes it (realtime-js compares the echo). */
export interface Binding {
  id: number;
  event: string;
  schema: string;
  table: string;
  filter: string;
}

export interface JoinRequest {
  accessToken: string | null;
  presence: boolean;
  /** The bindings as asked, without ids yet; each names `referenceId`. */
  bindings: Omit<Binding, "id">[];
  /** The reference id every binding filters on (lower case); null when there are no bindings. */
  referenceId: string | null;
}

/** What a verified realtime token lets its holder read. */
export interface Grant {
  /** Lower case. */
  referenceId: string;
  sessionId: string | null;
  /** Simulator epoch ms. */
  expiresAt: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const disabled = (detail: string) =>
  refuse(
    `RealtimeDisabledForConfiguration: Unable to subscribe to changes with given parameters: ${detail}`,
  );

const FILTER = /^reference_id=eq\.(.+)$/;

/** Reads the join payload: `{config: {postgres_changes, presence, …}, access_token}`. */
export function readJoin(payload: Record<string, unknown>): Checked<JoinRequest> {
  const token = payload.access_token;
  if (token !== undefined && token !== null && typeof token !== "string")
    return refuse("InvalidJWTToken: access_token must be a string");
  const config = payload.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config))
    return refuse("InvalidJoinPayload: config must be an object");
  const { postgres_changes: changes = [], presence } = config as Record<string, unknown>;
  if (!Array.isArray(changes)) return disabled("postgres_changes must be a list");
  if (changes.length > MAX_BINDINGS)
    return disabled(`at most ${MAX_BINDINGS} postgres_changes bindings per channel`);
  const bindings: Omit<Binding, "id">[] = [];
  let referenceId: string | null = null;
  for (const change of changes) {
    const binding = readBinding(change);
    if (!binding.ok) return binding;
    const ref = referenceKey((FILTER.exec(binding.value.filter) as RegExpExecArray)[1] as string);
    if (referenceId !== null && ref !== referenceId)
      return disabled("every binding of a channel must filter on the same reference_id");
    referenceId = ref;
    bindings.push(binding.value);
  }
  const presenceEnabled =
    typeof presence === "object" &&
    presence !== null &&
    (presence as Record<string, unknown>).enabled === true;
  return {
    ok: true,
    value: { accessToken: token ?? null, presence: presenceEnabled, bindings, referenceId },
  };
}

function readBinding(input: unknown): Checked<Omit<Binding, "id">> {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return disabled("each postgres_changes binding must be an object");
  const { event, schema, table, filter } = input as Record<string, unknown>;
  if (typeof event !== "string" || !CHANGE_EVENTS.some((known) => known === event.toUpperCase()))
    return disabled(`event must be one of ${CHANGE_EVENTS.join(", ")}`);
  if (schema !== STATUS_SCHEMA || table !== STATUS_TABLE)
    return disabled(`the simulator serves only ${STATUS_SCHEMA}.${STATUS_TABLE}`);
  if (typeof filter !== "string" || filter.length > MAX_FIELD_LENGTH || !FILTER.test(filter))
    return disabled('filter must be "reference_id=eq.{reference_id}"');
  return { ok: true, value: { event, schema, table, filter } };
}

/**
 * Whether a grant covers a channel: the sub-topic must be "payment-intent:{session_id}:{ref}"
 * for the token's session and reference, and the bindings must filter on that reference.
 */
export function checkGrant(subTopic: string, join: JoinRequest, grant: Grant): Checked<null> {
  const unauthorized = refuse(
    `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
  );
  const parts = /^payment-intent:([^:]+):([^:]+)$/.exec(subTopic);
  if (!parts) return unauthorized;
  const [, sessionId, topicRef] = parts as unknown as [string, string, string];
  if (referenceKey(topicRef) !== grant.referenceId) return unauthorized;
  if (grant.sessionId !== null && sessionId !== grant.sessionId) return unauthorized;
  if (join.referenceId !== null && join.referenceId !== grant.referenceId) return unauthorized;
  return { ok: true, value: null };
}

/** Whether a binding wants a change of this type. */
export function wants(binding: Binding, type: "INSERT" | "UPDATE" | "DELETE"): boolean {
  const event = binding.event.toUpperCase();
  return event === "*" || event === type;
}
