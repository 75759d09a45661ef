/** The "Start over" section: one button that resets the simulator, database and browser state. */

import { DevSection } from "./DevSection.tsx";
import type { Say } from "./useDevStatus.ts";
import { useResetEverything } from "./useResetEverything.ts";

export function ResetControl({ say }: { say: Say }) {
  const { busy, reset } = useResetEverything(say);
  return (
    <DevSection title="Start over">
      <p className="dev-help">
        An empty simulator and database: no orders, payments or saved payment methods. Clears this
        browser's cart and open payments.
      </p>
      <button
        type="button"
        className="dev-button"
        data-variant="danger"
        disabled={busy}
        onClick={reset}
      >
        Reset everything
      </button>
    </DevSection>
  );
}
