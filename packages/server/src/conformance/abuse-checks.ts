/**
 * Checks that any merchant backend should pass under abuse: canonical paths (a target that
 * reads as another path is no route), 429 with `Retry-After` under a burst, and a refused foreign
 * `Host` (DNS rebinding; needs the shop's public origin). The check that
 * another customer's session answers as an unknown one is `ownership.execute`.
 */
import { describe } from "./probe.ts";
import { type Check, CheckFailure, CheckSkipped, requireExecute } from "./support.ts";

/** Targets whose normalised path is a route (or the prefix), but which are not that path. */
export const NON_CANONICAL_TARGETS: readonly string[] = Object.freeze([
  "/v1/x/%2e%2e/%2e%2e/kit/payment-accounts",
  "/v1/x/../../kit/payment-accounts",
  "/kit/./payment-accounts",
  "/kit/.%2e/kit/payment-accounts",
  "/kit//payment-accounts",
  "//kit/payment-accounts",
  "/kit%2Fpayment-accounts",
  "/kit%5Cpayment-accounts",
  "/kit\\payment-accounts",
  "/kit/payment-accounts/..%2F..%2Fkit%2Fconfig",
  "/kit/%2e/config",
]);

/** A host no shop is: a request for it must not be answered as the shop's. */
export const FOREIGN_HOST = "rebinding.conformance.invalid";

/** How many lookups a burst sends at most (a limit above this is not found). */
const BURST = 80;

export const ABUSE_CHECKS: readonly Check[] = [
  {
    id: "paths.canonical",
    title: "A target with dot segments, %2e, backslashes, doubled or encoded slashes is 404",
    async run({ probe }) {
      for (const target of NON_CANONICAL_TARGETS) {
        const answer = await probe.sendRawTarget({ method: "GET", target });
        // 400 is a server that refuses the target before the proxy: as good.
        if (answer.status !== 404 && answer.status !== 400) {
          throw new CheckFailure(`GET ${target} must answer 404 (no route): ${describe(answer)}`);
        }
      }
    },
  },
  {
    id: "host.foreign",
    title: "A request for a foreign Host is refused",
    async run({ probe, publicOrigin }) {
      if (publicOrigin === null)
        throw new CheckSkipped("pass --public-origin (the shop's public origin) to check the Host");
      const own = new URL(publicOrigin).host;
      // The public host is answered (else the origin given is not this proxy's) …
      const ours = await probe.sendRawTarget({
        method: "GET",
        target: "/kit/config",
        headers: { host: own, origin: publicOrigin },
      });
      if (ours.status !== 200) {
        throw new CheckFailure(
          `GET /kit/config for Host ${own} must answer 200 (is --public-origin right?): ${describe(ours)}`,
        );
      }
      // … and a rebound name is not, even with its own page's Origin (same-origin to a browser).
      for (const method of ["GET", "POST"]) {
        const answer = await probe.sendRawTarget({
          method,
          target: method === "GET" ? "/kit/config" : "/kit/payment-accounts",
          headers: { host: FOREIGN_HOST, origin: `http://${FOREIGN_HOST}` },
        });
        // 400 or 421 (Misdirected Request) is a server in front that refuses it: as good.
        if (![403, 400, 421].includes(answer.status)) {
          throw new CheckFailure(
            `${method} for Host ${FOREIGN_HOST} must be refused (403): ${describe(answer)}`,
          );
        }
      }
    },
  },
  {
    id: "limits.burst",
    title: "A burst of paid lookups is answered 429 with Retry-After",
    async run(context) {
      // Costs the merchant up to the limit's number of lookups: only with executes allowed.
      requireExecute(context);
      const path = `/v1/predictions/mmo-provider-info?phone=${context.fixtures.phone}`;
      for (let sent = 0; sent < BURST; sent += 10) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => context.probe.send({ method: "GET", path })),
        );
        const limited = answers.find((a) => a.status === 429);
        if (!limited) continue;
        const retryAfter = limited.headers.get("retry-after") ?? "";
        const valid = /^\d+$/.test(retryAfter) || !Number.isNaN(Date.parse(retryAfter));
        if (!valid) {
          throw new CheckFailure(`A 429 must carry Retry-After: ${describe(limited)}`);
        }
        return;
      }
      throw new CheckFailure(`${BURST} lookups in a burst were all answered: no rate limit`);
    },
  },
];
