/**
 * Reads about a source and a phone number: the source's status, what the payer will pay with a
 * method (fee prediction), and the operator of a mobile-money number. A source is only read for
 * a customer allowed to pay it.
 */
import {
  checkRequest,
  MmoProviderInfoQuerySchema,
  type SourceFeesQuery,
  SourceFeesQuerySchema,
  type SourceRef,
  type SourceStatusQuery,
  SourceStatusQuerySchema,
} from "@dollr-kit/core/internal";
import { type Answer, problem } from "../http.ts";
import type { DollrCustomer } from "../options.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute, type RouteScope } from "./route.ts";

type MmoQuery = { phone: string; operation_type?: "COLLECTION" };

async function readFor<Customer extends DollrCustomer>(
  scope: RouteScope<Customer, Record<string, unknown>, undefined>,
  path: string,
  query: Record<string, string>,
): Promise<Answer> {
  const read = await callDollr(scope, { method: "GET", path, query, kind: "read", label: path });
  return read.ok ? relay(scope, read.answer, "read") : read.answer;
}

async function mayPay<Customer extends DollrCustomer>(
  scope: RouteScope<Customer, SourceRef, undefined>,
): Promise<boolean> {
  const { source_type, source_id } = scope.query;
  return scope.shared.options.authorizeSource(
    scope.customer,
    { source_type, source_id },
    scope.request,
  );
}

const notYours = () => problem(403, "FORBIDDEN", "This customer may not pay this source");

/** Source status, fee prediction and operator prediction. */
export function sourceRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer, SourceStatusQuery>({
      method: "GET",
      template: "/v1/status/source",
      limit: "polls",
      sameSiteOnly: true,
      authenticated: true,
      query: (input) => checkRequest(SourceStatusQuerySchema, input, "query"),
      async handle(scope) {
        if (!(await mayPay(scope))) return notYours();
        const { source_type, source_id } = scope.query;
        return readFor(scope, "/v1/status/source", { source_type, source_id: String(source_id) });
      },
    }),
    defineRoute<Customer, SourceFeesQuery>({
      method: "GET",
      template: "/v1/predictions/payment-source/amount-and-fees",
      limit: "polls",
      sameSiteOnly: true,
      authenticated: true,
      query: (input) => checkRequest(SourceFeesQuerySchema, input, "query"),
      async handle(scope) {
        if (!(await mayPay(scope))) return notYours();
        const q = scope.query;
        return readFor(scope, "/v1/predictions/payment-source/amount-and-fees", {
          source_type: q.source_type,
          source_id: String(q.source_id),
          target_currency: q.target_currency,
          payment_method: q.payment_method,
          provider: q.provider,
        });
      },
    }),
    defineRoute<Customer, MmoQuery>({
      method: "GET",
      template: "/v1/predictions/mmo-provider-info",
      limit: "lookups",
      sameSiteOnly: true,
      authenticated: true,
      query: (input) => checkRequest(MmoProviderInfoQuerySchema, input, "query"),
      async handle(scope) {
        scope.sensitive.phones.add(scope.query.phone);
        // The proxy serves collections: the operation is fixed, whatever the browser says.
        return readFor(scope, "/v1/predictions/mmo-provider-info", {
          phone: scope.query.phone,
          operation_type: "COLLECTION",
        });
      },
    }),
  ];
}
