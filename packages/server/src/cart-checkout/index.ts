/**
 * Checkout from a cart, on the merchant's server: `createCartCheckout` makes (once per order) the
 * source a customer pays, DIRECT through the kit or HOSTED on Dollr's page.
 */
export {
  type CartCheckout,
  type CartCheckoutOptions,
  type CartCheckoutResult,
  createCartCheckout,
} from "./cart-checkout.ts";
export type { CartCheckoutInput, CartCustomer, CartLine } from "./lines.ts";
