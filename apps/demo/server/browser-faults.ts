/**
 * In the demo, the simulator's faults (the developer panel's, the tests') are aimed at what the
 * customer's browser does: "lose the next payment's answer", "fail the next 3 status checks".
 * The server's own follow-up (the reconciler) reads status too, on its own schedule, and would
 * otherwise take a fault meant for the page. So, while a fault that matches one of its requests
 * is armed, the follow-up's request fails at once without reaching the simulator, and the
 * reconciler reads again later, as after any failed read. Real Dollr mode has no such faults.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { DollrFetch } from "@dollr-kit/server";
import type { SimulatorHandler } from "@dollr-kit/simulator";

const fromBrowser = new AsyncLocalStorage<true>();

/** Runs a browser's request to the proxy: what it sends to the simulator may meet faults. */
export function asBrowserRequest<T>(handle: () => T): T {
  return fromBrowser.run(true, handle);
}

/**
 * Runs a request of the shop's own server (its reads and its cart checkouts) outside any
 * browser request it is made for: the simulator's faults are the browser's, so it steps aside.
 */
export function outsideBrowserRequest<T>(handle: () => T): T {
  return fromBrowser.exit(handle);
}

type ArmedFault = ReturnType<SimulatorHandler["control"]["faults"]>[number];

function matches(fault: ArmedFault, method: string, path: string): boolean {
  if (fault.remaining !== null && fault.remaining <= 0) return false;
  const { match } = fault;
  if (!match) return true;
  if (match.method !== undefined && match.method !== method) return false;
  if (match.path !== undefined && match.path !== path) return false;
  return match.pathPrefix === undefined || path.startsWith(match.pathPrefix);
}

/** How the proxy (and its reconciler) reach the in-process simulator. */
export function simulatorFetch(simulator: SimulatorHandler): DollrFetch {
  return (request) => {
    if (fromBrowser.getStore() === true) return simulator(request);
    const method = request.method.toUpperCase();
    const path = new URL(request.url).pathname;
    if (simulator.control.faults().some((fault) => matches(fault, method, path))) {
      return Promise.reject(
        new TypeError("fetch failed (a simulator fault is armed for the browser's requests)"),
      );
    }
    return simulator(request);
  };
}
