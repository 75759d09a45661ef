import {
  enabledPhoneMarkets,
  MOBILE_MONEY_METHODS,
  PHONE_MARKETS,
  type PhoneCountry,
  type PhoneParseResult,
  parsePhoneNumber,
} from "@dollr-kit/core/internal";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import type { MmoProviderInfo, SavedPaymentAccount } from "../internal/client.ts";
import { customerText, customerWordsFor } from "../internal/error-words.ts";
import { PAYMENT_DATA_GC_MS, providerQueryKey } from "../internal/query-keys.ts";
import { useKitConfig } from "../internal/use-kit-config.ts";
import { useLatest } from "../internal/use-latest.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { operatorName } from "./format.ts";
import { countryName, phoneExamples, phoneProblemText } from "./phone-words.ts";

/** One of Dollr's mobile-money methods (`MTN_MOMO_LBR`, …). */
export type MobileMoneyMethod = (typeof MOBILE_MONEY_METHODS)[number];

function isMobileMoneyMethod(value: string): value is MobileMoneyMethod {
  return (MOBILE_MONEY_METHODS as readonly string[]).includes(value);
}

/** Where the operator prediction stands: `idle` until the number is complete. */
export type OperatorPredictionState = "idle" | "loading" | "success" | "error";

/** The add-wallet form's state, shown as `data-state`. */
export type AddMobileMoneyState = "editing" | "submitting" | "error";

export interface UseAddMobileMoneyOptions {
  /** Called with the saved account. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Milliseconds to wait after the last keystroke before predicting the operator. @default 300 */
  predictDelayMs?: number | undefined;
  /**
   * The countries whose mobile-money numbers the merchant takes, e.g. `["LR"]`: numbers are read
   * as people there write them (`0886123456`), and a number from elsewhere is refused by name.
   * @default the proxy's `mobileMoneyCountries` (`/kit/config`), else every market Dollr collects
   * in (`["LR", "RW"]`)
   */
  countries?: readonly PhoneCountry[] | undefined;
}

export interface OperatorOption {
  /** Dollr's method word, e.g. `MTN_MOMO_LBR`. */
  method: string;
  /** Its name in the messages catalog. */
  name: string;
}

export interface UseAddMobileMoneyResult {
  state: AddMobileMoneyState;
  /** What the customer typed, kept as typed (regrouped on blur once it is a whole number). */
  phone: string;
  setPhone: (value: string) => void;
  /** The typed number read for the merchant's countries: the number, or what is wrong. */
  phoneParsed: PhoneParseResult;
  /** The number as Dollr wants it (E.164 digits without `+`, `231886123456`), or `""`. */
  phoneDigits: string;
  phoneValid: boolean;
  /** The number shown back, `Number in Liberia: +231 88 612 3456`, once it is valid; else null. */
  phoneShown: string | null;
  /** The hint under the field, with a national example per country (`For example 088 612 3456.`). */
  phoneHint: string;
  /** The phone message to show now (after the field was left, or on submit), or null. */
  phoneError: string | null;
  /** Marks the phone as touched and writes a valid number in its usual grouping (call on blur). */
  touchPhone: () => void;
  name: string;
  setName: (value: string) => void;
  nameError: string | null;
  touchName: () => void;
  /**
   * The operator the proxy predicted for the number. Its `phone` is blanked (the cache holds no
   * number): use `phoneDigits`.
   */
  prediction: { state: OperatorPredictionState; info: MmoProviderInfo | null };
  /** The operators to choose from (the predicted country's, or all when unknown). */
  operatorOptions: OperatorOption[];
  /** The customer's choice: `""` to use the predicted operator, else a method word. */
  operator: MobileMoneyMethod | "";
  setOperator: (method: string) => void;
  /** The method that will be saved (the override, else the prediction), or null. */
  effectiveMethod: string | null;
  operatorError: string | null;
  /** Why the last submit failed, in plain words (what happened, what to do); never the proxy's text. */
  submitError: string | null;
  /** Validates and saves. Resolves with the account, or null when something is missing. */
  submit: (event?: FormEvent) => Promise<SavedPaymentAccount | null>;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    if (delayMs <= 0) {
      setDebounced(value);
      return;
    }
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return delayMs <= 0 ? value : debounced;
}

const countryOf = (method: string) => method.slice(method.lastIndexOf("_") + 1);

/**
 * The "add mobile money" form's behaviour: the phone read as people in the merchant's countries
 * write it (sent as E.164 digits), the operator predicted through the proxy (`mmo-provider-info`)
 * on those digits with a manual override for numbers moved to another network, the account name,
 * and the save through `POST /kit/payment-accounts`.
 */
