// Phoenix channel frames as Supabase Realtime speaks them: vsn 1.0.0 sends JSON objects
// `{join_ref, ref, topic, event, payload}`, vsn 2.0.0 JSON arrays `[join_ref, ref, topic, event,
// payload]` (2.0.0 also has binary broadcast frames, which the simulator does not serve).

export const VSNS = ["1.0.0", "2.0.0"] as const;
export type Vsn = (typeof VSNS)[number];

/** Phoenix's own default when the socket URL names no `vsn`. */
export const DEFAULT_VSN: Vsn = "1.0.0";

export interface Frame {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

/** Longest topic, event or ref accepted (realtime-js refuses longer ones in binary frames). */
export const MAX_FIELD_LENGTH = 255;

export function isVsn(value: string): value is Vsn {
  return (VSNS as readonly string[]).includes(value);
}

export function encodeFrame(vsn: Vsn, frame: Frame): string {
  const { join_ref, ref, topic, event, payload } = frame;
  return vsn === "1.0.0"
    ? JSON.stringify({ join_ref, ref, topic, event, payload })
    : JSON.stringify([join_ref, ref, topic, event, payload]);
}

/** A frame from a client, or why it is not one. Any JSON can arrive: nothing is trusted. */
export type Decoded = { ok: true; frame: Frame } | { ok: false; reason: string };

export function decodeFrame(vsn: Vsn, text: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: "a frame is not JSON" };
  }
  let fields: unknown[];
  if (vsn === "2.0.0") {
    if (!Array.isArray(parsed) || parsed.length !== 5)
      return { ok: false, reason: "vsn 2.0.0 frames are [join_ref, ref, topic, event, payload]" };
    fields = parsed;
  } else {
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return { ok: false, reason: "vsn 1.0.0 frames are {topic, event, payload, ref, join_ref}" };
    const object = parsed as Record<string, unknown>;
    fields = [
      object.join_ref ?? null,
      object.ref ?? null,
      object.topic,
      object.event,
      object.payload,
    ];
  }
  const [joinRef, ref, topic, event, payload] = fields;
  if (!isRef(joinRef) || !isRef(ref)) return { ok: false, reason: "a ref is not a short string" };
  if (!isName(topic)) return { ok: false, reason: "the topic is not a short string" };
  if (!isName(event)) return { ok: false, reason: "the event is not a short string" };
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return { ok: false, reason: "the payload is not an object" };
  return {
    ok: true,
    frame: { join_ref: joinRef, ref, topic, event, payload: payload as Record<string, unknown> },
  };
}

function isRef(value: unknown): value is string | null {
  return value === null || (typeof value === "string" && value.length <= MAX_FIELD_LENGTH);
}

function isName(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.length <= MAX_FIELD_LENGTH;
}

/** The reply to a client push: `phx_reply` with the push's ref and the channel's join ref. */
export function reply(
  request: Frame,
  status: "ok" | "error",
  response: Record<string, unknown>,
): Frame {
  return {
    join_ref: request.join_ref,
    ref: request.ref,
    topic: request.topic,
    event: "phx_reply",
    payload: { status, response },
  };
}

/** A server push on a joined channel (no ref: nothing answers it). */
export function push(
  topic: string,
  joinRef: string | null,
  event: string,
  payload: Record<string, unknown>,
): Frame {
  return { join_ref: joinRef, ref: null, topic, event, payload };
}

export const PHOENIX_TOPIC = "phoenix";
export const TOPIC_PREFIX = "realtime:";
