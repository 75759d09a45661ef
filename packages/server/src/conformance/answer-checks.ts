/**
 * The checks of what answers carry: Dollr's 429 passes through with `Retry-After`, every error is
 * JSON with a detail, and no answer shows a secret. `errors.shape` and `secrets` scan every answer
 * the checks before them received, so they run after those.
 */
import { describe, field } from "./probe.ts";
import { type Check, CheckFailure, expectStatus, requireSimulator, withFault } from "./support.ts";

export const ANSWER_CHECKS: readonly Check[] = [
  {
    id: "errors.rate-limit",
    title: "Dollr's 429 passes through with Retry-After",
    async run(context) {
      const simulator = requireSimulator(context);
      const rateLimit = {
        kind: "rate_limit",
        count: 1,
        retryAfterSeconds: 7,
        match: { method: "GET", pathPrefix: "/v1/predictions/mmo-provider-info" },
      };
      await withFault(simulator, rateLimit, async () => {
        const answer = await context.probe.send({
          method: "GET",
          path: `/v1/predictions/mmo-provider-info?phone=${context.fixtures.phone}`,
        });
        expectStatus(answer, [429], "a rate-limited read");
        if (answer.headers.get("retry-after") !== "7")
          throw new CheckFailure(
            `Retry-After is kept (7): got ${answer.headers.get("retry-after")}`,
          );
      });
    },
  },
  {
    id: "errors.shape",
    title: "Every error answer is JSON with a detail",
    async run({ probe }) {
      for (const answer of probe.answers) {
        if (answer.status < 400) continue;
        const detail = field(answer, "detail");
        const okDetail =
          (typeof detail === "string" && detail.length > 0) ||
          (Array.isArray(detail) &&
            detail.every(
              (d) =>
                Array.isArray((d as { loc?: unknown }).loc) &&
                typeof (d as { msg?: unknown }).msg === "string",
            ));
        if (!okDetail)
          throw new CheckFailure(
            `an error body is {"detail": string | [{loc, msg, type}]}: ${describe(answer)}`,
          );
      }
    },
  },
  {
    id: "secrets",
    title: "No answer carries a credential, a token, a passcode or a full phone number",
    async run({ probe, forbiddenStrings, fixtures }) {
      const jwt = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/;
      const phones = [fixtures.phone];
      for (const answer of probe.answers) {
        const headers = [...answer.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
        const everything = `${headers}\n${answer.text}`;
        for (const secret of forbiddenStrings) {
          if (secret && everything.includes(secret))
            throw new CheckFailure(`an answer shows a secret: ${answer.method} ${answer.path}`);
        }
        if (jwt.test(everything))
          throw new CheckFailure(`an answer shows a bearer token (JWT): ${describe(answer)}`);
        for (const phone of phones) {
          if (answer.text.includes(phone))
            throw new CheckFailure(`an answer shows the full phone number: ${describe(answer)}`);
        }
        if (/"(access_token|passcode|client_id)"\s*:/.test(answer.text)) {
          throw new CheckFailure(`an answer has a credential field: ${describe(answer)}`);
        }
      }
    },
  },
];
