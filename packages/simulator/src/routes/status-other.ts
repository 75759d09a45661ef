// GET /v1/status/transfer/{reference_id} and /v1/status/refund/{reference_id}. The simulator makes
// no transfers or refunds, so every reference id is unknown: 404, as status answers for an id it
// has never seen (the same answer as an unknown collection or payout).
import { HttpError } from "../errors.ts";
import type { Route } from "../router.ts";
import { v1 } from "./route.ts";

export const otherStatusRoutes: Route[] = ["transfer", "refund"].map((operation) =>
  v1("GET", `/v1/status/${operation}/:reference_id`, () => {
    throw new HttpError(404, "Execution not found");
  }),
);
