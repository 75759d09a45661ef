/** The "Time" section: skip the PROCESSING wait, expire sessions, cap the checkout's checking. */

import { useId } from "react";
import { DevSection } from "./DevSection.tsx";
import { duration } from "./duration.ts";
import type { Say } from "./useDevStatus.ts";
import { useTimeControls } from "./useTimeControls.ts";

const CAP_OPTIONS = [
  { value: "60000", label: "1 minute" },
  { value: "15000", label: "15 seconds" },
] as const;

export function TimeControls({ say }: { say: Say }) {
  const selectId = useId();
  const { pollCapMs, proxyCapMs, processingMs, sessionMs, advance, setPollCap } =
    useTimeControls(say);
  return (
    <DevSection title="Time">
      <p className="dev-help">
        Mobile money waits {duration(processingMs)} in PROCESSING. Move the simulator's clock
        instead of waiting.
      </p>
      <div className="dev-row">
        <button
          type="button"
          className="dev-button"
          data-variant="primary"
          disabled={advance.isPending}
          onClick={() => advance.mutate(processingMs)}
        >
          Skip the wait (+{duration(processingMs)})
        </button>
        <button
          type="button"
          className="dev-button"
          disabled={advance.isPending}
          onClick={() => advance.mutate(sessionMs + 1_000)}
        >
          Expire sessions (+{duration(sessionMs)})
        </button>
      </div>
      <div className="dev-field">
        <label htmlFor={selectId}>The checkout stops checking after</label>
        <select
          id={selectId}
          value={pollCapMs === null ? "" : String(pollCapMs)}
          onChange={(event) => setPollCap(event.target.value)}
        >
          <option value="">
            {`As the proxy says${proxyCapMs ? ` (${duration(proxyCapMs)})` : ""}`}
          </option>
          {CAP_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </DevSection>
  );
}
