import { describe, expect, it, vi } from "vitest";
import type { Attempt } from "./ledger.ts";
import {
  type BusyState,
  CHECKOUT_STATE_KINDS,
  type CheckoutEvent,
  type CheckoutState,
  createReducer,
  ERRORS_BEFORE_RECOVERABLE,
  type ProcessingState,
  transition,
  type VerifyingState,
} from "./machine.ts";
import type { ExecutionView } from "./types.ts";

const T = 1_000_000;
const account = { id: "42", currency: "LRD" };
const attempt: Attempt = {
  referenceId: "0b0e2b5e-8f55-4a43-9a57-0c3f5b9b7f11",
  source: { type: "INVOICE", id: 7 },
  sessionId: "55",
  sessionExpiresAt: new Date(T + 900_000).toISOString(),
  paymentAccountId: "42",
  currency: "LRD",
  createdAt: T,
  executeCalls: 1,
  lastSentAt: T,
  lastSettledAt: null,
  answerSeen: false,
  lastStatus: null,
  outcome: "open",
  closedAt: null,
};
const other: Attempt = { ...attempt, referenceId: "9d1c7a44-52f1-4e0b-8a8e-2a3b4c5d6e7f" };

function view(raw: string, extra: Partial<ExecutionView> = {}): ExecutionView {
  const state =
    raw === "COMPLETED" || raw === "SUCCESSFUL"
      ? "succeeded"
      : raw === "FAILED"
        ? "failed"
        : raw === "PROCESSING"
          ? "processing"
          : "pending";
  return {
    state,
    raw,
    terminal: state === "succeeded" || state === "failed",
    requiresAction: false,
    clientSecret: null,
    payerAmount: "100.00",
    payerCurrency: "LRD",
    message: null,
    ...extra,
  };
}
const processingView = view("PROCESSING");
const actionView = view("PROCESSING", { requiresAction: true, clientSecret: "pi_1_secret_2" });
const networkError = { code: "NETWORK", message: "offline" };
const rateLimited = { code: "RATE_LIMITED", message: "slow down", retryAfterMs: 5_000 };

const processingState: ProcessingState = {
  kind: "processing",
  attempt,
  execution: processingView,
  pollingSince: T,
  consecutiveErrors: 0,
  authentication: null,
};
const holder = { referenceId: "5c2e8a10-3b4d-4e6f-8a9b-0c1d2e3f4a5b", status: "PROCESSING" };
const busyState: BusyState = {
  kind: "busy",
  holder,
  account,
  execution: null,
  since: T,
  pollingSince: T,
  notFoundCount: 0,
  consecutiveErrors: 0,
  stalled: false,
};
const verifyingState: VerifyingState = {
  kind: "verifying",
  attempt,
  cause: "ambiguous_execute",
  pollingSince: T,
  notFoundCount: 0,
  consecutiveErrors: 0,
};

/** One fixture per state (and per variant whose transitions differ). */
const STATES = {
  loading: { kind: "loading" },
  selecting: { kind: "selecting", account: null },
  selectingWithAccount: { kind: "selecting", account },
  creating_session: { kind: "creating_session", account },
  executing: { kind: "executing", attempt, replay: false },
  requires_action: {
    kind: "requires_action",
    attempt,
    clientSecret: "pi_1_secret_2",
    execution: actionView,
    pollingSince: T,
    consecutiveErrors: 0,
  },
  authenticating: {
    kind: "authenticating",
    attempt,
    clientSecret: "pi_1_secret_2",
    execution: actionView,
    pollingSince: T,
    consecutiveErrors: 0,
  },
  processing: processingState,
  verifying: verifyingState,
  succeeded: { kind: "succeeded", attempt, execution: view("COMPLETED") },
  failedDeclined: {
    kind: "failed",
    reason: "declined",
    account,
    attempt,
    execution: view("FAILED"),
    error: null,
  },
  failedNotLanded: {
    kind: "failed",
    reason: "not_landed",
    account,
    attempt,
    execution: null,
    error: null,
  },
  failedCardUsed: {
    kind: "failed",
    reason: "card_used",
    account,
    attempt,
    execution: null,
    error: { code: "CARD_USED", message: "used" },
  },
  expiredAnswered: { kind: "expired", attempt, execution: processingView, answerSeen: true },
  expiredUnanswered: { kind: "expired", attempt, execution: null, answerSeen: false },
  recoverableSession: {
    kind: "recoverable",
    reason: "session_expired",
    error: networkError,
    retryAt: null,
    resume: { kind: "creating_session", account },
  },
  recoverableWait: {
    kind: "recoverable",
    reason: "network",
    error: networkError,
    retryAt: null,
    resume: { ...processingState, consecutiveErrors: ERRORS_BEFORE_RECOVERABLE },
  },
  recoverableVerifying: {
    kind: "recoverable",
    reason: "network",
    error: networkError,
    retryAt: null,
    resume: { ...verifyingState, consecutiveErrors: ERRORS_BEFORE_RECOVERABLE },
  },
  busy: busyState,
  busyStalled: { ...busyState, stalled: true },
  recoverableBusy: {
    kind: "recoverable",
    reason: "network",
    error: networkError,
    retryAt: null,
    resume: { ...busyState, consecutiveErrors: ERRORS_BEFORE_RECOVERABLE },
  },
  already_paid: { kind: "already_paid", referenceId: null, execution: null, paidAt: null },
} satisfies Record<string, CheckoutState>;
type StateName = keyof typeof STATES;

