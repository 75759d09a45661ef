import type {
  AuthenticationOutcome,
  CheckoutState,
  CheckoutStateKind,
  ProxyClient,
  SavedPaymentAccount,
} from "@dollr-kit/core/internal";
import type { Stripe } from "@stripe/stripe-js";
import type { QueryClient } from "@tanstack/react-query";
import type { ComponentProps } from "react";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AddCardFormProps,
  type StripeCards,
  type StripeLoader,
  type StripeProp,
  type stripeCards,
  useCardStripe,
} from "./cards/index.ts";
import { createFakeStripe, type FakeStripe } from "./cards/testing.ts";
import * as root from "./index.ts";
import {
  type CheckoutAlreadyPaid,
  type CheckoutFailure,
  CheckoutFlow,
  type CheckoutFlowEvent,
  type CheckoutSuccess,
  type DollrCheckoutProvider,
  type ExecutionStatus,
  type ExecutionStatusPhase,
  PaymentAccountPicker,
  type UseCheckoutFlowResult,
  type UseExecutionStatusResult,
  type UsePaymentAccountPickerResult,
  type UsePaymentAccountsResult,
  useCheckoutFlow,
  type useDollrCheckout,
  useExecutionStatus,
  usePaymentAccountPicker,
  usePaymentAccounts,
} from "./index.ts";
import { renderWithKit } from "./testing/index.ts";

