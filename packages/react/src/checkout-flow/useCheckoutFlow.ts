import {
  type AuthenticationOutcome,
  attemptOf,
  type CheckoutEngine,
  type CheckoutSource,
  type CheckoutState,
  type CheckoutStateKind,
  createCheckoutEngine,
  DEFAULT_POLLING_POLICY,
  type EngineClock,
  type EngineErrorInfo,
  type EngineEvent,
  type EngineLocks,
  type FailureReason,
  INITIAL_STATE,
  type PollingPolicy,
  type RecoverableReason,
} from "@dollr-kit/core";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import {
  describeExecutionStatus,
  type ExecutionStatusModel,
  type ExecutionStatusPhase,
  type PaymentKind,
} from "../execution-status/describe.ts";
import { DEFAULT_LONG_WAIT_AFTER_MS } from "../execution-status/useExecutionStatus.ts";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { kitQueryKeys } from "../internal/query-keys.ts";
import { useLatest } from "../internal/use-latest.ts";
import { useNow } from "../internal/use-now.ts";
import type { MessageKey, Translate } from "../messages.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { type CheckoutSummary, summarise } from "./summary.ts";
import { type SourceRefusal, useSourceStatus } from "./useSourceStatus.ts";
import { type ThreeDSecureState, useThreeDSecure } from "./useThreeDSecure.ts";

/** The invoice or order to pay: `{ type: "INVOICE", id: 42 }`. */
export type CheckoutFlowSource = CheckoutSource;

/** What `onSuccess` receives. No personal data. */
export interface CheckoutSuccess {
  referenceId: string;
  source: CheckoutFlowSource;
  /** Dollr's status word (`COMPLETED`, `SUCCESSFUL`). */
  status: string | null;
  /** What the payer was charged, when Dollr said (major units, decimal string). */
  payerAmount: string | null;
  payerCurrency: string | null;
}

/**
 * What `onAlreadyPaid` receives: the source is paid by a payment this checkout did not make
 * (another device, browser or storage). No personal data.
 */
export interface CheckoutAlreadyPaid {
  source: CheckoutFlowSource;
  /** The payment this page followed while it was in progress (`busy`); null when the proxy only said the source is paid. */
  referenceId: string | null;
  /** Dollr's status word for it, when followed (`COMPLETED`, `SUCCESSFUL`). */
  status: string | null;
  /** When it was paid (ISO 8601), when the proxy said. */
  paidAt: string | null;
}

/** What `onFailure` receives. No personal data. */
export interface CheckoutFailure {
  /** Null when nothing was sent (e.g. no session could be made). */
  referenceId: string | null;
  source: CheckoutFlowSource;
  reason: FailureReason;
  /** Dollr's status word, when it answered. */
  status: string | null;
  /** Dollr's failure message or the proxy's error, in words. */
  message: string | null;
  /** The error's code (a `DollrKitError` code), when the failure came from an error. */
  errorCode: string | null;
}

/**
 * What `onEvent` receives: everything the engine reports (transitions, execute and status
 * outcomes, ids and codes only), plus what the customer did on this page. Never a phone number,
 * a name or a card detail.
 */
export type CheckoutFlowEvent =
  | EngineEvent
  | { type: "account_selected"; accountType: "MOBILE_MONEY" | "CARD"; currency: string }
  /** The proxy will not let this customer pay the source (403, 404): said before Pay. */
  | { type: "source_refused"; reason: SourceRefusal }
  | { type: "pay_clicked" }
  | { type: "authentication"; phase: "started" | "finished"; outcome?: AuthenticationOutcome }
  | { type: "retry_clicked" }
  | { type: "another_method_clicked" }
  | { type: "check_again_clicked" }
  | { type: "leave_prompted"; state: CheckoutStateKind };

type ClickEvent =
  | "pay_clicked"
  | "retry_clicked"
  | "another_method_clicked"
  | "check_again_clicked";

