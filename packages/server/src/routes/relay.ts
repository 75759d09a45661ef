/**
 * Turning Dollr's answers (or their absence) into the proxy's answers. Dollr's status and
 * `detail` pass through; 429 keeps `Retry-After`; what the browser must not see is redacted; an
 * execute whose fate is unknown answers 502 `{"ambiguous": true}` so the browser verifies with
 * status instead of retrying.
 */
import { type Answer, answer, problem } from "../http.ts";
import { redactJson } from "../redaction.ts";
import type { CallKind, DollrAnswer, DollrCall } from "../upstream/dollr-client.ts";
import { TokenError } from "../upstream/token-manager.ts";
import { UpstreamFailure } from "../upstream/transport.ts";
import type { RouteScope } from "./route.ts";

// biome-ignore lint/suspicious/noExplicitAny: relays work for any route's scope.
type AnyScope = RouteScope<any, any, any>;

/** The secrets to take out of an answer for this request. */
export function secretsOf(scope: AnyScope): { secrets: string[]; phones: string[] } {
  const { options } = scope.shared;
  return {
    secrets: [options.dollr.clientSecret, ...scope.sensitive.secrets],
    phones: [...scope.sensitive.phones],
  };
}

/** A JSON value made safe to answer (secrets removed, phone numbers masked). */
export function safeBody(scope: AnyScope, body: unknown): unknown {
  return redactJson(body, secretsOf(scope));
}

/**
 * Calls Dollr; any failure to get an answer becomes the proxy's own answer. For an execute,
 * "no answer" is ambiguous (it may have landed), except when no token could be had (nothing was
 * sent).
 */
export async function callDollr(
  scope: AnyScope,
  call: DollrCall,
): Promise<{ ok: true; answer: DollrAnswer } | { ok: false; answer: Answer }> {
  try {
    return { ok: true, answer: await scope.dollr.call(call) };
  } catch (error) {
    return { ok: false, answer: noAnswer(scope, error, call.kind) };
  }
}

/** The proxy's answer when Dollr gave none. */
export function noAnswer(scope: AnyScope, error: unknown, kind: CallKind): Answer {
  if (error instanceof TokenError) {
    scope.log.error("dollr.token_failed", { reason: error.reason, status: error.status ?? null });
    return problem(
      502,
      "UPSTREAM_AUTH",
      "The payment service could not be reached with the merchant's credentials; nothing was sent",
      {
        ambiguous: false,
      },
    );
  }
  if (!(error instanceof UpstreamFailure)) throw error;
  if (kind === "execute") {
    return problem(
      502,
      error.reason === "timeout" ? "UPSTREAM_TIMEOUT" : "UPSTREAM_UNREACHABLE",
      "The payment service did not answer; the payment may or may not have been made. Check its status with the same reference_id before trying again.",
      { ambiguous: true },
    );
  }
  return error.reason === "timeout"
    ? problem(504, "UPSTREAM_TIMEOUT", "The payment service did not answer in time", {
        ambiguous: false,
      })
    : problem(502, "UPSTREAM_UNREACHABLE", "The payment service could not be reached", {
        ambiguous: false,
      });
}

/**
 * Relays an answer of Dollr's: 2xx JSON as is (redacted); errors with Dollr's status and body;
 * 401 (the merchant's token, not the customer's) as 502; a 5xx or unreadable answer to an
 * execute as 502 ambiguous.
 */
export function relay(scope: AnyScope, dollr: DollrAnswer, kind: CallKind): Answer {
  const { status } = dollr;
  const ambiguousExecute = kind === "execute";
  if (status >= 200 && status < 300) {
    if (!dollr.isJson) {
      return problem(502, "UPSTREAM_INVALID", "The payment service answered something unreadable", {
        ambiguous: ambiguousExecute,
      });
    }
    return answer(status, safeBody(scope, dollr.json));
  }
  if (status === 401) {
    return problem(
      502,
      "UPSTREAM_AUTH",
      "The payment service did not accept the merchant's credentials",
      {
        ambiguous: false,
      },
    );
  }
  const body =
    dollr.isJson && dollr.json !== null && typeof dollr.json === "object"
      ? (safeBody(scope, dollr.json) as Record<string, unknown>)
      : { detail: `The payment service answered HTTP ${status}` };
  if (status >= 500 && ambiguousExecute) {
    return answer(502, {
      ...body,
      code: "UPSTREAM_UNREACHABLE",
      ambiguous: true,
      upstream_status: status,
    });
  }
  const headers: Record<string, string> = {};
  const retryAfter = dollr.headers.get("retry-after");
  if (retryAfter !== null && /^[\w ,:.-]{1,64}$/.test(retryAfter))
    headers["retry-after"] = retryAfter;
  if (status < 400 || status > 599) {
    return problem(502, "UPSTREAM_INVALID", `The payment service answered HTTP ${status}`, {
      ambiguous: ambiguousExecute,
    });
  }
  return answer(status, body, headers);
}
