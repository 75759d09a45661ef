/**
 * The whole checkout's behaviour, composed of focused parts: the engine binding
 * (`useCheckoutEngine`), the method and its price (`usePricing`), 3D Secure
 * (`useThreeDSecure`), the host's callbacks (`useOutcomeCallbacks`), the leave guard
 * (`useLeaveGuard`) and the words (`flowWords`). `<CheckoutFlow>` is a thin view over it.
 */
import { attemptOf, type CheckoutState, INITIAL_STATE } from "@dollr-kit/core/internal";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import {
  describeExecutionStatus,
  type ExecutionStatusModel,
  type ExecutionStatusPhase,
  type PaymentKind,
} from "../execution-status/describe.ts";
import { DEFAULT_LONG_WAIT_AFTER_MS } from "../execution-status/useExecutionStatus.ts";
import { useCheckoutEngineTesting } from "../internal/engine-testing.ts";
import { useLatest } from "../internal/use-latest.ts";
import { useNow } from "../internal/use-now.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { flowWords } from "./flow-words.ts";
import type {
  CheckoutFlowEvent,
  ClickEvent,
  UseCheckoutFlowOptions,
  UseCheckoutFlowResult,
} from "./types.ts";
import { useCheckoutEngine } from "./useCheckoutEngine.ts";
import { shouldConfirmLeave, useLeaveGuard } from "./useLeaveGuard.ts";
import { useOutcomeCallbacks } from "./useOutcomeCallbacks.ts";
import { usePricing } from "./usePricing.ts";
import { useThreeDSecure } from "./useThreeDSecure.ts";

export { failureDetail } from "./flow-words.ts";
export type * from "./types.ts";
export { pickCurrency } from "./usePricing.ts";

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

/** The wait shown, in `<ExecutionStatus>` words (processing, expired, a wait behind an error). */
function waitPhase(state: CheckoutState): {
  phase: ExecutionStatusPhase;
  raw: string | null;
  connectionProblem: boolean;
} | null {
  if (state.kind === "processing") {
    const execution = state.execution;
    const phase: ExecutionStatusPhase = !execution
      ? "loading"
      : execution.terminal
        ? "processing"
        : execution.state;
    return { phase, raw: execution?.raw ?? null, connectionProblem: state.consecutiveErrors > 0 };
  }
  if (state.kind === "recoverable" && state.resume.kind === "processing") {
    const execution = state.resume.execution;
    const phase = execution && !execution.terminal ? execution.state : "loading";
    return { phase, raw: execution?.raw ?? null, connectionProblem: true };
  }
  if (state.kind === "expired") {
    return { phase: "expired", raw: state.execution?.raw ?? null, connectionProblem: false };
  }
  return null;
}

/** States the customer may ask to leave for another method (the engine decides if it is safe). */
function offersAnotherMethod(state: CheckoutState, longWait: boolean, noStripe: boolean) {
  const shown = state.kind === "recoverable" ? state.resume : state;
  switch (shown.kind) {
    case "expired":
      return true;
    case "requires_action":
    case "authenticating":
      return noStripe || longWait;
    case "processing":
    case "verifying":
      return longWait;
    default:
      return false;
  }
}

