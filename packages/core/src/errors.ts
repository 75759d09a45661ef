/**
 * The kit's one error type. Every failure the kit reports (network, Dollr's HTTP errors, a
 * response that does not parse, a bad configuration) is a `DollrKitError` with a code from a
 * closed set, so callers switch on `code` and never on message text.
 *
 * The parts, in `errors/`: `dollr-kit-error.ts` (the class, its codes, `isDollrKitError`) and
 * `from-response.ts` (`errorFromResponse`: an HTTP answer read as one; `parseRetryAfter`).
 */
export * from "./errors/dollr-kit-error.ts";
export * from "./errors/from-response.ts";