export interface UseCheckoutFlowOptions {
  /** The invoice or order to pay. The amount is the source's, decided on your server. */
  source: CheckoutFlowSource;
  /** Called once per successful payment (Dollr's status, never Stripe's). */
  onSuccess?: ((result: CheckoutSuccess) => void) | undefined;
  /** Called each time a payment attempt fails. The customer may retry or pick another method. */
  onFailure?: ((result: CheckoutFailure) => void) | undefined;
  /**
   * Called once when the source turns out to be paid by a payment this checkout did not make:
   * the proxy says so (`ALREADY_PAID`), or the payment in progress elsewhere that this page
   * followed (`busy`) succeeded. `onSuccess` is not called for it.
   */
  onAlreadyPaid?: ((result: CheckoutAlreadyPaid) => void) | undefined;
  /** A typed stream of what happened, for analytics and logs (no personal data). */
  onEvent?: ((event: CheckoutFlowEvent) => void) | undefined;
  /** Polling schedule and cap. @default the engine's `DEFAULT_POLLING_POLICY` */
  policy?: PollingPolicy | undefined;
  /** The engine's clock (tests and stories). @default the real clock */
  clock?: EngineClock | undefined;
  /** Cross-tab locks (tests). @default Web Locks, else a storage lease */
  locks?: EngineLocks | undefined;
  /**
   * Ask before the page is left while a payment is open (`beforeunload`).
   * @default true
   */
  confirmLeave?: boolean | undefined;
  /** @default 30_000 */
  longWaitAfterMs?: number | undefined;
}

/** Where the fee for the chosen method stands. */
export type FeeState = "idle" | "loading" | "success" | "error";

export interface UseCheckoutFlowResult {
  /** The engine's state (a discriminated union on `kind`). */
  state: CheckoutState;
  /** `state.kind`, as `data-state` shows it. */
  kind: CheckoutStateKind;
  /** The engine itself, for advanced use. */
  engine: CheckoutEngine;
  /** The chosen payment account's id (the engine's, or the open attempt's). */
  accountId: string | null;
  /** The chosen saved account, once the list has it. */
  account: SavedPaymentAccount | null;
  /** The payer currency. */
  currency: string | null;
  /** The currencies the chosen account can pay in (and the merchant offers). */
  currencyOptions: string[];
  /** Chooses an account (and optionally the payer currency). */
  selectAccount: (account: SavedPaymentAccount | null, currency?: string) => void;
  /** Changes the payer currency of the chosen account. */
  selectCurrency: (currency: string) => void;
  /** Amounts to show. */
  summary: CheckoutSummary;
  feeState: FeeState;
  /**
   * True when pressing Pay would start a payment: an account is chosen, nothing is open, the
   * amount has been read, and the proxy did not refuse the source.
   */
  canPay: boolean;
  /**
   * The proxy refuses this customer the source (`forbidden`: 403, `not_found`: 404): `message`
   * says so, and Pay stays off. Null otherwise.
   */
  sourceRefused: SourceRefusal | null;
  /** True while an attempt is open (Pay is blocked; choosing another account is too). */
  attemptOpen: boolean;
  /** Starts the payment. Does nothing unless `canPay`. */
  pay: () => void;
  /** After a failure: pay again (same reference while its session lives, else a new one). */
  retry: () => void;
  /** After a failure: back to choosing a method. */
  chooseAnotherMethod: () => void;
  /** After `expired` or a recoverable error: look again. */
  checkAgain: () => void;
  /** Backs out before anything was sent. */
  cancel: () => void;
  /** The 3D Secure step on this page. */
  authentication: { state: ThreeDSecureState; start: () => void };
  /** The wait, as `<ExecutionStatus>` words (processing, verifying, expired, recoverable waits). */
  status: ExecutionStatusModel | null;
  /** The main line for the current state ("" when there is nothing to say). */
  message: string;
  /** Dollr's own reason for a failure (a gateway or wallet message), for the customer. */
  detail: string | null;
  /** What the flow's live region says. */
  announcement: string;
}

const PAYMENT_UNDERWAY = new Set<CheckoutStateKind>([
  "creating_session",
  "executing",
  "requires_action",
  "authenticating",
  "processing",
  "verifying",
]);

/** Whether leaving the page now would leave a payment of this page's half-way (asks first). */
function shouldConfirmLeave(state: CheckoutState): boolean {
  return state.kind === "recoverable"
    ? state.resume.kind === "processing" || state.resume.kind === "verifying"
    : PAYMENT_UNDERWAY.has(state.kind);
}

/**
 * Whether a state holds an attempt that is not closed (so no new payment may start): this
 * page's, or the one another device holds the source with (`busy`).
 */
export function isAttemptOpen(state: CheckoutState): boolean {
  const kind = state.kind === "recoverable" ? state.resume.kind : state.kind;
  return (
    kind === "expired" ||
    kind === "busy" ||
    (state.kind !== "creating_session" && shouldConfirmLeave(state))
  );
}

