/**
 * Shapes shared by the engine's modules: what a payment source, an account choice, an
 * execution answer and an error look like once they are inside the engine. None of them carries
 * personal data (no phone numbers, no names), so states and events are safe to log.
 */
import type { SourceType } from "../contract.ts";
import type { ExecutionState } from "../status.ts";

/** The invoice or order being paid. One source has at most one open attempt. */
export interface CheckoutSource {
  /** `INVOICE` or `ORDER` (Dollr's `source_type`). */
  type: SourceType;
  /** Dollr's integer `source_id`. */
  id: number;
}

/** The payment account the customer picked and the currency they pay in (the payer currency). */
export interface SelectedAccount {
  /** Dollr's `payment_account_id` (opaque; sent as a string). */
  id: string;
  /** ISO 4217 payer currency, e.g. `LRD`. */
  currency: string;
}

/** Dollr's last word on an execution, read into the kit's terms. */
export interface ExecutionView {
  /** The normalised state (`succeeded`/`failed` are terminal). */
  state: ExecutionState;
  /** The status word exactly as Dollr sent it, for display and logs. */
  raw: string;
  /** True when `state` can no longer change. */
  terminal: boolean;
  /** True when a card needs Stripe's next action (3D Secure) before it can move on. */
  requiresAction: boolean;
  /** The Stripe PaymentIntent client secret, when `requiresAction`. Never stored. */
  clientSecret: string | null;
  /** What the payer is charged, as Dollr answered it (major units), when known. */
  payerAmount: string | null;
  /** The payer currency, when known. */
  payerCurrency: string | null;
  /** Dollr's gateway or wallet message (a failure reason, when there is one). */
  message: string | null;
}

/** An error as the engine keeps it in a state: a code and words, never the request. */
export interface EngineErrorInfo {
  /** A `DollrKitError` code, or `UNEXPECTED` for anything else that was thrown. */
  code: string;
  /** Human-readable words (no secrets). */
  message: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** How long the server asked us to wait (`Retry-After`), in ms. */
  retryAfterMs?: number;
}

/** What the customer did in Stripe's next action (3D Secure). It never decides the payment. */
export type AuthenticationOutcome = "succeeded" | "failed" | "canceled";
