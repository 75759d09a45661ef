import { ApiError } from "../api.ts";
import { Link } from "../router.tsx";
import { PageHeading } from "./PageHeading.tsx";

/** An order page whose order did not load: not this shopper's (404), or the shop unreachable. */
export function OrderMissing({ error, title }: { error: Error | null; title: string }) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <>
      <PageHeading title={missing ? "Order not found" : title}>
        {missing ? "We can't find this order" : title}
      </PageHeading>
      <p role="alert" className="notice" data-tone="danger">
        {missing
          ? "It may have been made in another browser, or before the shop was reset."
          : (error?.message ?? "We can't reach the shop right now.")}
      </p>
      <p>
        <Link href="/" className="button" data-variant="primary">
          Back to the shop
        </Link>
      </p>
    </>
  );
}