/** One fixture per event (and per variant whose transitions differ). */
const EVENTS = {
  LOADED_none: { type: "LOADED", found: null, at: T },
  LOADED_open: { type: "LOADED", found: { attempt, execution: null }, at: T },
  ACCOUNT_SELECTED: { type: "ACCOUNT_SELECTED", account },
  PAY_REQUESTED: { type: "PAY_REQUESTED" },
  SESSION_FAILED_retryable: { type: "SESSION_FAILED", error: networkError, retryable: true, at: T },
  SESSION_FAILED_final: {
    type: "SESSION_FAILED",
    error: { code: "FORBIDDEN", message: "no" },
    retryable: false,
    at: T,
  },
  EXECUTE_SENT: { type: "EXECUTE_SENT", attempt, replay: false },
  EXECUTE_ANSWERED: { type: "EXECUTE_ANSWERED", execution: processingView, at: T },
  EXECUTE_AMBIGUOUS: { type: "EXECUTE_AMBIGUOUS", error: networkError, at: T },
  EXECUTE_REFUSED: {
    type: "EXECUTE_REFUSED",
    error: { code: "VALIDATION", message: "bad" },
    reason: "rejected",
  },
  EXECUTE_REFUSED_card: {
    type: "EXECUTE_REFUSED",
    error: { code: "CARD_USED", message: "used" },
    reason: "card_used",
  },
  EXECUTE_REFUSED_session: {
    type: "EXECUTE_REFUSED",
    error: { code: "SESSION_EXPIRED", message: "gone" },
    reason: "session_expired",
  },
  SOURCE_BUSY: { type: "SOURCE_BUSY", holder, at: T },
  ALREADY_PAID: { type: "ALREADY_PAID", paidAt: "2026-06-01T10:00:00Z" },
  STATUS_RECEIVED_failed: { type: "STATUS_RECEIVED", execution: view("FAILED"), at: T },
  STATUS_RECEIVED_processing: { type: "STATUS_RECEIVED", execution: processingView, at: T },
  AUTHENTICATION_STARTED: { type: "AUTHENTICATION_STARTED" },
  AUTHENTICATION_FINISHED: { type: "AUTHENTICATION_FINISHED", outcome: "succeeded", at: T },
  STATUS_RECEIVED: { type: "STATUS_RECEIVED", execution: view("COMPLETED"), at: T },
  STATUS_NOT_FOUND: { type: "STATUS_NOT_FOUND", at: T },
  STATUS_FAILED: { type: "STATUS_FAILED", error: networkError, at: T },
  NOT_LANDED_PROVED: { type: "NOT_LANDED_PROVED" },
  POLLING_EXPIRED: { type: "POLLING_EXPIRED" },
  CHECK_AGAIN_REQUESTED: { type: "CHECK_AGAIN_REQUESTED", at: T + 5 },
  RETRY_REQUESTED: { type: "RETRY_REQUESTED" },
  CANCEL_REQUESTED: { type: "CANCEL_REQUESTED" },
  STORAGE_FAILED: { type: "STORAGE_FAILED", error: { code: "UNEXPECTED", message: "quota" } },
  ATTEMPT_ADOPTED: { type: "ATTEMPT_ADOPTED", found: { attempt, execution: null }, at: T },
  ATTEMPT_CLOSED: {
    type: "ATTEMPT_CLOSED",
    attempt: { ...attempt, outcome: "succeeded", closedAt: T },
    execution: null,
  },
  ATTEMPT_CLOSED_other: {
    type: "ATTEMPT_CLOSED",
    attempt: { ...other, outcome: "succeeded", closedAt: T },
    execution: null,
  },
  ATTEMPT_LEFT: { type: "ATTEMPT_LEFT" },
  LEAVE_REFUSED: { type: "LEAVE_REFUSED", until: T + 60_000 },
} satisfies Record<string, CheckoutEvent>;
type EventName = keyof typeof EVENTS;

