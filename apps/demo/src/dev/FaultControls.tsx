/** The "Faults" section: fault presets, the proxy-offline switch, what is active, and a clear. */

import { DevSection } from "./DevSection.tsx";
import { describeRule, FAULTS } from "./faults.ts";
import type { Say } from "./useDevStatus.ts";
import { useFaultControls } from "./useFaultControls.ts";

export function FaultControls({ say }: { say: Say }) {
  const { offline, active, setFault, toggleProxy, clearAll } = useFaultControls(say);
  return (
    <DevSection title="Faults">
      <div className="dev-stack">
        {FAULTS.map((fault) => (
          <button
            key={fault.label}
            type="button"
            className="dev-button"
            onClick={() => setFault(fault.rules, fault.done)}
          >
            {fault.label}
          </button>
        ))}
        <button
          type="button"
          className="dev-button"
          data-variant={offline ? "danger" : undefined}
          aria-pressed={offline}
          onClick={toggleProxy}
        >
          Proxy offline
        </button>
      </div>
      <p className="dev-help">
        Active:{" "}
        {active.length === 0 && !offline
          ? "none"
          : [...(offline ? ["proxy offline"] : []), ...active.map(describeRule)].join("; ")}
      </p>
      <button type="button" className="dev-button" onClick={clearAll}>
        Clear faults
      </button>
    </DevSection>
  );
}
