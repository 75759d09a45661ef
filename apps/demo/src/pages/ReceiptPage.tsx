import { ExecutionStatus } from "@dollr-kit/react";
import { useKitConfig, usePollingPolicy } from "../kit.tsx";
import { Link } from "../router.tsx";
import { PageHeading } from "./PageHeading.tsx";

/**
 * A return/receipt page: only the reference in the URL, and `<ExecutionStatus>` asking Dollr
 * (through the proxy) where that payment stands — whatever happened to the tab that paid.
 */
export function ReceiptPage({
  referenceId,
  simulator,
}: {
  referenceId: string;
  simulator: boolean;
}) {
  const config = useKitConfig();
  const policy = usePollingPolicy(config.data, simulator);
  return (
    <>
      <PageHeading title="Your payment">Your payment</PageHeading>
      <p className="lede">
        Reference <code className="reference">{referenceId}</code>
      </p>
      <section className="card receipt" aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        {config.isPending ? <p role="status">Loading…</p> : null}
        {config.isError ? (
          <p role="alert" className="notice" data-tone="danger">
            We can't reach the payment server right now.{" "}
            <button type="button" className="button" onClick={() => void config.refetch()}>
              Try again
            </button>
          </p>
        ) : null}
        {config.data ? (
          <ExecutionStatus referenceId={referenceId} operation="collection" policy={policy} />
        ) : null}
        <p className="muted small">
          Keep this reference if you contact the shop about this payment.
        </p>
      </section>
      <p>
        <Link href="/" className="button" data-variant="secondary">
          Continue shopping
        </Link>
      </p>
    </>
  );
}
