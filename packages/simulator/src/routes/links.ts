// Payment links: GET /v1/links/pay (the hosted pay page of an ACTIVE or later source) and
// GET /v1/links/receipt (its receipt page, once PAID). Both pages are served by the simulator.
import { SOURCE_TYPES } from "../catalog.ts";
import { linkConfig, payUrl, publicBase, receiptUrl } from "../checkouts.ts";
import { unprocessable } from "../errors.ts";
import { json } from "../http.ts";
import { requirePayment } from "../receipts.ts";
import type { Route } from "../router.ts";
import { sourceProgress } from "../sources.ts";
import { oneOf, parseQuery, string } from "../validation.ts";
import { sourceByNumber } from "./receipts.ts";
import { v1 } from "./route.ts";

const linkQuery = {
  source_type: oneOf(SOURCE_TYPES),
  source_number: string({ minLength: 1, maxLength: 64 }),
};

export const linkRoutes: Route[] = [
  v1("GET", "/v1/links/pay", ({ world, url }) => {
    const query = parseQuery(linkQuery, url.searchParams);
    const source = sourceByNumber(world, query.source_type, query.source_number);
    // ACTIVE or later has a page (PROCESSING and PAID pages say so); IDLE and CANCELED none.
    const { status } = sourceProgress(world, source);
    if (status === "IDLE")
      throw unprocessable(
        ["query", "source_number"],
        "source not published: publish it before asking for its pay link",
      );
    if (status === "CANCELED") throw unprocessable(["query", "source_number"], "source canceled");
    return json(200, { url: payUrl(publicBase(url, "/v1/links/pay"), linkConfig(world, source)) });
  }),
  v1("GET", "/v1/links/receipt", ({ world, url }) => {
    const query = parseQuery(linkQuery, url.searchParams);
    const source = sourceByNumber(world, query.source_type, query.source_number);
    requirePayment(world, source);
    const base = publicBase(url, "/v1/links/receipt");
    return json(200, { url: receiptUrl(base, linkConfig(world, source)) });
  }),
];
