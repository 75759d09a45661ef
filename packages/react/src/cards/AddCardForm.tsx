import type {
  Stripe,
  StripeCardElementChangeEvent,
  StripeCardElementOptions,
} from "@stripe/stripe-js";
import {
  Component,
  type ComponentPropsWithoutRef,
  type FormEvent,
  type ReactElement,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useState,
} from "react";
import { Button } from "../internal/Button.tsx";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { cx } from "../internal/compose.ts";
import { customerText, customerWordsFor } from "../internal/error-words.ts";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import type { MessageKey } from "../messages.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { CardFormLoadError, loadCardForm, loadedCardForm } from "./card-form-load.ts";
import type { CardFormKit } from "./StripeCardForm.tsx";
import type { StripeCards } from "./stripe-cards.ts";

// Only types from Stripe here: the card form's code, with @stripe/react-stripe-js, is in
// StripeCardForm.tsx, loaded when a card is added (a mobile-money checkout never fetches it).

/** The add-card form's state, shown as `data-state`. */
export type AddCardState = "loading" | "unavailable" | "editing" | "submitting" | "error";

export interface UseAddCardOptions {
  /** Called with the saved card account. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
}

export interface UseAddCardResult {
  state: Exclude<AddCardState, "loading" | "unavailable">;
  name: string;
  setName: (value: string) => void;
  nameError: string | null;
  touchName: () => void;
  /** Stripe's word on the card field (`complete`, and its validation message). */
  card: { complete: boolean; empty: boolean; error: string | null };
  /** Pass to `<CardElement onChange>`. */
  onCardChange: (event: StripeCardElementChangeEvent) => void;
  submitError: string | null;
  /**
   * Makes a Stripe PaymentMethod from the card field (`stripe.createPaymentMethod`) and saves it
   * as a card account through the proxy. Resolves with the account, or null.
   */
  submit: (event?: FormEvent) => Promise<SavedPaymentAccount | null>;
}

/**
 * The "add card" behaviour. Must run inside react-stripe-js's `<Elements>` (which
 * `<AddCardForm>` renders for you) with a `<CardElement>` on the page. The first call suspends
 * until the card code (a separate chunk) has loaded; a failed load throws to your error boundary.
 */
export function useAddCard(options: UseAddCardOptions = {}): UseAddCardResult {
  // A missing provider is reported at once, not after a download.
  const kit = useCardFormKit("useAddCard");
  const load = loadCardForm();
  // Suspends by throwing the load (React 18 and 19 alike; `use()` is React 19 only). React renders
  // again once it settles: then the module is here (and no render suspends again), or the
  // failure goes to the error boundary.
  if (!load.module) throw load.error ?? load.promise;
  return load.module.useAddCardWithStripe(options, kit);
}

/** What the card form's chunk needs from the provider (it imports none of the kit itself). */
function useCardFormKit(caller: string): CardFormKit {
  const { t } = useDollrCheckoutContext(caller);
  const { create } = usePaymentAccounts({ enabled: false });
  const describeError = useCallback(
    (error: unknown) => customerText(customerWordsFor(error, t)),
    [t],
  );
  return { t, create, describeError, Part };
}

export interface AddCardFormProps
  extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "children">,
    AsChildProps {
  /** With `asChild`: your form element, which holds the card form's fields. */
  children?: ReactElement | undefined;
  /** Called with the saved card account. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  /** Options for Stripe's card field (merged over the kit's theme-derived style). */
  cardElementOptions?: StripeCardElementOptions | undefined;
}

interface AddCardNoticeProps {
  state: Extract<AddCardState, "loading" | "unavailable">;
  message: MessageKey;
  /** `alert` for a failure the customer can act on, `status` otherwise. */
  role: "status" | "alert";
  className: string | undefined;
  onRetry?: (() => void) | undefined;
  onCancel: (() => void) | undefined;
}

