/**
 * "Reset everything": empties the simulator and database, forgets this browser's cart and open
 * payments, and reloads the shop from its start page.
 */

import { useState } from "react";
import { demoApi } from "../api.ts";
import type { Say } from "./useDevStatus.ts";

/** localStorage keys the reset forgets: the kit's (`dollr-kit:`), `kola:sim-*`, cart and basket. */
function isDemoStorageKey(key: string): boolean {
  return (
    key.startsWith("dollr-kit:") ||
    key.startsWith("kola:sim-") ||
    key === "kola:cart" ||
    key === "kola:basket"
  );
}

export function useResetEverything(say: Say) {
  const [busy, setBusy] = useState(false);
  const reset = async (): Promise<void> => {
    setBusy(true);
    try {
      await demoApi.reset();
      for (const key of Object.keys(window.localStorage)) {
        if (isDemoStorageKey(key)) window.localStorage.removeItem(key);
      }
      window.location.assign("/");
    } catch (error) {
      setBusy(false);
      say(`Could not reset: ${error instanceof Error ? error.message : "error"}`);
    }
  };
  return { busy, reset };
}