export function useCheckoutFlow(options: UseCheckoutFlowOptions): UseCheckoutFlowResult {
  const context = useDollrCheckoutContext("useCheckoutFlow");
  const { clientKey, queryClient, t, locale } = context;
  const { type: sourceType, id: sourceId } = options.source;
  // A copy of the caller's object, the same one for as long as the source is (callbacks get their own).
  const source = useMemo(() => ({ type: sourceType, id: sourceId }), [sourceType, sourceId]);
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

  const testing = useCheckoutEngineTesting();
  const engine = useCheckoutEngine(context, {
    source,
    policy: options.policy,
    clock: testing.clock,
    locks: testing.locks,
    onEvent: emit,
  });
  const state = useSyncExternalStore(engine.subscribe, engine.getState, () => INITIAL_STATE);
  // The picker preselects the last saved method only until this page has paid or tried to.
  const [preselect, setPreselect] = useState(true);
  if (preselect && state.kind !== "loading" && state.kind !== "selecting") setPreselect(false);
  const pricing = usePricing(context, engine, state, source, emit);

  // A chosen card (also one resumed after a reload) is a card need: a loader in `cards` is called.
  const { requestStripe } = context;
  // A card chosen in the picker loads it there; paying with one (even preselected) loads it here.
  const cardChosen = pricing.account?.type === "CARD" && state.kind !== "selecting";
  useEffect(() => {
    if (cardChosen) requestStripe();
  }, [cardChosen, requestStripe]);
  const authentication = useThreeDSecure(engine, state, context, (phase, outcome) =>
    emit(outcome ? { type: "authentication", phase, outcome } : { type: "authentication", phase }),
  );
  useOutcomeCallbacks(engine, state, source, callbacks, queryClient, clientKey);

  useLeaveGuard(state, options.confirmLeave ?? true, t, (kind) =>
    emit({ type: "leave_prompted", state: kind }),
  );

  // ——— the wait, in ExecutionStatus words ———
  const waitStart = attemptOf(state)?.createdAt ?? 0;
  const wait = waitPhase(state);
  const waiting =
    state.kind === "processing" ||
    state.kind === "verifying" ||
    state.kind === "requires_action" ||
    (state.kind === "recoverable" && state.resume.kind !== "creating_session");
  const clockNow = testing.clock ? testing.clock.now : Date.now;
  const now = useNow(waiting, waitStart, 1000, clockNow);
  const elapsedMs = waiting ? Math.max(0, now - waitStart) : 0;
  const longWaitAfterMs = options.longWaitAfterMs ?? DEFAULT_LONG_WAIT_AFTER_MS;
  const kind: PaymentKind | undefined = pricing.account?.type;
  const status: ExecutionStatusModel | null = wait
    ? describeExecutionStatus(
        { ...wait, reason: null, kind, elapsedMs, longWaitAfterMs, locale },
        t,
      )
    : null;

  const words = flowWords({
    state,
    status,
    authentication: authentication.state,
    sourceRefused: pricing.sourceRefused,
    t,
    formatTime: (at) =>
      new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(at),
  });

  // Each button tells `onEvent`, then the engine (whose own rules decide what happens).
  const actions = useMemo(() => {
    const act =
      (type: ClickEvent, command: "pay" | "retry" | "cancel" | "checkAgain" | "useAnotherMethod") =>
      () => {
        emit({ type });
        void engine[command]();
      };
    return {
      pay: act("pay_clicked", "pay"),
      retry: act("retry_clicked", "retry"),
      chooseAnotherMethod: act("another_method_clicked", "cancel"),
      useAnotherMethod: act("use_another_method_clicked", "useAnotherMethod"),
      checkAgain: act("check_again_clicked", "checkAgain"),
      cancel: () => engine.cancel(),
    };
  }, [engine, emit]);

  const noStripe = authentication.state === "unavailable";
  return {
    state,
    kind: state.kind,
    engine,
    accountId: pricing.chosen?.id ?? null,
    account: pricing.account,
    currency: pricing.chosen?.currency ?? null,
    currencyOptions: pricing.currencyOptions,
    selectAccount: pricing.selectAccount,
    selectCurrency: pricing.selectCurrency,
    summary: pricing.summary,
    feeState: pricing.feeState,
    canPay:
      state.kind === "selecting" &&
      state.account !== null &&
      !pricing.sourcePending &&
      !pricing.sourceRefused,
    sourceRefused: pricing.sourceRefused,
    attemptOpen: isAttemptOpen(state),
    ...actions,
    preselect,
    now,
    canUseAnotherMethod: offersAnotherMethod(state, elapsedMs >= longWaitAfterMs, noStripe),
    leaveNotice: words.leaveNotice,
    authentication,
    status,
    message: words.message,
    detail: words.detail,
    announcement: words.announcement,
  };
}
