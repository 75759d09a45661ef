/**
 * The demo server's own faults in front of the proxy (simulator mode, `/__demo/proxy`):
 *
 * - `offline`: every `/api/dollr` connection drops without an answer, as with a dead server;
 * - `hold_status`: the page's payment status checks wait, unanswered, until released, so a test
 *   (or a developer) can look at a waiting state for as long as it needs: no race with a timer.
 *   Released checks go on to the proxy as usual.
 */
import type { IncomingMessage } from "node:http";

export interface ProxySwitchState {
  offline: boolean;
  hold_status: boolean;
}

export function createProxySwitches(prefix: string) {
  let offline = false;
  let held: { released: Promise<void>; release: () => void } | null = null;
  const statusPath = `${prefix}/v1/status/`;

  function holdStatus(on: boolean): void {
    if (on && !held) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      held = { released, release };
    } else if (!on && held) {
      held.release();
      held = null;
    }
  }

  return {
    state: (): ProxySwitchState => ({ offline, hold_status: held !== null }),
    /** Applies `{offline?, hold_status?}`; answers what is wrong with it, or null. */
    set(body: unknown): string | null {
      const { offline: down, hold_status: hold } = (body ?? {}) as Record<string, unknown>;
      const known = Object.keys(body ?? {}).every(
        (key) => key === "offline" || key === "hold_status",
      );
      const valid = (value: unknown) => value === undefined || typeof value === "boolean";
      if (!known || !valid(down) || !valid(hold) || (down === undefined && hold === undefined)) {
        return "Send {offline?: boolean, hold_status?: boolean}";
      }
      if (typeof down === "boolean") offline = down;
      if (typeof hold === "boolean") holdStatus(hold);
      return null;
    },
    reset(): void {
      offline = false;
      holdStatus(false);
    },
    /** Drops or parks a proxy request when a switch says so; false when it should go on now. */
    intercept(req: IncomingMessage, path: string, forward: () => void): boolean {
      if (!path.startsWith(`${prefix}/`)) return false;
      if (offline) {
        req.socket.destroy();
        return true;
      }
      if (held && req.method === "GET" && path.startsWith(statusPath)) {
        void held.released.then(forward);
        return true;
      }
      return false;
    },
  };
}