/**
 * Every valid transition, by state fixture and event fixture, with the kind it leads to
 * ("same kind" rows change data only). Any pair not listed must leave the state untouched.
 */
const TRANSITIONS: [StateName, EventName, CheckoutState["kind"]][] = [
  ["loading", "LOADED_none", "selecting"],
  ["loading", "LOADED_open", "verifying"],
  ["selecting", "ACCOUNT_SELECTED", "selecting"],
  ["selecting", "ATTEMPT_ADOPTED", "verifying"],
  ["selectingWithAccount", "ACCOUNT_SELECTED", "selecting"],
  ["selectingWithAccount", "PAY_REQUESTED", "creating_session"],
  ["selectingWithAccount", "CANCEL_REQUESTED", "selecting"],
  ["selectingWithAccount", "ATTEMPT_ADOPTED", "verifying"],
  ["creating_session", "EXECUTE_SENT", "executing"],
  ["creating_session", "SESSION_FAILED_retryable", "recoverable"],
  ["creating_session", "SESSION_FAILED_final", "failed"],
  ["creating_session", "STORAGE_FAILED", "failed"],
  ["creating_session", "CANCEL_REQUESTED", "selecting"],
  ["creating_session", "ATTEMPT_ADOPTED", "verifying"],
  ["creating_session", "SOURCE_BUSY", "busy"],
  ["creating_session", "ALREADY_PAID", "already_paid"],
  ["executing", "EXECUTE_ANSWERED", "processing"],
  ["executing", "EXECUTE_AMBIGUOUS", "verifying"],
  ["executing", "EXECUTE_REFUSED", "failed"],
  ["executing", "EXECUTE_REFUSED_card", "failed"],
  ["executing", "EXECUTE_REFUSED_session", "recoverable"],
  ["executing", "SOURCE_BUSY", "busy"],
  ["executing", "ALREADY_PAID", "already_paid"],
  ["requires_action", "AUTHENTICATION_STARTED", "authenticating"],
  ["requires_action", "AUTHENTICATION_FINISHED", "processing"],
  ["requires_action", "ATTEMPT_CLOSED", "succeeded"],
  // 3D Secure keeps following Dollr's status: a final answer ends it, others keep it.
  ["requires_action", "STATUS_RECEIVED", "succeeded"],
  ["requires_action", "STATUS_RECEIVED_failed", "failed"],
  ["requires_action", "STATUS_RECEIVED_processing", "requires_action"],
  ["requires_action", "STATUS_FAILED", "requires_action"],
  ["requires_action", "POLLING_EXPIRED", "expired"],
  ["requires_action", "ATTEMPT_LEFT", "selecting"],
  ["requires_action", "LEAVE_REFUSED", "requires_action"],
  ["authenticating", "AUTHENTICATION_FINISHED", "processing"],
  ["authenticating", "ATTEMPT_CLOSED", "succeeded"],
  ["authenticating", "STATUS_RECEIVED", "succeeded"],
  ["authenticating", "STATUS_RECEIVED_failed", "failed"],
  ["authenticating", "STATUS_RECEIVED_processing", "authenticating"],
  ["authenticating", "STATUS_FAILED", "authenticating"],
  ["authenticating", "POLLING_EXPIRED", "expired"],
  ["authenticating", "ATTEMPT_LEFT", "selecting"],
  ["authenticating", "LEAVE_REFUSED", "authenticating"],
  ["processing", "STATUS_RECEIVED", "succeeded"],
  ["processing", "STATUS_RECEIVED_failed", "failed"],
  ["processing", "STATUS_RECEIVED_processing", "processing"],
  ["processing", "STATUS_FAILED", "processing"],
  ["processing", "POLLING_EXPIRED", "expired"],
  ["processing", "ATTEMPT_CLOSED", "succeeded"],
  ["processing", "ATTEMPT_LEFT", "selecting"],
  ["processing", "LEAVE_REFUSED", "processing"],
  ["verifying", "STATUS_RECEIVED", "succeeded"],
  ["verifying", "STATUS_RECEIVED_failed", "failed"],
  ["verifying", "STATUS_RECEIVED_processing", "processing"],
  ["verifying", "STATUS_NOT_FOUND", "verifying"],
  ["verifying", "STATUS_FAILED", "verifying"],
  ["verifying", "NOT_LANDED_PROVED", "failed"],
  ["verifying", "POLLING_EXPIRED", "expired"],
  ["verifying", "ATTEMPT_CLOSED", "succeeded"],
  ["verifying", "ATTEMPT_LEFT", "selecting"],
  ["verifying", "LEAVE_REFUSED", "verifying"],
  ["failedDeclined", "RETRY_REQUESTED", "creating_session"],
  ["failedDeclined", "ACCOUNT_SELECTED", "selecting"],
  ["failedDeclined", "CANCEL_REQUESTED", "selecting"],
  ["failedDeclined", "ATTEMPT_ADOPTED", "verifying"],
  ["failedNotLanded", "RETRY_REQUESTED", "creating_session"],
  ["failedNotLanded", "EXECUTE_SENT", "executing"],
  ["failedNotLanded", "ACCOUNT_SELECTED", "selecting"],
  ["failedNotLanded", "CANCEL_REQUESTED", "selecting"],
  ["failedNotLanded", "STATUS_RECEIVED", "succeeded"],
  ["failedNotLanded", "STATUS_RECEIVED_failed", "failed"],
  ["failedNotLanded", "STATUS_RECEIVED_processing", "processing"],
  ["failedNotLanded", "STATUS_FAILED", "failed"],
  ["failedNotLanded", "ATTEMPT_ADOPTED", "verifying"],
  ["failedCardUsed", "ACCOUNT_SELECTED", "selecting"],
  ["failedCardUsed", "CANCEL_REQUESTED", "selecting"],
  ["failedCardUsed", "ATTEMPT_ADOPTED", "verifying"],
  ["expiredAnswered", "CHECK_AGAIN_REQUESTED", "processing"],
  ["expiredAnswered", "ATTEMPT_CLOSED", "succeeded"],
  ["expiredAnswered", "ATTEMPT_LEFT", "selecting"],
  ["expiredAnswered", "LEAVE_REFUSED", "expired"],
  ["expiredUnanswered", "CHECK_AGAIN_REQUESTED", "verifying"],
  ["expiredUnanswered", "ATTEMPT_CLOSED", "succeeded"],
  ["expiredUnanswered", "ATTEMPT_LEFT", "selecting"],
  ["expiredUnanswered", "LEAVE_REFUSED", "expired"],
  ["recoverableSession", "CHECK_AGAIN_REQUESTED", "creating_session"],
  ["recoverableSession", "CANCEL_REQUESTED", "selecting"],
  ["recoverableSession", "ATTEMPT_ADOPTED", "verifying"],
  ["recoverableWait", "CHECK_AGAIN_REQUESTED", "processing"],
  ["recoverableWait", "STATUS_FAILED", "recoverable"],
  ["recoverableWait", "STATUS_RECEIVED", "succeeded"],
  ["recoverableWait", "STATUS_RECEIVED_failed", "failed"],
  ["recoverableWait", "STATUS_RECEIVED_processing", "processing"],
  ["recoverableWait", "POLLING_EXPIRED", "expired"],
  ["recoverableWait", "ATTEMPT_CLOSED", "succeeded"],
  ["recoverableWait", "ATTEMPT_LEFT", "selecting"],
  ["recoverableWait", "LEAVE_REFUSED", "processing"],
  ["recoverableVerifying", "CHECK_AGAIN_REQUESTED", "verifying"],
  ["recoverableVerifying", "STATUS_FAILED", "recoverable"],
  ["recoverableVerifying", "STATUS_RECEIVED", "succeeded"],
  ["recoverableVerifying", "STATUS_RECEIVED_failed", "failed"],
  ["recoverableVerifying", "STATUS_RECEIVED_processing", "processing"],
  ["recoverableVerifying", "STATUS_NOT_FOUND", "verifying"],
  ["recoverableVerifying", "NOT_LANDED_PROVED", "failed"],
  ["recoverableVerifying", "POLLING_EXPIRED", "expired"],
  ["recoverableVerifying", "ATTEMPT_CLOSED", "succeeded"],
  ["recoverableVerifying", "ATTEMPT_LEFT", "selecting"],
  ["recoverableVerifying", "LEAVE_REFUSED", "verifying"],
  ["busy", "STATUS_RECEIVED", "already_paid"],
  ["busy", "STATUS_RECEIVED_failed", "selecting"],
  ["busy", "STATUS_RECEIVED_processing", "busy"],
  ["busy", "STATUS_NOT_FOUND", "busy"],
  ["busy", "STATUS_FAILED", "busy"],
  ["busy", "NOT_LANDED_PROVED", "selecting"],
  ["busy", "POLLING_EXPIRED", "busy"],
  ["busy", "ATTEMPT_ADOPTED", "verifying"],
  ["busyStalled", "CHECK_AGAIN_REQUESTED", "busy"],
  ["busyStalled", "STATUS_RECEIVED", "already_paid"],
  ["busyStalled", "STATUS_RECEIVED_failed", "selecting"],
  ["busyStalled", "STATUS_RECEIVED_processing", "busy"],
  ["busyStalled", "STATUS_NOT_FOUND", "busy"],
  ["busyStalled", "STATUS_FAILED", "busy"],
  ["busyStalled", "NOT_LANDED_PROVED", "selecting"],
  ["busyStalled", "ATTEMPT_ADOPTED", "verifying"],
  ["recoverableBusy", "CHECK_AGAIN_REQUESTED", "busy"],
  ["recoverableBusy", "STATUS_FAILED", "recoverable"],
  ["recoverableBusy", "STATUS_RECEIVED", "already_paid"],
  ["recoverableBusy", "STATUS_RECEIVED_failed", "selecting"],
  ["recoverableBusy", "STATUS_RECEIVED_processing", "busy"],
  ["recoverableBusy", "STATUS_NOT_FOUND", "busy"],
  ["recoverableBusy", "NOT_LANDED_PROVED", "selecting"],
  ["recoverableBusy", "POLLING_EXPIRED", "busy"],
  ["recoverableBusy", "ATTEMPT_ADOPTED", "verifying"],
];

