/**
 * One payment's realtime key, from the proxy (core's `createRealtimeKey`). Kept until shortly
 * before it expires, so a socket opened again (the page shown again) reuses it, and supabase-js,
 * which asks for the key on every heartbeat, gets a fresh one in time. The key is held in memory
 * only; it is never logged, stored or reported.
 */
import { createRealtimeKey, type RealtimeKeyInput } from "@dollr-kit/core/internal";
import type { DollrClient } from "../internal/client.ts";

/** Refresh a key this long before it expires (at most half its life). */
const REFRESH_MARGIN_MS = 60_000;

export interface KeySource {
  /**
   * The current key. Rejects only when no key was ever had: after that a failed refresh
   * answers the last key (Realtime closes the channel when it expires, and polling goes on).
   */
  current(): Promise<string>;
}

export function createKeySource(
  client: Pick<DollrClient, "request">,
  input: RealtimeKeyInput,
  now: () => number = Date.now,
): KeySource {
  let token: string | null = null;
  let refreshAt = 0;
  let asking: Promise<string> | null = null;

  function ask(): Promise<string> {
    asking ??= createRealtimeKey(client, input)
      .then((key) => {
        const lifeMs = key.expires_in * 1000;
        token = key.access_token;
        refreshAt = now() + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 2);
        return key.access_token;
      })
      .finally(() => {
        asking = null;
      });
    return asking;
  }

  return {
    async current() {
      if (token !== null && now() < refreshAt) return token;
      try {
        return await ask();
      } catch (error) {
        if (token !== null) return token;
        throw error;
      }
    },
  };
}
