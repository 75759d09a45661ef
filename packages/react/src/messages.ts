/**
 * Every string the kit shows or announces, by key, and the translator that says it. English is
 * complete (`locales/english.ts`); replace any key through
 * `<DollrCheckoutProvider messages={{ "flow.pay": "Payer {amount}" }}>`, or pass a whole catalog
 * (`messages={fr}` from `@dollr-kit/react/locales/fr`). Placeholders in braces (`{amount}`,
 * `{elapsed}`, …) are filled in by the kit; `{count, plural, one {…} other {…}}` picks a form by
 * the provider's `locale`; a replacement may also be a function of those values.
 */
import { checkoutMessages, type defaultMessages } from "./locales/english.ts";
import { interpolate, type MessageValues } from "./locales/interpolate.ts";

export { formatElapsed } from "./locales/durations.ts";
export {
  checkoutMessages,
  defaultMessages,
  hostedCheckoutMessages,
  paymentReturnMessages,
  receiptMessages,
} from "./locales/english.ts";
export { interpolate, type MessageValues };

/** A message key. */
export type MessageKey = keyof typeof defaultMessages;

/** A replacement for one message: a template with `{placeholders}`, or a function of the values. */
export type MessageOverride = string | ((values: MessageValues) => string);

/** Per-key replacements, as `<DollrCheckoutProvider messages>` takes them. */
export type DollrMessages = Partial<Record<MessageKey, MessageOverride>>;

/**
 * A whole catalog, a template for every key and no other key: what
 * `@dollr-kit/react/locales/fr` (and `en`, `rw`, `sw`) export. Annotate your own with it
 * (`const ln: DollrCatalog = { … }`) and a missing or misspelt key is a compile error.
 */
export type DollrCatalog = { readonly [K in MessageKey]: string };

/**
 * Checks a partial override built outside an object literal (where TypeScript's excess-property
 * check does not reach): any key the kit does not know is a compile error. Returns `messages`.
 */
export function defineMessages<const M extends DollrMessages>(
  messages: M & { readonly [K in Exclude<keyof M, MessageKey>]: never },
): M {
  return messages;
}

/** English for some keys: what a part adds to the translator (`t.with(receiptMessages)`). */
export type EnglishWords = Readonly<Partial<Record<MessageKey, string>>>;

/** Looks up a message by key and fills in its placeholders. */
export interface Translate {
  (key: MessageKey, values?: MessageValues): string;
  /** The same translator, with English for more keys (a part's own words, as fallback). */
  with(english: EnglishWords): Translate;
}

/**
 * Builds a `t(key, values)` over the given replacements (a partial override or a whole catalog)
 * and English: the checkout's words, and those `t.with(…)` adds. `locale` picks the plural forms
 * (`{count, plural, …}`). A key with neither says its own name, never throws.
 */
export function createTranslator(
  overrides: DollrMessages = {},
  locale?: string,
  english: EnglishWords = checkoutMessages,
): Translate {
  const t = (key: MessageKey, values: MessageValues = {}) => {
    const override = overrides[key];
    if (typeof override === "function") return override(values);
    return interpolate(override ?? english[key] ?? key, values, locale);
  };
  // One translator per set of words, so `t.with(x)` in a render is the same function each time.
  const added = new Map<EnglishWords, Translate>();
  t.with = (more: EnglishWords) => {
    let extended = added.get(more);
    if (!extended) {
      extended = createTranslator(overrides, locale, { ...english, ...more });
      added.set(more, extended);
    }
    return extended;
  };
  return t;
}

/** Whether the catalog has a message for `key` (used for the operator names). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(checkoutMessages, key);
}
