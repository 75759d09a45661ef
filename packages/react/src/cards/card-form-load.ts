import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { importStripeCardForm, type StripeCardFormModule } from "./card-form-chunk.ts";
import type { StripeCardFormProps } from "./StripeCardForm.tsx";

/** The card form's chunk did not arrive (offline, or a deploy removed the old chunk). */
export class CardFormLoadError extends Error {
  override name = "CardFormLoadError";
  constructor(cause: unknown) {
    super("The card form's code could not be loaded.", { cause });
  }
}

/** One try at loading the card form's chunk. */
export interface CardFormLoad {
  /** A new try has a new id (the React key that gives it a fresh error boundary). */
  id: number;
  /** Rejects with a CardFormLoadError. */
  promise: Promise<StripeCardFormModule>;
  /** The module once here, so later renders need not suspend. */
  module: StripeCardFormModule | undefined;
  failed: boolean;
  /** The CardFormLoadError, once it failed. */
  error: CardFormLoadError | undefined;
  /**
   * The form for `<Suspense>`. One per try: React.lazy keeps its first rejection for good, so a
   * retry needs a new one.
   */
  Form: LazyExoticComponent<ComponentType<StripeCardFormProps>>;
}

let current: CardFormLoad | undefined;
let tries = 0;

/**
 * The card form's load, started on the first call. A failed one is kept (a render that retried
 * on its own would loop while offline) until asked with `retryFailed`: a new card need, or the
 * customer's "Try again".
 */
export function loadCardForm({
  retryFailed = false,
}: {
  retryFailed?: boolean;
} = {}): CardFormLoad {
  if (current && !(retryFailed && current.failed)) return current;
  tries += 1;
  const promise = importStripeCardForm().then(
    (module) => {
      load.module = module;
      return module;
    },
    (cause: unknown) => {
      const error = new CardFormLoadError(cause);
      load.failed = true;
      load.error = error;
      throw error;
    },
  );
  // The form shows a failure; a load started ahead of it must not be an unhandled rejection.
  promise.catch(() => {});
  const load: CardFormLoad = {
    id: tries,
    promise,
    module: undefined,
    failed: false,
    error: undefined,
    Form: lazy(() => promise.then((module) => ({ default: module.StripeCardForm }))),
  };
  current = load;
  return load;
}

/** The card form's load if it already succeeded (a form opened again shows at once). */
export function loadedCardForm(): CardFormLoad | null {
  return current?.module ? current : null;
}
