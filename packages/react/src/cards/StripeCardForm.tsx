/**
 * The card form's code, loaded only when a card is added: `AddCardForm.tsx` imports it through
 * `import()` (card-form-chunk.ts), so @stripe/react-stripe-js stays out of every entry's static
 * imports and a mobile-money checkout never downloads it.
 */
// Not named imports: where this optional peer is not installed (a mobile-money shop), Vite puts
// in a module with no exports that throws when loaded. Named imports (or `ReactStripe.x`) would
// fail (or warn in) the shop's build; this fails only if the chunk is loaded, as a failed load.
import * as ReactStripe from "@stripe/react-stripe-js";
import type {
  Stripe,
  StripeCardElementChangeEvent,
  StripeCardElementOptions,
} from "@stripe/stripe-js";
import {
  type FormEvent,
  useCallback,
  useId,
  useInsertionEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type { Part } from "../internal/slot.tsx";
import type { Translate } from "../messages.ts";
import type { UsePaymentAccountsResult } from "../payment-accounts/usePaymentAccounts.ts";
import type { AddCardFormProps, UseAddCardOptions, UseAddCardResult } from "./AddCardForm.tsx";

// This chunk imports nothing of the kit but types: what it needs from the provider comes in
// `kit`, so no module is shared with the entries (a shared module would be a third chunk).

const { CardElement, Elements, useElements, useStripe } = ReactStripe;

/** What the card form needs from the provider, handed in by the cards entry. */
export interface CardFormKit {
  t: Translate;
  create: UsePaymentAccountsResult["create"];
  /** An error in plain words for the customer (the kit's error-words, handed in). */
  describeError: (error: unknown) => string;
  /** The form's root element, or the app's with `asChild` (internal/slot.tsx, handed in). */
  Part: typeof Part;
}

/** A ref that always holds the latest value (internal/use-latest.ts, kept out of this chunk). */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** `useAddCard` itself (the exported one suspends until this module is here, then calls it). */
export function useAddCardWithStripe(
  options: UseAddCardOptions,
  { t, create, describeError }: CardFormKit,
): UseAddCardResult {
  const stripe = useStripe();
  const elements = useElements();
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
      const fail = (reason = "") => {
        setState("error");
        setSubmitError(t("card.failed", { reason }).trim());
        return null;
      };
      try {
        const result = await stripe.createPaymentMethod({
          type: "card",
          card: cardElement,
          billing_details: { name: current.name.trim() },
        });
        if (result.error || !result.paymentMethod) return fail(result.error?.message);
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
        // The proxy's error text is for logs: the customer gets plain words.
        return fail(describeError(error));
      }
    },
    [create, elements, latest, onAdded, stripe, t, describeError],
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

// Its own field and button markup, not internal/form.tsx's: importing those here would move them
// into a chunk shared with the entry, which costs more up front than this copy costs here.
function AddCardFormFields({
  onAdded,
  onCancel,
  cardElementOptions,
  className,
  kit,
  ...rest
}: AddCardFormProps & { kit: CardFormKit }) {
  const { t } = kit;
  const form = useAddCardWithStripe({ onAdded }, kit);
  const [styleRef, themed] = useCardElementStyle();
  const id = useId();
  const nameId = `${id}-name`;
  const nameErrorId = `${id}-name-error`;
  const cardErrorId = `${id}-card-error`;
  const options: StripeCardElementOptions | undefined =
    themed || cardElementOptions ? { ...themed, ...cardElementOptions } : undefined;
  return (
    <kit.Part
      as="form"
      element={rest.children}
      {...rest}
      noValidate
      aria-labelledby={`${id}-title`}
      className={className ? `dollr-AddCard ${className}` : "dollr-AddCard"}
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
    </kit.Part>
  );
}

export interface StripeCardFormProps extends AddCardFormProps {
  /** The provider's Stripe, once ready. */
  stripe: Stripe;
  kit: CardFormKit;
}

/** The card form in its own `<Elements>`: what `<AddCardForm>` renders once Stripe is ready. */
export function StripeCardForm({ stripe, ...props }: StripeCardFormProps) {
  return (
    <Elements stripe={stripe}>
      <AddCardFormFields {...props} />
    </Elements>
  );
}
