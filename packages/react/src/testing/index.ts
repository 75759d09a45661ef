"use client";
/**
 * `@dollr-kit/react/testing`: render helpers for tests. Not for production pages. The fake
 * Stripe is in `@dollr-kit/react/cards/testing`, so this entry needs no Stripe package.
 */
export { CheckoutEngineTesting, type CheckoutEngineTestingProps } from "./engine.tsx";
export { createKitWrapper, type KitWrapperOptions, renderWithKit } from "./render.tsx";
