/**
 * The proxy contract: what the browser may ask of the merchant's server.
 *
 * It is Dollr's own paths and JSON, a subset (so any backend can keep it by forwarding with its
 * bearer token), plus the kit's own `/kit/...` routes for what Dollr lacks: the kit's config and
 * the customer's saved payment accounts. Request shapes are strict (an unknown field is an
 * error) and never carry an amount; answer shapes are loose (new fields are kept).
 *
 * Shared by the proxy client (browser) and `@dollr-kit/server`, so both sides agree on every
 * field. `packages/server/CONTRACT.md` is the same contract in words. The parts, in `contract/`:
 * - `paths.ts`: the routes and the body size limit;
 * - `fields.ts`: the field rules (patterns, source types, mobile-money methods);
 * - `requests.ts`: the request shapes; `validation.ts`: checking one, in Dollr's 422 words;
 * - `answers.ts`: `/kit/config` and the saved payment accounts, with their parsers;
 * - `receipts.ts`: receipts, receipt links, realtime keys, checkouts from a cart.
 */
export * from "./contract/answers.ts";
export * from "./contract/fields.ts";
export * from "./contract/paths.ts";
export * from "./contract/receipts.ts";
export * from "./contract/requests.ts";
export * from "./contract/validation.ts";