export function useAddMobileMoney(options: UseAddMobileMoneyOptions = {}): UseAddMobileMoneyResult {
  const context = useDollrCheckoutContext("useAddMobileMoney");
  const { client, clientKey, queryClient, t, locale } = context;
  const config = useKitConfig(context).data;
  const { create } = usePaymentAccounts({ enabled: false });
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const [operator, setOperatorRaw] = useState<MobileMoneyMethod | "">("");
  const setOperator = useCallback((method: string) => {
    setOperatorRaw(isMobileMoneyMethod(method) ? method : "");
  }, []);
  const [touched, setTouched] = useState({ phone: false, name: false, submitted: false });
  const [state, setState] = useState<AddMobileMoneyState>("editing");
  const [submitError, setSubmitError] = useState<string | null>(null);

  // The merchant's list (the prop, else the proxy's `mobileMoneyCountries`) by value, so an inline
  // `countries={["LR"]}` does not re-read every render.
  const countriesKey = (options.countries ?? config?.mobile_money_countries ?? []).join(",");
  const markets = useMemo(
    () => enabledPhoneMarkets(countriesKey === "" ? null : countriesKey.split(",")),
    [countriesKey],
  );
  const phoneParsed = useMemo(
    () => parsePhoneNumber(phone, { countries: markets.map((market) => market.country) }),
    [phone, markets],
  );
  const phoneValid = phoneParsed.ok;
  const phoneDigits = phoneParsed.ok ? phoneParsed.digits : "";
  const predictFor = useDebounced(phoneValid ? phoneDigits : "", options.predictDelayMs ?? 300);

  const predictionQuery = useQuery(
    {
      // The key holds a token for the number, never its digits.
      queryKey: providerQueryKey(clientKey, predictFor),
      queryFn: async ({ signal }) => ({
        ...(await client.predictProvider(predictFor, { signal })),
        phone: "",
      }),
      enabled: predictFor !== "" && predictFor === phoneDigits,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: PAYMENT_DATA_GC_MS,
      retry: false,
    },
    queryClient,
  );

  const predictionState: OperatorPredictionState = !phoneValid
    ? "idle"
    : predictFor !== phoneDigits || predictionQuery.isPending
      ? "loading"
      : predictionQuery.isError
        ? "error"
        : "success";
  const info = predictionState === "success" ? (predictionQuery.data ?? null) : null;

  // Without a prediction, the operators of the number's country (else of the merchant's).
  const numberCountry = phoneParsed.ok ? phoneParsed.country : null;
  const operatorOptions = useMemo<OperatorOption[]>(() => {
    const detected = info?.payment_method;
    const countries = (numberCountry ? [PHONE_MARKETS[numberCountry]] : markets).map(
      (market) => market.alpha3,
    );
    const methods: string[] = detected
      ? [
          detected,
          ...MOBILE_MONEY_METHODS.filter(
            (method) => method !== detected && countryOf(method) === countryOf(detected),
          ),
        ]
      : MOBILE_MONEY_METHODS.filter((method) => countries.includes(countryOf(method)));
    return methods.map((method) => ({ method, name: operatorName(method, null, t) }));
  }, [info, t, numberCountry, markets]);

  // An override from another country no longer applies once the number changes country.
  useEffect(() => {
    if (operator !== "" && !operatorOptions.some((option) => option.method === operator)) {
      setOperatorRaw("");
    }
  }, [operator, operatorOptions]);

  const effectiveMethod = operator !== "" ? operator : (info?.payment_method ?? null);
  const showPhone = touched.phone || touched.submitted;
  const phoneError =
    showPhone && !phoneParsed.ok ? phoneProblemText(phoneParsed.problem, markets, t, locale) : null;
  const phoneShown = phoneParsed.ok
    ? t("mobileMoney.phoneShown", {
        country: countryName(phoneParsed.country, t),
        number: phoneParsed.international,
      })
    : null;
  const phoneHint = t("mobileMoney.phoneHint", { example: phoneExamples(markets, locale) });
  const nameError =
    (touched.name || touched.submitted) && name.trim() === ""
      ? t("mobileMoney.nameRequired")
      : null;
  const operatorError =
    touched.submitted && phoneValid && predictionState === "error" && operator === ""
      ? t("mobileMoney.operatorRequired")
      : null;

  const onAdded = useLatest(options.onAdded);
  // A number, a name, and an operator when none could be predicted.
  const missing =
    !phoneValid || name.trim() === "" || (predictionState === "error" && operator === "");
  const latest = useLatest({ missing, phoneDigits, phoneParsed, name, operator, state });

  const submit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      const current = latest.current;
      setTouched((old) => ({ ...old, submitted: true }));
      if (current.state === "submitting" || current.missing) return null;
      setState("submitting");
      setSubmitError(null);
      try {
        const account = await create({
          type: "MOBILE_MONEY",
          phone: current.phoneDigits,
          account_name: current.name.trim(),
          ...(current.operator !== "" ? { method: current.operator } : {}),
        });
        setState("editing");
        onAdded.current?.(account);
        return account;
      } catch (error) {
        setState("error");
        // The error's own text (HTTP status, the proxy's words) is for logs, not the customer.
        setSubmitError(
          t("mobileMoney.failed", { reason: customerText(customerWordsFor(error, t)) }),
        );
        return null;
      }
    },
    [create, latest, onAdded, t],
  );

  return {
    state,
    phone,
    setPhone,
    phoneParsed,
    phoneDigits,
    phoneValid,
    phoneShown,
    phoneHint,
    phoneError,
    touchPhone: useCallback(() => {
      setTouched((old) => ({ ...old, phone: true }));
      // Shown back as the country writes it, in the form typed; a wrong number stays as typed.
      const parsed = latest.current.phoneParsed;
      if (parsed.ok) setPhone(parsed.form === "national" ? parsed.national : parsed.international);
    }, [latest]),
    name,
    setName,
    nameError,
    touchName: useCallback(() => setTouched((old) => ({ ...old, name: true })), []),
    prediction: { state: predictionState, info },
    operatorOptions,
    operator,
    setOperator,
    effectiveMethod,
    operatorError,
    submitError,
    submit,
  };
}