/** The chosen account: the engine's choice, else the (open or paused) attempt's. */
function accountIdOf(state: CheckoutState): { id: string; currency: string } | null {
  const current = state.kind === "recoverable" ? state.resume : state;
  if ("account" in current) return current.account;
  const attempt = attemptOf(current);
  return attempt ? { id: attempt.paymentAccountId, currency: attempt.currency } : null;
}

/** The account's currencies the merchant offers (all of them when the merchant names none). */
function allowedCurrencies(account: SavedPaymentAccount, offered: readonly string[] | null) {
  return account.currencies.filter(
    (currency) => !offered || offered.length === 0 || offered.includes(currency),
  );
}

/** The payer currency for an account: the source's if the account takes it, else the first allowed. */
export function pickCurrency(
  account: SavedPaymentAccount,
  sourceCurrency: string | null,
  offered: readonly string[] | null,
): string | null {
  const allowed = allowedCurrencies(account, offered);
  const options = allowed.length > 0 ? allowed : account.currencies;
  if (sourceCurrency && options.includes(sourceCurrency)) return sourceCurrency;
  return options[0] ?? sourceCurrency;
}

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

/** Dollr's failure message, else the error's. */
export function failureDetail(state: CheckoutState & { kind: "failed" }): string | null {
  return state.execution?.message ?? state.error?.message ?? null;
}

/**
 * The whole checkout's behaviour on the core engine: the chosen account and currency, the fee,
 * Pay (one attempt at a time), 3D Secure, the wait, retry, and the words for each state.
 * `<CheckoutFlow>` is a thin view over it.
 */
