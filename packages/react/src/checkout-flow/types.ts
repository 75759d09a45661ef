/**
 * The public types of `useCheckoutFlow` and `<CheckoutFlow>`: options, callbacks' payloads, the
 * events `onEvent` receives, and what the hook answers.
 */
import type {
  AuthenticationOutcome,
  CheckoutEngine,
  CheckoutSource,
  CheckoutState,
  CheckoutStateKind,
  EngineEvent,
  FailureReason,
  PollingPolicy,
} from "@dollr-kit/core/internal";
import type { ExecutionStatusModel } from "../execution-status/describe.ts";
import type { SavedPaymentAccount } from "../internal/client.ts";
import type { RealtimeHintEvent } from "../realtime/types.ts";
import type { CheckoutSummary } from "./summary.ts";
import type { SourceRefusal } from "./useSourceStatus.ts";
import type { ThreeDSecureState } from "./useThreeDSecure.ts";

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
  | { type: "use_another_method_clicked" }
  | { type: "check_again_clicked" }
  | { type: "leave_prompted"; state: CheckoutStateKind }
  | RealtimeHintEvent;

export type ClickEvent =
  | "pay_clicked"
  | "retry_clicked"
  | "another_method_clicked"
  | "use_another_method_clicked"
  | "check_again_clicked";

export interface UseCheckoutFlowOptions {
  /** The invoice or order to pay. The amount is the source's, decided on your server. */
  source: CheckoutFlowSource;
  /**
   * Called once per successful payment (Dollr's status, never Stripe's): not again when a
   * reload, a remount or another tab shows the same success.
   */
  onSuccess?: ((result: CheckoutSuccess) => void) | undefined;
  /**
   * Called once per failed attempt (a replay that fails again is another), not again on a
   * reload. The customer may retry or pick another method.
   */
  onFailure?: ((result: CheckoutFailure) => void) | undefined;
  /**
   * Called once when the source turns out to be paid by a payment this checkout did not make:
   * the proxy says so (`ALREADY_PAID`), or the payment in progress elsewhere that this page
   * followed (`busy`) succeeded. `onSuccess` is not called for it.
   */
  onAlreadyPaid?: ((result: CheckoutAlreadyPaid) => void) | undefined;
  /** A typed stream of what happened, for analytics and logs (no personal data). */
  onEvent?: ((event: CheckoutFlowEvent) => void) | undefined;
  /**
   * Polling schedule and cap. @default the proxy's `/kit/config` polling settings, else the
   * engine's `DEFAULT_POLLING_POLICY`
   */
  policy?: PollingPolicy | undefined;
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
  /**
   * Leaves a payment that is not final (3D Secure that cannot run, a wait with no end) for
   * another method, once Dollr's status or the session's expiry proves it safe; else
   * `leaveNotice` says until when the money may still move.
   */
  useAnotherMethod: () => void;
  /** The engine clock's time, ticking each second during a wait (for countdowns). */
  now: number;
  /** Whether the picker may preselect the last saved method (only before any attempt here). */
  preselect: boolean;
  /** Whether "use another method" is offered in this state. */
  canUseAnotherMethod: boolean;
  /** Why "use another method" must wait, after the customer asked too early. */
  leaveNotice: string | null;
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

/** The host's callbacks, read when they fire. */
export type CheckoutFlowCallbacks = Pick<
  UseCheckoutFlowOptions,
  "onSuccess" | "onFailure" | "onAlreadyPaid" | "onEvent"
>;
