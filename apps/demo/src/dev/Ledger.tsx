/** The "Ledger" section: the executions the simulator received (polled), as a table. */

import { useQuery } from "@tanstack/react-query";
import { simulatorApi } from "../api.ts";
import { DevSection } from "./DevSection.tsx";

export function Ledger() {
  const ledger = useQuery({
    queryKey: ["demo", "ledger"],
    queryFn: simulatorApi.ledger,
    refetchInterval: 2_000,
  });
  const executions = ledger.data?.executions ?? [];
  return (
    <DevSection title="Ledger">
      {executions.length === 0 ? (
        <p className="dev-help">No payments yet.</p>
      ) : (
        // Scrolls on its own when narrower than the table (320 px, 200 % zoom), not the page;
        // focusable so the keyboard can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus.
        <section className="dev-table-scroll" aria-labelledby="dev-ledger-caption" tabIndex={0}>
          <table className="dev-table" data-testid="dev-ledger">
            <caption id="dev-ledger-caption">Executions the simulator received</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Sends</th>
              </tr>
            </thead>
            <tbody>
              {executions.map((execution) => (
                <tr key={execution.reference_id}>
                  <td>
                    <code title={execution.reference_id}>{execution.reference_id.slice(0, 8)}</code>
                  </td>
                  <td>
                    {execution.amount} {execution.currency}
                  </td>
                  <td>{execution.status}</td>
                  <td>{execution.execute_calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </DevSection>
  );
}
