/**
 * A paid source's receipt and the link to its receipt page, for a customer allowed to pay (and
 * so to see) the source. Dollr's JSON is checked against the contract's schemas before it is
 * passed on: an answer that does not read as a receipt is the payment service's fault (502),
 * never shown half-read to the browser.
 */
import {
  type CheckResult,
  checkRequest,
  parsePaymentSourceStatus,
  ReceiptIdSchema,
  ReceiptLinkQuerySchema,
  ReceiptLinkSchema,
  ReceiptSchema,
  type SourceRef,
  type SourceStatusQuery,
  type SourceType,
} from "@dollr-kit/core/internal";
import { type Answer, problem } from "../http.ts";
import type { DollrCustomer } from "../options.ts";
import type { AnyScope } from "./attempt-records.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute } from "./route.ts";

/** Whether the customer may pay (and so see) this source: the merchant's `authorizeSource`. */
export function maySee<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  source: SourceRef,
): Promise<boolean> | boolean {
  return scope.shared.options.authorizeSource(scope.customer, source, scope.request);
}

const notYours = () => problem(403, "FORBIDDEN", "This customer may not pay this source");

const unreadable = (what: string) =>
  problem(502, "UPSTREAM_INVALID", `The payment service answered an unreadable ${what}`, {
    ambiguous: false,
  });

/**
 * Dollr's answer: a 2xx passed on (redacted) only when `check` reads it; anything else relayed
 * as every read is (Dollr's status and detail, 429 with `Retry-After`).
 */
export function checkedAnswer<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  dollr: Parameters<typeof relay>[1],
  check: (json: unknown) => CheckResult<unknown>,
  what: string,
): Answer {
  const { status, isJson, json } = dollr;
  if (status >= 200 && status < 300 && isJson && !check(json).ok) {
    scope.log.warn("dollr.unreadable_answer", { what });
    return unreadable(what);
  }
  return relay(scope, dollr, "read");
}

/** `GET /v1/{invoices|orders}/receipt/{id}`. */
function receiptRoute<Customer extends DollrCustomer>(type: SourceType): AnyRoute<Customer> {
  const base = type === "INVOICE" ? "/v1/invoices" : "/v1/orders";
  return defineRoute<Customer>({
    method: "GET",
    template: `${base}/receipt/{id}`,
    limit: "polls",
    sameSiteOnly: true,
    authenticated: true,
    params: {
      id: (input) => {
        const result = checkRequest(ReceiptIdSchema, input, "path", "id");
        return result.ok ? { ok: true, value: String(result.value) } : result;
      },
    },
    async handle(scope) {
      const id = scope.params.id as string;
      if (!(await maySee(scope, { source_type: type, source_id: Number(id) }))) {
        return notYours();
      }
      const read = await callDollr(scope, {
        method: "GET",
        path: `${base}/receipt/${id}`,
        kind: "read",
        label: `${base}/receipt/{id}`,
      });
      if (!read.ok) return read.answer;
      // The receipt must be the one asked for: Dollr's ids are integers or digit strings.
      return checkedAnswer(
        scope,
        read.answer,
        (json) => {
          const named = (json as { source_id?: unknown } | null)?.source_id;
          if (named !== undefined && named !== null && String(named) !== id) {
            return { ok: false, detail: [] };
          }
          return checkRequest(ReceiptSchema, json, "body");
        },
        "receipt",
      );
    },
  });
}

/** The receipt routes: both receipts and the receipt page's link. */
export function receiptRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    receiptRoute<Customer>("INVOICE"),
    receiptRoute<Customer>("ORDER"),
    defineRoute<Customer, SourceStatusQuery>({
      method: "GET",
      template: "/v1/links/receipt",
      limit: "polls",
      sameSiteOnly: true,
      authenticated: true,
      query: (input) => checkRequest(ReceiptLinkQuerySchema, input, "query"),
      async handle(scope) {
        const { source_type, source_id } = scope.query;
        if (!(await maySee(scope, { source_type, source_id }))) return notYours();
        // Dollr's link takes the source's number, which only Dollr's own answer is trusted for.
        const status = await callDollr(scope, {
          method: "GET",
          path: "/v1/status/source",
          query: { source_type, source_id: String(source_id) },
          kind: "read",
          label: "receipt_link.source_status",
        });
        if (!status.ok) return status.answer;
        const { answer } = status;
        if (answer.status < 200 || answer.status > 299 || !answer.isJson) {
          return relay(scope, answer, "read");
        }
        let number: string;
        try {
          number = parsePaymentSourceStatus(answer.json).source_number;
        } catch {
          return unreadable("source status");
        }
        const link = await callDollr(scope, {
          method: "GET",
          path: "/v1/links/receipt",
          query: { source_type, source_number: number },
          kind: "read",
          label: "/v1/links/receipt",
        });
        if (!link.ok) return link.answer;
        return checkedAnswer(
          scope,
          link.answer,
          (json) => checkRequest(ReceiptLinkSchema, json, "body"),
          "receipt link",
        );
      },
    }),
  ];
}