/** What shows in place of the form while it cannot be used yet (or at all). */
function AddCardNotice({ state, message, role, className, onRetry, onCancel }: AddCardNoticeProps) {
  const { t } = useDollrCheckoutContext("<AddCardForm>");
  return (
    <div
      className={cx("dollr-AddCard", className)}
      data-slot="add-card"
      data-state={state}
      role={role}
    >
      {t(message)}
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t("kit.retry")}
        </Button>
      ) : null}
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel}>
          {t("kit.cancel")}
        </Button>
      ) : null}
    </div>
  );
}

interface CardFormLoadBoundaryProps {
  failed: ReactNode;
  children: ReactNode;
}

/**
 * Shows `failed` when the card form's chunk did not load. Any other error is the form's own and
 * goes on to the app's boundary, not disguised as a network problem.
 */
class CardFormLoadBoundary extends Component<CardFormLoadBoundaryProps, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (!(error instanceof CardFormLoadError)) throw error;
    return this.props.failed;
  }
}

/** The plug-in's `cardElementOptions` (from `stripeCards(…, options)`) under the form's own. */
function withDefaults(
  cards: unknown,
  own: StripeCardElementOptions | undefined,
): StripeCardElementOptions | undefined {
  const defaults = (cards as StripeCards | null)?.options?.cardElementOptions;
  return defaults && own ? { ...defaults, ...own } : (own ?? defaults);
}

/**
 * Adds a card: Stripe's card field (`<CardElement>`, in the page's own `<Elements>`),
 * `stripe.createPaymentMethod`, then the proxy's card step (`POST /kit/payment-accounts` with the
 * `pm_…`). Renders a short notice instead while Stripe or the form's code loads, or when either
 * is unavailable. With a loader in `cards`, mounting this form is what asks for Stripe.js.
 */
export function AddCardForm(props: AddCardFormProps): ReactNode {
  const { stripe, requestStripe, cards } = useDollrCheckoutContext("<AddCardForm>");
  const kit = useCardFormKit("<AddCardForm>");
  const [cardForm, setCardForm] = useState(loadedCardForm);
  // Opening the form is a card need: a loader in `cards` is called now (once; again after a
  // failed load, when the form is opened again).
  useEffect(() => {
    requestStripe();
  }, [requestStripe]);
  // The form's code downloads beside Stripe.js, not after it; a new mount retries a failed load.
  const cardsPossible = stripe.status !== "none" && stripe.status !== "unavailable";
  useEffect(() => {
    if (cardsPossible && cardForm === null) setCardForm(loadCardForm({ retryFailed: true }));
  }, [cardsPossible, cardForm]);

  const { className, onCancel } = props;
  if (!cardsPossible) {
    return (
      <AddCardNotice
        state="unavailable"
        message="picker.cardUnavailable"
        role="status"
        className={className}
        onRetry={stripe.status === "unavailable" && stripe.retryable ? requestStripe : undefined}
        onCancel={onCancel}
      />
    );
  }
  const loading = (
    <AddCardNotice
      state="loading"
      message="picker.cardLoading"
      role="status"
      className={className}
      onCancel={onCancel}
    />
  );
  // Also on the server: effects do not run there, so nothing is loaded during a server render.
  if (stripe.status !== "ready" || cardForm === null) return loading;
  return (
    <CardFormLoadBoundary
      key={cardForm.id}
      failed={
        <AddCardNotice
          state="unavailable"
          message="picker.cardFormLoadFailed"
          role="alert"
          className={className}
          onRetry={() => setCardForm(loadCardForm({ retryFailed: true }))}
          onCancel={onCancel}
        />
      }
    >
      <Suspense fallback={loading}>
        <cardForm.Form
          {...props}
          cardElementOptions={withDefaults(cards, props.cardElementOptions)}
          stripe={stripe.stripe as Stripe}
          kit={kit}
        />
      </Suspense>
    </CardFormLoadBoundary>
  );
}
