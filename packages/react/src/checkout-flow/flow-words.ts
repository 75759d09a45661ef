/**
 * What `<CheckoutFlow>` says in each state: the main line, Dollr's own reason for a failure,
 * and what its live region announces. Plain words in the second person only: an error's own
 * text (HTTP status, the server's message) goes to `onFailure` and `onEvent`, never here.
 */
import type { CheckoutState, CheckoutStateKind, RecoverableReason } from "@dollr-kit/core/internal";
import type { ExecutionStatusModel } from "../execution-status/describe.ts";
import { customerText, customerWordsFor, failureWordsFor } from "../internal/error-words.ts";
import type { MessageKey, Translate } from "../messages.ts";
import type { SourceRefusal } from "./useSourceStatus.ts";
import type { ThreeDSecureState } from "./useThreeDSecure.ts";

/** The main line of each state that has one of its own. */
const STATE_MESSAGES: Partial<Record<CheckoutStateKind, MessageKey>> = {
  loading: "flow.loading",
  creating_session: "flow.creatingSession",
  executing: "flow.executing",
  requires_action: "flow.requiresAction",
  authenticating: "flow.authenticating",
  verifying: "flow.verifying",
  succeeded: "flow.succeeded",
  failed: "flow.failed",
  expired: "flow.expired",
};

/** The main line's key: the state's own, or its variant's. */
function messageKey(state: CheckoutState): MessageKey | undefined {
  switch (state.kind) {
    case "busy":
      return state.stalled ? "flow.expired" : "flow.busy";
    case "already_paid":
      return state.referenceId ? "flow.paidElsewhere" : "flow.alreadyPaid";
    case "selecting":
      if (state.notice === "attempt_left") return "flow.attemptLeft";
      return state.notice ? "flow.sourceFree" : undefined;
    case "failed":
      if (state.reason === "card_used") return "flow.cardUsed";
  }
  return STATE_MESSAGES[state.kind];
}

function recoverableMessage(reason: RecoverableReason, retrying: boolean, t: Translate): string {
  switch (reason) {
    case "network":
      return retrying ? t("flow.proxyDownRetrying") : t("flow.proxyDown");
    case "rate_limited":
      return retrying ? t("flow.rateLimitedRetrying") : t("flow.rateLimited");
    case "session_expired":
      return t("flow.sessionExpired");
    default:
      return reason satisfies never;
  }
}

/** Dollr's failure message, else the error's (for `onFailure`, not for the customer). */
export function failureDetail(state: CheckoutState & { kind: "failed" }): string | null {
  return state.execution?.message ?? state.error?.message ?? null;
}

/** When leaving the attempt shown was refused: until when its money may still move. */
export function leaveRefusedUntil(state: CheckoutState): number | null | undefined {
  const shown = state.kind === "recoverable" ? state.resume : state;
  return "leaveRefusedUntil" in shown ? shown.leaveRefusedUntil : undefined;
}

export interface FlowWordsInput {
  state: CheckoutState;
  /** The wait in `<ExecutionStatus>` words, when there is one. */
  status: ExecutionStatusModel | null;
  authentication: ThreeDSecureState;
  sourceRefused: SourceRefusal | null;
  t: Translate;
  /** Formats a time of day for the customer (the provider's locale). */
  formatTime: (at: number) => string;
}

/**
 * Why a payment failed and what to do, in plain words: from Dollr's reason (a gateway or wallet
 * message, read for known causes, never shown as such), or from the error's code.
 */
function failureWords(state: CheckoutState & { kind: "failed" }, t: Translate): string | null {
  if (state.reason === "card_used") return null;
  if (state.execution) {
    return state.execution.message
      ? customerText(failureWordsFor(state.execution.message, t))
      : null;
  }
  return state.error ? customerText(customerWordsFor(state.error, t)) : null;
}

export interface FlowWords {
  message: string;
  /** Why a failure happened and what to do, in plain words (never the server's own text). */
  detail: string | null;
  /** Why "use another method" must wait, when the customer asked too early. */
  leaveNotice: string | null;
  announcement: string;
}

export function flowWords(input: FlowWordsInput): FlowWords {
  const { state, status, t } = input;
  let message: string;
  if (state.kind === "processing") message = status?.message ?? "";
  else if (state.kind === "recoverable") {
    // A wait keeps polling behind the error; a session request waits for the customer.
    message = recoverableMessage(state.reason, state.resume.kind !== "creating_session", t);
  } else if (state.kind === "requires_action" && input.authentication === "unavailable") {
    message = t("flow.authenticationUnavailable");
  } else if (state.kind === "selecting" && input.sourceRefused) {
    message = t(
      input.sourceRefused === "forbidden" ? "flow.sourceForbidden" : "flow.sourceNotFound",
    );
  } else {
    const key = messageKey(state);
    message = key ? t(key) : "";
  }
  const detail = state.kind === "failed" ? failureWords(state, t) : null;
  const until = leaveRefusedUntil(state);
  const leaveNotice =
    until === undefined
      ? null
      : until === null
        ? t("flow.leaveRefused")
        : t("flow.leaveRefusedUntil", { time: input.formatTime(until) });
  const announcement =
    state.kind === "processing" && status
      ? status.announcement
      : [message, detail, leaveNotice].filter(Boolean).join(" ");
  return { message, detail, leaveNotice, announcement };
}