export function useCheckoutFlow(options: UseCheckoutFlowOptions): UseCheckoutFlowResult {
  const context = useDollrCheckoutContext("useCheckoutFlow");
  const { client, clientKey, queryClient, t, locale, storage } = context;
  const { type: sourceType, id: sourceId } = options.source;
  // A copy of the caller's object, the same one for as long as the source is (callbacks get their own).
  const source = useMemo(() => ({ type: sourceType, id: sourceId }), [sourceType, sourceId]);
  // An inline policy object must not restart the engine on every render: key it by its numbers.
  const policyKey = options.policy ? JSON.stringify(options.policy) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the policy's content.
  const policy = useMemo(() => options.policy ?? DEFAULT_POLLING_POLICY, [policyKey]);
  // The callbacks are read when they fire: new inline ones on every render are fine.
  const callbacks = useLatest(options);
  const emit = useCallback(
    (event: CheckoutFlowEvent) => {
      try {
        callbacks.current.onEvent?.(event);
      } catch {
        // A merchant's listener must never break the payment.
      }
    },
    [callbacks],
  );

  const engine = useMemo(
    () =>
      createCheckoutEngine({
        transport: client,
        source,
        ...(storage ? { storage } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.locks ? { locks: options.locks } : {}),
        policy,
        onEvent: emit,
      }),
    // A new engine only for another source, client, storage, clock or policy.
    [client, source, storage, options.clock, options.locks, policy, emit],
  );

  useEffect(() => {
    engine.start();
    return () => engine.stop();
  }, [engine]);

  const state = useSyncExternalStore(engine.subscribe, engine.getState, () => INITIAL_STATE);

  // ——— accounts, config, source, fee ———
  const { accounts } = usePaymentAccounts();
  const config = useQuery(
    {
      queryKey: kitQueryKeys.config(clientKey),
      queryFn: ({ signal }) => client.getConfig({ signal }),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    },
    queryClient,
  );
  const sourceStatus = useSourceStatus(
    context,
    source,
    useCallback((reason: SourceRefusal) => emit({ type: "source_refused", reason }), [emit]),
  );
  const sourceTotal = sourceStatus.total;

  const chosen = accountIdOf(state);
  const account = chosen
    ? (accounts.find((candidate) => candidate.id === chosen.id) ?? null)
    : null;
  const offered = config.data?.currencies ?? null;
  const currencyOptions = account ? allowedCurrencies(account, offered) : [];

  const feeQuery =
    account && chosen
      ? {
          source_type: source.type,
          source_id: source.id,
          target_currency: chosen.currency,
          payment_method: account.method,
          provider: account.provider,
        }
      : null;
  const fees = useQuery(
    {
      queryKey: feeQuery
        ? kitQueryKeys.fees(clientKey, feeQuery)
        : ["dollr-kit", clientKey, "fees", "none"],
      queryFn: ({ signal }) => {
        if (!feeQuery) throw new Error("No payment method chosen");
        return client.predictSourceFees(feeQuery, { signal });
      },
      enabled: feeQuery !== null,
      staleTime: 60_000,
      retry: false,
    },
    queryClient,
  );
  const feeState: FeeState = !feeQuery
    ? "idle"
    : fees.isPending
      ? "loading"
      : fees.isError
        ? "error"
        : "success";
  const summary = summarise(
    sourceTotal,
    feeState === "success" ? (fees.data ?? null) : null,
    locale,
  );

  const sourceCurrency = sourceTotal?.currency ?? null;
  // An account chosen before the source's currency was known got a provisional currency.
  const provisional = useRef<string | null>(null);
  const selectAccount = useCallback(
    (next: SavedPaymentAccount | null, currency?: string) => {
      if (!next) {
        engine.cancel();
        return;
      }
      const payerCurrency = currency ?? pickCurrency(next, sourceCurrency, offered);
      if (!payerCurrency) return;
      provisional.current = currency === undefined && sourceCurrency === null ? next.id : null;
      engine.selectAccount({ id: next.id, currency: payerCurrency });
      emit({ type: "account_selected", accountType: next.type, currency: payerCurrency });
    },
    [engine, emit, sourceCurrency, offered],
  );
  const selectCurrency = useCallback(
    (currency: string) => {
      if (account) selectAccount(account, currency);
    },
    [account, selectAccount],
  );

  // Once the source's currency is known, a provisional choice prefers it (no FX).
  useEffect(() => {
    if (state.kind !== "selecting" || !state.account || !account || sourceCurrency === null) return;
    if (provisional.current !== account.id) return;
    provisional.current = null;
    const best = pickCurrency(account, sourceCurrency, offered);
    if (best && best !== state.account.currency) {
      engine.selectAccount({ id: account.id, currency: best });
    }
  }, [state, account, sourceCurrency, offered, engine]);

  // ——— 3D Secure ———
  // A chosen card (also one resumed after a reload) is a card need: a loader in `cards` is called.
  const { requestStripe } = context;
  const cardChosen = account?.type === "CARD";
  useEffect(() => {
    if (cardChosen) requestStripe();
  }, [cardChosen, requestStripe]);
  const authentication = useThreeDSecure(engine, state, context, (phase, outcome) =>
    emit(outcome ? { type: "authentication", phase, outcome } : { type: "authentication", phase }),
  );

  // ——— callbacks, once per outcome ———
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (state.kind === "succeeded") {
      const key = `succeeded:${state.attempt.referenceId}`;
      if (reported.current === key) return;
      reported.current = key;
      callbacks.current.onSuccess?.({
        referenceId: state.attempt.referenceId,
        source: { ...source },
        status: state.execution?.raw ?? state.attempt.lastStatus,
        payerAmount: state.execution?.payerAmount ?? null,
        payerCurrency: state.execution?.payerCurrency ?? state.attempt.currency,
      });
    } else if (state.kind === "failed") {
      const key = `failed:${state.attempt?.referenceId ?? "none"}:${state.reason}:${state.attempt?.executeCalls ?? 0}`;
      if (reported.current === key) return;
      reported.current = key;
      const error: EngineErrorInfo | null = state.error;
      callbacks.current.onFailure?.({
        referenceId: state.attempt?.referenceId ?? null,
        source: { ...source },
        reason: state.reason,
        status: state.execution?.raw ?? null,
        message: failureDetail(state),
        errorCode: error?.code ?? null,
      });
      // The used card is no longer offered (the proxy lists only usable accounts).
      if (state.reason === "card_used") {
        void queryClient.invalidateQueries({ queryKey: kitQueryKeys.paymentAccounts(clientKey) });
      }
    } else if (state.kind === "already_paid") {
      const key = `already_paid:${state.referenceId}`;
      if (reported.current === key) return;
      reported.current = key;
      callbacks.current.onAlreadyPaid?.({
        source: { ...source },
        referenceId: state.referenceId,
        status: state.execution?.raw ?? null,
        paidAt: state.paidAt,
      });
    } else if (state.kind === "selecting") {
      reported.current = null;
    }
  }, [state, source, callbacks, queryClient, clientKey]);

  // ——— leaving during a payment asks first ———
  const confirmLeave = options.confirmLeave ?? true;
  const leaving = confirmLeave && shouldConfirmLeave(state);
  const kindRef = useLatest(state.kind);
  useEffect(() => {
    if (!leaving || typeof window === "undefined") return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue; the text itself is not shown by any current one.
      const warning = t("flow.leaveWarning");
      event.returnValue = warning;
      emit({ type: "leave_prompted", state: kindRef.current });
      return warning;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [leaving, t, emit, kindRef]);

  // ——— the wait, in ExecutionStatus words ———
  const waitStart = attemptOf(state)?.createdAt ?? 0;
  const waiting =
    state.kind === "processing" ||
    state.kind === "verifying" ||
    (state.kind === "recoverable" && state.resume.kind !== "creating_session");
  const clockNow = options.clock ? options.clock.now : Date.now;
  const now = useNow(waiting, waitStart, 1000, clockNow);
  const kind: PaymentKind | undefined = account?.type;
  let status: ExecutionStatusModel | null = null;
  const statusInput = (
    phase: ExecutionStatusPhase,
    raw: string | null,
    connectionProblem: boolean,
  ) =>
    describeExecutionStatus(
      {
        phase,
        raw,
        reason: null,
        kind,
        elapsedMs: waiting ? Math.max(0, now - waitStart) : 0,
        longWaitAfterMs: options.longWaitAfterMs ?? DEFAULT_LONG_WAIT_AFTER_MS,
        connectionProblem,
        locale,
      },
      t,
    );
  if (state.kind === "processing") {
    const execution = state.execution;
    const phase: ExecutionStatusPhase = !execution
      ? "loading"
      : execution.state === "succeeded" || execution.state === "failed"
        ? "processing"
        : execution.state;
    status = statusInput(phase, execution?.raw ?? null, state.consecutiveErrors > 0);
  } else if (state.kind === "recoverable" && state.resume.kind === "processing") {
    const execution = state.resume.execution;
    status = statusInput(
      execution && !execution.terminal ? execution.state : "loading",
      execution?.raw ?? null,
      true,
    );
  } else if (state.kind === "expired") {
    status = statusInput("expired", state.execution?.raw ?? null, false);
  }

  // ——— words ———
  let message: string;
  if (state.kind === "processing") message = status?.message ?? "";
  else if (state.kind === "recoverable") {
    // A wait keeps polling behind the error; a session request waits for the customer.
    message = recoverableMessage(state.reason, state.resume.kind !== "creating_session", t);
  } else if (state.kind === "requires_action" && authentication.state === "unavailable") {
    message = t("flow.authenticationUnavailable");
  } else if (state.kind === "selecting" && sourceStatus.refused) {
    message = t(
      sourceStatus.refused === "forbidden" ? "flow.sourceForbidden" : "flow.sourceNotFound",
    );
  } else {
    const key = messageKey(state);
    message = key ? t(key) : "";
  }
  // Dollr's own words only: an error's message (HTTP text) is for `onFailure`, not the customer.
  const detail = state.kind === "failed" ? (state.execution?.message ?? null) : null;
  const announcement =
    state.kind === "processing" && status
      ? status.announcement
      : [message, detail ? t("status.failedReason", { reason: detail }) : null]
          .filter(Boolean)
          .join(" ");

  // Each button tells `onEvent`, then the engine (whose own rules decide what happens).
  const actions = useMemo(() => {
    const act = (type: ClickEvent, command: "pay" | "retry" | "cancel" | "checkAgain") => () => {
      emit({ type });
      void engine[command]();
    };
    return {
      pay: act("pay_clicked", "pay"),
      retry: act("retry_clicked", "retry"),
      chooseAnotherMethod: act("another_method_clicked", "cancel"),
      checkAgain: act("check_again_clicked", "checkAgain"),
      cancel: () => engine.cancel(),
    };
  }, [engine, emit]);

  const attemptOpen = isAttemptOpen(state);
  const canPay =
    state.kind === "selecting" &&
    state.account !== null &&
    !sourceStatus.pending &&
    !sourceStatus.refused;

  return {
    state,
    kind: state.kind,
    engine,
    accountId: chosen?.id ?? null,
    account,
    currency: chosen?.currency ?? null,
    currencyOptions,
    selectAccount,
    selectCurrency,
    summary,
    feeState,
    canPay,
    sourceRefused: sourceStatus.refused,
    attemptOpen,
    ...actions,
    authentication,
    status,
    message,
    detail,
    announcement,
  };
}
