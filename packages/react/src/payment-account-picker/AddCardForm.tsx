import { CardElement, Elements, useElements, useStripe } from "@stripe/react-stripe-js";
import type { StripeCardElementChangeEvent, StripeCardElementOptions } from "@stripe/stripe-js";
import {
  type ComponentPropsWithoutRef,
  type FormEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { cx } from "../internal/compose.ts";
import { useLatest } from "../internal/use-latest.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";

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
 * `<AddCardForm>` renders for you) with a `<CardElement>` on the page.
 */
export function useAddCard(options: UseAddCardOptions = {}): UseAddCardResult {
  const { t } = useDollrCheckoutContext("useAddCard");
  const stripe = useStripe();
  const elements = useElements();
  const { create } = usePaymentAccounts({ enabled: false });
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [card, setCard] = useState({ complete: false, empty: true, error: null as string | null });
  const [state, setState] = useState<UseAddCardResult["state"]>("editing");
  const [submitError, setSubmitError] = useState<string | null>(null);
  const onAdded = useLatest(options.onAdded);
  const latest = useLatest({ name, card, state });

  const onCardChange = useCallback((event: StripeCardElementChangeEvent) => {
    setCard({
      complete: event.complete,
      empty: event.empty,
      error: event.error?.message ?? null,
    });
  }, []);

  const submit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      setSubmitted(true);
      const current = latest.current;
      if (current.state === "submitting") return null;
      if (current.name.trim() === "" || !current.card.complete) return null;
      const cardElement = elements?.getElement(CardElement);
      if (!stripe || !cardElement) return null;
      setState("submitting");
      setSubmitError(null);
      try {
        const result = await stripe.createPaymentMethod({
          type: "card",
          card: cardElement,
          billing_details: { name: current.name.trim() },
        });
        if (result.error || !result.paymentMethod) {
          setState("error");
          setSubmitError(t("card.failed", { reason: result.error?.message ?? "" }).trim());
          return null;
        }
        const last4 = result.paymentMethod.card?.last4;
        const account = await create({
          type: "CARD",
          payment_method_id: result.paymentMethod.id,
          account_name: current.name.trim(),
          ...(last4 && /^\d{4}$/.test(last4) ? { last4 } : {}),
        });
        setState("editing");
        onAdded.current?.(account);
        return account;
      } catch (error) {
        setState("error");
        setSubmitError(
          t("card.failed", { reason: error instanceof Error ? error.message : "" }).trim(),
        );
        return null;
      }
    },
    [create, elements, latest, onAdded, stripe, t],
  );

  return {
    state,
    name,
    setName,
    nameError: (nameTouched || submitted) && name.trim() === "" ? t("card.nameRequired") : null,
    touchName: useCallback(() => setNameTouched(true), []),
    card: {
      ...card,
      error: card.error ?? (submitted && !card.complete ? t("card.incomplete") : null),
    },
    onCardChange,
    submitError,
    submit,
  };
}

/**
 * Stripe's card field lives in an iframe that cannot read the page's CSS, so its text colour and
 * font are read from the wrapper (which `styles.css` themes with `--dollr-*`) and handed to
 * Stripe, again when the colour scheme changes: dark mode keeps readable card text.
 */
function useCardElementStyle(): [
  (node: HTMLDivElement | null) => void,
  StripeCardElementOptions | undefined,
] {
  const nodeRef = useRef<HTMLDivElement | null>(null);
  const [options, setOptions] = useState<StripeCardElementOptions | undefined>(undefined);
  const read = useCallback(() => {
    const node = nodeRef.current;
    if (!node || typeof getComputedStyle !== "function") return;
    const computed = getComputedStyle(node);
    const color = computed.color;
    const placeholder = computed.getPropertyValue("--dollr-color-muted").trim();
    const fontFamily = computed.fontFamily;
    setOptions((old) => {
      const next: StripeCardElementOptions = {
        hidePostalCode: true,
        style: {
          base: {
            ...(color ? { color, iconColor: color } : {}),
            ...(fontFamily ? { fontFamily } : {}),
            ...(placeholder ? { "::placeholder": { color: placeholder } } : {}),
          },
        },
      };
      return JSON.stringify(old) === JSON.stringify(next) ? old : next;
    });
  }, []);
  useLayoutEffect(() => {
    read();
    if (typeof matchMedia !== "function") return;
    const query = matchMedia("(prefers-color-scheme: dark)");
    query.addEventListener?.("change", read);
    return () => query.removeEventListener?.("change", read);
  }, [read]);
  const ref = useCallback((node: HTMLDivElement | null) => {
    nodeRef.current = node;
  }, []);
  return [ref, options];
}

