/** True while rendering on a server (no `window`), as react-stripe-js's `isServer`. */
export const isServer = (): boolean => typeof window === "undefined";
