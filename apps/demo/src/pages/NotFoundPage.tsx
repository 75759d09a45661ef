import { Link } from "../router.tsx";
import { PageHeading } from "./PageHeading.tsx";

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/" className="button" data-variant="primary">
          Go to the shop
        </Link>
      </p>
    </>
  );
}