export interface AddCardFormProps
  extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "children"> {
  /** Called with the saved card account. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  /** Options for Stripe's card field (merged over the kit's theme-derived style). */
  cardElementOptions?: StripeCardElementOptions | undefined;
}

function AddCardFormFields({
  onAdded,
  onCancel,
  cardElementOptions,
  className,
  ...rest
}: AddCardFormProps) {
  const { t } = useDollrCheckoutContext("<AddCardForm>");
  const form = useAddCard({ onAdded });
  const [styleRef, themed] = useCardElementStyle();
  const id = useId();
  const nameId = `${id}-name`;
  const nameErrorId = `${id}-name-error`;
  const cardErrorId = `${id}-card-error`;
  const options: StripeCardElementOptions | undefined =
    themed || cardElementOptions ? { ...themed, ...cardElementOptions } : undefined;
  return (
    <form
      {...rest}
      noValidate
      aria-labelledby={`${id}-title`}
      className={cx("dollr-AddCard", className)}
      data-slot="add-card"
      data-state={form.state}
      onSubmit={form.submit}
    >
      <h3 id={`${id}-title`} data-slot="add-card-title">
        {t("card.title")}
      </h3>
      <div data-slot="field">
        <label htmlFor={nameId} data-slot="label">
          {t("card.nameLabel")}
        </label>
        <input
          id={nameId}
          data-slot="input"
          autoComplete="cc-name"
          value={form.name}
          onChange={(event) => form.setName(event.target.value)}
          onBlur={form.touchName}
          aria-invalid={form.nameError ? true : undefined}
          aria-describedby={form.nameError ? nameErrorId : undefined}
          disabled={form.state === "submitting"}
        />
        {form.nameError ? (
          <p id={nameErrorId} data-slot="field-error">
            {form.nameError}
          </p>
        ) : null}
      </div>
      <fieldset data-slot="field" aria-describedby={form.card.error ? cardErrorId : undefined}>
        <legend data-slot="label">{t("card.detailsLabel")}</legend>
        <div
          ref={styleRef}
          data-slot="card-element"
          data-state={form.card.complete ? "complete" : form.card.empty ? "empty" : "incomplete"}
        >
          <CardElement options={options} onChange={form.onCardChange} />
        </div>
        {form.card.error ? (
          <p id={cardErrorId} data-slot="field-error" role="alert">
            {form.card.error}
          </p>
        ) : null}
      </fieldset>
      {form.submitError ? (
        <p data-slot="form-error" role="alert">
          {form.submitError}
        </p>
      ) : null}
      <div data-slot="form-actions">
        <button
          type="submit"
          data-slot="button"
          data-variant="primary"
          disabled={form.state === "submitting"}
        >
          {form.state === "submitting" ? t("card.submitting") : t("card.submit")}
        </button>
        {onCancel ? (
          <button type="button" data-slot="button" data-variant="secondary" onClick={onCancel}>
            {t("kit.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Adds a card: Stripe's card field (`<CardElement>`, in the page's own `<Elements>`),
 * `stripe.createPaymentMethod`, then the proxy's card step (`POST /kit/payment-accounts` with the
 * `pm_…`). Renders a short notice instead while Stripe loads, or when it is unavailable. With a
 * loader `stripe` prop, mounting this form is what asks for Stripe.js.
 */
export function AddCardForm(props: AddCardFormProps): ReactNode {
  const { stripe, requestStripe, t } = useDollrCheckoutContext("<AddCardForm>");
  // Opening the form is a card need: a loader `stripe` is called now (once; again after a
  // failed load, when the form is opened again).
  useEffect(() => {
    requestStripe();
  }, [requestStripe]);
  if (stripe.status !== "ready") {
    const state: AddCardState =
      stripe.status === "loading" || stripe.status === "idle" ? "loading" : "unavailable";
    return (
      <div
        className={cx("dollr-AddCard", props.className)}
        data-slot="add-card"
        data-state={state}
        role="status"
      >
        {state === "loading" ? t("picker.cardLoading") : t("picker.cardUnavailable")}
        {stripe.status === "unavailable" && stripe.retryable ? (
          <button type="button" data-slot="button" data-variant="secondary" onClick={requestStripe}>
            {t("kit.retry")}
          </button>
        ) : null}
        {props.onCancel ? (
          <button
            type="button"
            data-slot="button"
            data-variant="secondary"
            onClick={props.onCancel}
          >
            {t("kit.cancel")}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <Elements stripe={stripe.stripe}>
      <AddCardFormFields {...props} />
    </Elements>
  );
}
