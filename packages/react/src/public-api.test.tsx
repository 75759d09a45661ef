import type {
  AuthenticationOutcome,
  CheckoutState,
  CheckoutStateKind,
  ProxyClient,
  SavedPaymentAccount,
} from "@dollr-kit/core";
import type { Stripe } from "@stripe/stripe-js";
import type { QueryClient } from "@tanstack/react-query";
import type { ComponentProps } from "react";
import { describe, expectTypeOf, it } from "vitest";
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
  type StripeLoader,
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
import { createFakeStripe, type FakeStripe, renderWithKit } from "./testing/index.ts";

// Type tests: checked by `tsc` (pnpm --filter @dollr-kit/react typecheck); the runtime part only
// proves the entries load.
describe("public API types", () => {
  it("the provider takes a proxy client and Stripe the react-stripe-js way", () => {
    type Props = ComponentProps<typeof DollrCheckoutProvider>;
    expectTypeOf<Props["client"]>().toEqualTypeOf<ProxyClient>();
    expectTypeOf<Stripe>().toExtend<NonNullable<Props["stripe"]>>();
    expectTypeOf<Promise<Stripe | null>>().toExtend<NonNullable<Props["stripe"]>>();
    expectTypeOf<null>().toExtend<Props["stripe"]>();
    // The loader form: called at the first card need only.
    expectTypeOf<StripeLoader>().toEqualTypeOf<() => Promise<Stripe | null>>();
    expectTypeOf<StripeLoader>().toExtend<NonNullable<Props["stripe"]>>();
    expectTypeOf<() => Promise<Stripe | null>>().toExtend<NonNullable<Props["stripe"]>>();
    // @ts-expect-error: a loader returns a promise of Stripe, not a string
    const notALoader: Props["stripe"] = () => Promise.resolve("pk_test");
    void notALoader;
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

  it("the testing entry's fake is a Stripe", () => {
    expectTypeOf(createFakeStripe).returns.toEqualTypeOf<FakeStripe>();
    expectTypeOf<FakeStripe["stripe"]>().toEqualTypeOf<Stripe>();
    expectTypeOf(renderWithKit).parameter(1).toHaveProperty("client").toEqualTypeOf<ProxyClient>();
    expectTypeOf(root.defaultMessages).toHaveProperty("flow.pay").toEqualTypeOf<"Pay {amount}">();
  });
});
