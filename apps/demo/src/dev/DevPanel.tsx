/**
 * The developer panel (simulator mode only): the simulator's test numbers and cards, its clock
 * (skip the PROCESSING wait), faults, the ledger of executions, and a reset. Not part of the
 * shop: a real merchant page has nothing like it. Each section lives in its own module here.
 */

import { devSettingsStore, useStore } from "../store.ts";
import { FaultControls } from "./FaultControls.tsx";
import { Ledger } from "./Ledger.tsx";
import { ResetControl } from "./ResetControl.tsx";
import { TestData } from "./TestData.tsx";
import { TimeControls } from "./TimeControls.tsx";
import { useDevStatus } from "./useDevStatus.ts";

export function DevPanel() {
  const settings = useStore(devSettingsStore);
  const { message, say } = useDevStatus();
  return (
    <aside className="dev-panel" aria-labelledby="dev-panel-title" lang="en">
      <details
        open={settings.panelOpen}
        onToggle={(event) => {
          const open = event.currentTarget.open;
          devSettingsStore.set((current) =>
            current.panelOpen === open ? current : { ...current, panelOpen: open },
          );
        }}
      >
        <summary>
          <span id="dev-panel-title" className="dev-title">
            Developer panel
          </span>{" "}
          <span className="dev-badge">simulator</span>
        </summary>
        <div className="dev-body">
          <p className="dev-note">
            Not part of the shop. These controls drive the in-process Dollr simulator; with a real
            Dollr account they are gone.
          </p>
          <p className="dev-status" role="status">
            {message}
          </p>
          {settings.panelOpen ? (
            <>
              <TestData say={say} />
              <TimeControls say={say} />
              <FaultControls say={say} />
              <Ledger />
              <ResetControl say={say} />
            </>
          ) : null}
        </div>
      </details>
    </aside>
  );
}