// Type tests: checked by `tsc` (pnpm --filter @dollr-kit/react typecheck); the runtime part only
// proves the entries load.
describe("public API types", () => {
  it("the provider takes a proxy client, and cards as a plug-in that takes Stripe the react-stripe-js way", () => {
    type Props = ComponentProps<typeof DollrCheckoutProvider>;
    expectTypeOf<Props["client"]>().toEqualTypeOf<ProxyClient>();
    expectTypeOf<StripeCards>().toExtend<NonNullable<Props["cards"]>>();
    expectTypeOf<null>().toExtend<Props["cards"]>();
    // @ts-expect-error: the `stripe` prop moved into `stripeCards(…)` of @dollr-kit/react/cards
    expectTypeOf<Props["stripe"]>().toBeUnknown();
    // @ts-expect-error: a Stripe instance is handed to stripeCards, not to the provider
    const notAPlugin: Props["cards"] = createFakeStripe().stripe;
    void notAPlugin;
    type Given = Parameters<typeof stripeCards>[0];
    expectTypeOf<Given>().toEqualTypeOf<StripeProp>();
    expectTypeOf<Stripe>().toExtend<Given>();
    expectTypeOf<Promise<Stripe | null>>().toExtend<Given>();
    expectTypeOf<null>().toExtend<Given>();
    // The loader form: called at the first card need only.
    expectTypeOf<StripeLoader>().toEqualTypeOf<() => Promise<Stripe | null>>();
    expectTypeOf<StripeLoader>().toExtend<Given>();
    // @ts-expect-error: a loader returns a promise of Stripe, not a string
    const notALoader: Given = () => Promise.resolve("pk_test");
    void notALoader;
    expectTypeOf<Parameters<typeof stripeCards>[1]>().toEqualTypeOf<
      { cardElementOptions?: AddCardFormProps["cardElementOptions"] } | undefined
    >();
    expectTypeOf(useCardStripe).returns.toHaveProperty("stripe").toHaveProperty("status");
    expectTypeOf<ReturnType<typeof useDollrCheckout>["requestStripe"]>().toEqualTypeOf<
      () => void
    >();
    expectTypeOf<ReturnType<typeof useDollrCheckout>["stripe"]["status"]>().toEqualTypeOf<
      "none" | "idle" | "loading" | "ready" | "unavailable"
    >();
    expectTypeOf<QueryClient | undefined>().toExtend<Props["queryClient"]>();
    expectTypeOf<{ "flow.pay": string }>().toExtend<NonNullable<Props["messages"]>>();
    // @ts-expect-error: only known message keys can be replaced
    const wrong: NonNullable<Props["messages"]> = { "flow.nope": "x" };
    void wrong;
  });

  it("CheckoutFlow's callbacks are typed and carry no personal data", () => {
    type Props = ComponentProps<typeof CheckoutFlow>;
    expectTypeOf<Props["source"]>().toEqualTypeOf<{ type: "INVOICE" | "ORDER"; id: number }>();
    expectTypeOf<NonNullable<Props["onSuccess"]>>().parameter(0).toEqualTypeOf<CheckoutSuccess>();
    expectTypeOf<NonNullable<Props["onFailure"]>>().parameter(0).toEqualTypeOf<CheckoutFailure>();
    expectTypeOf<NonNullable<Props["onEvent"]>>().parameter(0).toEqualTypeOf<CheckoutFlowEvent>();
    expectTypeOf<CheckoutSuccess>().toHaveProperty("referenceId").toEqualTypeOf<string>();
    expectTypeOf<CheckoutFailure["reason"]>().toEqualTypeOf<
      | "declined"
      | "not_landed"
      | "rejected"
      | "session_rejected"
      | "storage_unavailable"
      | "card_used"
    >();
    expectTypeOf<NonNullable<Props["onAlreadyPaid"]>>()
      .parameter(0)
      .toEqualTypeOf<CheckoutAlreadyPaid>();
    expectTypeOf<CheckoutAlreadyPaid["referenceId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<CheckoutFlowEvent["type"]>().toExtend<string>();
    expectTypeOf<Extract<CheckoutFlowEvent, { type: "authentication" }>["outcome"]>().toEqualTypeOf<
      AuthenticationOutcome | undefined
    >();
  });

  it("the hooks return their state machines as discriminated unions", () => {
    expectTypeOf(useCheckoutFlow).returns.toEqualTypeOf<UseCheckoutFlowResult>();
    expectTypeOf<UseCheckoutFlowResult["state"]>().toEqualTypeOf<CheckoutState>();
    expectTypeOf<UseCheckoutFlowResult["kind"]>().toEqualTypeOf<CheckoutStateKind>();
    type Failed = Extract<UseCheckoutFlowResult["state"], { kind: "failed" }>;
    expectTypeOf<Failed["reason"]>().toEqualTypeOf<CheckoutFailure["reason"]>();
    expectTypeOf(useExecutionStatus).returns.toEqualTypeOf<UseExecutionStatusResult>();
    expectTypeOf<UseExecutionStatusResult["phase"]>().toEqualTypeOf<ExecutionStatusPhase>();
    expectTypeOf(usePaymentAccountPicker).returns.toEqualTypeOf<UsePaymentAccountPickerResult>();
    expectTypeOf<UsePaymentAccountPickerResult["accounts"]>().toEqualTypeOf<
      SavedPaymentAccount[]
    >();
    expectTypeOf(usePaymentAccounts).returns.toEqualTypeOf<UsePaymentAccountsResult>();
  });

  it("the picker is controllable with a typed onValueChange, and has compound parts", () => {
    type Props = ComponentProps<typeof PaymentAccountPicker>;
    expectTypeOf<Props["value"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<Props["onValueChange"]>>().parameters.toEqualTypeOf<
      [string | null, SavedPaymentAccount | null]
    >();
    expectTypeOf(PaymentAccountPicker.Root).not.toBeUndefined();
    expectTypeOf(PaymentAccountPicker.Item).not.toBeUndefined();
    expectTypeOf(CheckoutFlow.PayButton).not.toBeUndefined();
  });

  it("ExecutionStatus takes a reference and the collection operation", () => {
    type Props = ComponentProps<typeof ExecutionStatus>;
    expectTypeOf<Props["referenceId"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Props["operation"]>().toEqualTypeOf<"collection" | undefined>();
    expectTypeOf<Props["kind"]>().toEqualTypeOf<"MOBILE_MONEY" | "CARD" | undefined>();
  });

  it("the card testing entry's fake is a Stripe; the testing entry renders with cards", () => {
    type Props = ComponentProps<typeof DollrCheckoutProvider>;
    expectTypeOf(createFakeStripe).returns.toEqualTypeOf<FakeStripe>();
    expectTypeOf<FakeStripe["stripe"]>().toEqualTypeOf<Stripe>();
    expectTypeOf(renderWithKit).parameter(1).toHaveProperty("client").toEqualTypeOf<ProxyClient>();
    expectTypeOf(renderWithKit)
      .parameter(1)
      .toHaveProperty("cards")
      .toEqualTypeOf<Props["cards"]>();
    expectTypeOf(root.defaultMessages).toHaveProperty("flow.pay").toEqualTypeOf<"Pay {amount}">();
  });

  it("catalogs are typed by DollrCatalog, and defineMessages checks an override's keys", () => {
    expectTypeOf<keyof root.DollrCatalog>().toEqualTypeOf<root.MessageKey>();
    expectTypeOf(
      root.defineMessages({ "flow.pay": "Payer {amount}" }),
    ).toExtend<root.DollrMessages>();
    expectTypeOf(root.createTranslator).parameter(1).toEqualTypeOf<string | undefined>();
    expectTypeOf(root.formatElapsed).parameter(2).toEqualTypeOf<root.Translate | undefined>();
  });
});
