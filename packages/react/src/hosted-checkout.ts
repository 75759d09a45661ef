"use client";
/** `@dollr-kit/react/hosted-checkout`: send the customer to Dollr's hosted checkout page. */
export {
  HostedCheckoutButton,
  type HostedCheckoutButtonProps,
} from "./hosted-checkout/HostedCheckoutButton.tsx";
export {
  checkPageUrl,
  type PageUrlCheck,
  PageUrlError,
  type PageUrlProblem,
} from "./hosted-checkout/page-url.ts";
export {
  type HostedCheckoutState,
  type UseHostedCheckoutOptions,
  type UseHostedCheckoutResult,
  useHostedCheckout,
} from "./hosted-checkout/useHostedCheckout.ts";
export * from "./provider/index.ts";
