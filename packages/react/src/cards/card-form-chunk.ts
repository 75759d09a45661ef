/**
 * The one import of the card form's code (and so of @stripe/react-stripe-js): dynamic, so
 * bundlers split it into its own chunk, fetched at the first card need only. Its own module so
 * tests can stand in for the network.
 */
export const importStripeCardForm = () => import("./StripeCardForm.tsx");

export type StripeCardFormModule = Awaited<ReturnType<typeof importStripeCardForm>>;