describe("transition table", () => {
  it.each(TRANSITIONS)("%s + %s → %s", (stateName, eventName, kind) => {
    const state = STATES[stateName];
    const next = transition(state, EVENTS[eventName]);
    expect(next).not.toBe(state);
    expect(next.kind).toBe(kind);
  });

  const valid = new Set(TRANSITIONS.map(([s, e]) => `${s}|${e}`));
  const invalid = (Object.keys(STATES) as StateName[]).flatMap((s) =>
    (Object.keys(EVENTS) as EventName[])
      .filter((e) => !valid.has(`${s}|${e}`))
      .map((e) => [s, e] as const),
  );

  it.each(invalid)("%s ignores %s (same object)", (stateName, eventName) => {
    const state = STATES[stateName];
    expect(transition(state, EVENTS[eventName])).toBe(state);
  });

  it("covers every state kind", () => {
    const covered = new Set(Object.values(STATES).map((state) => state.kind));
    expect([...covered].sort()).toEqual([...CHECKOUT_STATE_KINDS].sort());
  });
});

describe("transition details", () => {
  it("keeps the polling window of a resumed wait and restarts it on check again", () => {
    const resumed = transition(STATES.loading, {
      type: "LOADED",
      found: { attempt: { ...attempt, answerSeen: true }, execution: null },
      at: T + 60_000,
    });
    expect(resumed).toMatchObject({ kind: "processing", pollingSince: T });
    const again = transition(STATES.expiredAnswered, EVENTS.CHECK_AGAIN_REQUESTED);
    expect(again).toMatchObject({ kind: "processing", pollingSince: T + 5 });
  });

  it("restores closed attempts from storage as their outcome", () => {
    const load = (outcome: Attempt["outcome"]) =>
      transition(STATES.loading, {
        type: "LOADED",
        found: { attempt: { ...attempt, outcome }, execution: null },
        at: T,
      });
    expect(load("succeeded").kind).toBe("succeeded");
    expect(load("failed")).toMatchObject({ kind: "failed", reason: "declined" });
    expect(load("not_landed")).toMatchObject({ kind: "failed", reason: "not_landed" });
  });

  it("enters requires_action from any answer with a client secret, not after a successful 3DS", () => {
    const answered = transition(STATES.executing, {
      type: "EXECUTE_ANSWERED",
      execution: actionView,
      at: T,
    });
    expect(answered).toMatchObject({ kind: "requires_action", clientSecret: "pi_1_secret_2" });
    const fromVerifying = transition(verifyingState, {
      type: "STATUS_RECEIVED",
      execution: actionView,
      at: T,
    });
    expect(fromVerifying.kind).toBe("requires_action");

    const afterSuccess = transition(STATES.authenticating, EVENTS.AUTHENTICATION_FINISHED);
    expect(afterSuccess).toMatchObject({ kind: "processing", authentication: "succeeded" });
    const stillAction = transition(afterSuccess, {
      type: "STATUS_RECEIVED",
      execution: actionView,
      at: T,
    });
    expect(stillAction.kind).toBe("processing");

    const afterCancel = transition(STATES.authenticating, {
      type: "AUTHENTICATION_FINISHED",
      outcome: "canceled",
      at: T,
    });
    expect(
      transition(afterCancel, { type: "STATUS_RECEIVED", execution: actionView, at: T }).kind,
    ).toBe("requires_action");
  });

  it("never marks success from Stripe: a finished authentication only goes back to polling", () => {
    for (const outcome of ["succeeded", "failed", "canceled"] as const) {
      const next = transition(STATES.authenticating, {
        type: "AUTHENTICATION_FINISHED",
        outcome,
        at: T,
      });
      expect(next.kind).toBe("processing");
    }
  });

  it("reads Dollr's terminal answers: failure is declined, success is final", () => {
    const declined = transition(processingState, {
      type: "STATUS_RECEIVED",
      execution: view("FAILED"),
      at: T,
    });
    expect(declined).toMatchObject({ kind: "failed", reason: "declined" });
    const pending = transition(processingState, {
      type: "STATUS_RECEIVED",
      execution: view("PENDING"),
      at: T,
    });
    expect(pending).toMatchObject({ kind: "processing", execution: { raw: "PENDING" } });
  });

  it("counts status errors and turns recoverable at the threshold, keeping Retry-After", () => {
    let state: CheckoutState = processingState;
    for (let i = 1; i < ERRORS_BEFORE_RECOVERABLE; i += 1) {
      state = transition(state, { type: "STATUS_FAILED", error: rateLimited, at: T });
      expect(state).toMatchObject({ kind: "processing", consecutiveErrors: i });
    }
    state = transition(state, { type: "STATUS_FAILED", error: rateLimited, at: T });
    expect(state).toMatchObject({
      kind: "recoverable",
      reason: "rate_limited",
      retryAt: T + 5_000,
    });
    const back = transition(state, { type: "STATUS_RECEIVED", execution: processingView, at: T });
    expect(back).toMatchObject({ kind: "processing", consecutiveErrors: 0 });
  });

  it("counts 404s while verifying and resets the error count", () => {
    const withErrors = { ...verifyingState, consecutiveErrors: 2 };
    const next = transition(withErrors, EVENTS.STATUS_NOT_FOUND);
    expect(next).toMatchObject({ kind: "verifying", notFoundCount: 1, consecutiveErrors: 0 });
  });

  it("on a dead session goes recoverable and resumes with a new session", () => {
    const next = transition(STATES.executing, EVENTS.EXECUTE_REFUSED_session);
    expect(next).toMatchObject({
      kind: "recoverable",
      reason: "session_expired",
      resume: { kind: "creating_session", account },
    });
  });

  it("replays only the attempt that did not land", () => {
    const otherSent = transition(STATES.failedNotLanded, {
      type: "EXECUTE_SENT",
      attempt: other,
      replay: true,
    });
    expect(otherSent).toBe(STATES.failedNotLanded);
    const replay = transition(STATES.failedNotLanded, EVENTS.EXECUTE_SENT);
    expect(replay).toMatchObject({ kind: "executing", replay: true });
  });

  it("ignores the close of another attempt", () => {
    expect(transition(processingState, EVENTS.ATTEMPT_CLOSED_other)).toBe(processingState);
  });

  it("follows the attempt that holds the source: its success is already paid, its end frees the source", () => {
    const busy = transition(STATES.executing, EVENTS.SOURCE_BUSY);
    expect(busy).toMatchObject({ kind: "busy", holder, account, since: T, stalled: false });
    const paid = transition(busyState, EVENTS.STATUS_RECEIVED);
    expect(paid).toEqual({
      kind: "already_paid",
      referenceId: holder.referenceId,
      execution: view("COMPLETED"),
      paidAt: null,
    });
    expect(transition(busyState, EVENTS.STATUS_RECEIVED_failed)).toEqual({
      kind: "selecting",
      account,
      notice: "source_free",
    });
    expect(transition(busyState, EVENTS.NOT_LANDED_PROVED)).toMatchObject({
      kind: "selecting",
      notice: "source_free",
    });
    expect(transition(busyState, EVENTS.STATUS_RECEIVED_processing)).toMatchObject({
      kind: "busy",
      execution: { raw: "PROCESSING" },
    });
  });

  it("counts a busy wait's errors like the engine's own, and stalls it at the cap until check again", () => {
    let state: CheckoutState = busyState;
    for (let i = 0; i < ERRORS_BEFORE_RECOVERABLE; i += 1) {
      state = transition(state, { type: "STATUS_FAILED", error: rateLimited, at: T });
    }
    expect(state).toMatchObject({ kind: "recoverable", resume: { kind: "busy" } });
    const stalled = transition(busyState, EVENTS.POLLING_EXPIRED);
    expect(stalled).toMatchObject({ kind: "busy", stalled: true });
    expect(transition(stalled, EVENTS.POLLING_EXPIRED)).toBe(stalled);
    expect(transition(stalled, EVENTS.CHECK_AGAIN_REQUESTED)).toMatchObject({
      kind: "busy",
      stalled: false,
      pollingSince: T + 5,
      since: T,
    });
  });

  it("says already paid (not a failure) when the proxy says so", () => {
    expect(transition(STATES.creating_session, EVENTS.ALREADY_PAID)).toEqual({
      kind: "already_paid",
      referenceId: null,
      execution: null,
      paidAt: "2026-06-01T10:00:00Z",
    });
  });

  it("after a used card offers no retry, and backs out to the picker without it", () => {
    const used = transition(STATES.executing, EVENTS.EXECUTE_REFUSED_card);
    expect(used).toMatchObject({ kind: "failed", reason: "card_used" });
    expect(transition(used, EVENTS.RETRY_REQUESTED)).toBe(used);
    expect(transition(used, EVENTS.CANCEL_REQUESTED)).toEqual({ kind: "selecting", account: null });
  });

  it("expires an unanswered wait as unanswered, so check again verifies", () => {
    const expired = transition(verifyingState, EVENTS.POLLING_EXPIRED);
    expect(expired).toMatchObject({ kind: "expired", answerSeen: false });
  });
});

describe("createReducer", () => {
  it("reports an invalid event in development and returns the same state", () => {
    const onInvalidTransition = vi.fn();
    const reduce = createReducer({ onInvalidTransition });
    const state = STATES.succeeded;
    expect(reduce(state, EVENTS.PAY_REQUESTED)).toBe(state);
    expect(onInvalidTransition).toHaveBeenCalledWith(state, EVENTS.PAY_REQUESTED);
    reduce(STATES.selecting, EVENTS.ACCOUNT_SELECTED);
    expect(onInvalidTransition).toHaveBeenCalledTimes(1);
  });

  it("stays silent in production builds", () => {
    const onInvalidTransition = vi.fn();
    const reduce = createReducer({ onInvalidTransition });
    vi.stubEnv("NODE_ENV", "production");
    try {
      reduce(STATES.succeeded, EVENTS.PAY_REQUESTED);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(onInvalidTransition).not.toHaveBeenCalled();
  });
});
