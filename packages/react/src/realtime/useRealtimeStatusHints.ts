/**
 * Realtime status hints for one payment's wait (Supabase Realtime, api-notes §2.5): when the
 * proxy's `/kit/config` has `realtime`, a change to the payment's status row makes the engine
 * read Dollr's status once, through its own status query, instead of at the next poll. Realtime
 * never marks anything paid, and polling carries on unchanged beside it; any failure just ends
 * the hints (`onEvent` says why).
 */
import { isContractReferenceId, SOURCE_TYPES, type SourceType } from "@dollr-kit/core/internal";
import { useEffect, useRef } from "react";
import { statusQueryKey } from "../internal/query-keys.ts";
import { useKitConfig } from "../internal/use-kit-config.ts";
import { useLatest } from "../internal/use-latest.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { createHintReader } from "./hint-reader.ts";
import { createKeySource, type KeySource } from "./key-source.ts";
import { watchListenWindow } from "./listen-window.ts";
import { openRealtimeSession, type RealtimeSession } from "./realtime-session.ts";
import type { RealtimeHintEvent, RealtimeStatusHintsOptions } from "./types.ts";

/** Dollr's checkout session ids (as the proxy's realtime-key route takes them). */
const SESSION_ID = /^[1-9]\d{0,15}$/;

/**
 * Only ids the proxy would take go into a channel name and its filter: anything else (a
 * filter's `,` or `)`, a topic's `:`) could widen what is listened to.
 */
function isPayment(referenceId: unknown, sessionId: unknown, sourceType: unknown): boolean {
  return (
    isContractReferenceId(referenceId) &&
    (typeof sessionId === "string" || typeof sessionId === "number") &&
    SESSION_ID.test(String(sessionId)) &&
    SOURCE_TYPES.includes(sourceType as SourceType)
  );
}

const SUBSCRIBED: RealtimeHintEvent = { type: "realtime", phase: "subscribed" };
const HINT: RealtimeHintEvent = { type: "realtime", phase: "hint" };

/**
 * Listens for status hints while `enabled` (the wait), within `listenWindow` and while the page
 * is visible. Does nothing, and loads nothing, when the proxy has no `realtime` settings.
 *
 * @example
 * useRealtimeStatusHints({
 *   referenceId: attempt?.referenceId, sessionId: attempt?.sessionId, sourceType: source.type,
 *   enabled: state.kind === "processing",
 * });
 */
export function useRealtimeStatusHints(options: RealtimeStatusHintsOptions): void {
  const context = useDollrCheckoutContext("useRealtimeStatusHints");
  const { client, clientKey, queryClient, realtime } = context;
  const { referenceId, sessionId, sourceType, enabled } = options;
  // The kit's own config query: already in the cache when a checkout is on the page.
  const config = useKitConfig(context);
  const settings = config.data?.realtime ?? null;
  const url = settings?.url;
  const anonKey = settings?.anon_key;
  const windowMs = options.listenWindow ?? settings?.subscribe_ms;
  const onEvent = useLatest(options.onEvent);
  // The plug-in given to the provider (`supabaseRealtime()` from `@dollr-kit/react/realtime`), so
  // no other entry names supabase-js: a shop without it builds with any bundler.
  const loader = options.loadSupabase ?? realtime?.loadSupabase;
  const load = useLatest(loader);
  // Whether there is one (a new inline loader on every render must not restart the hints).
  const hasLoader = loader !== undefined;
  // Kept across effect runs (StrictMode, a window that opens again): the window counts from the
  // first enabled render of a reference id, a key is reused, and a payment whose hints gave up
  // is not tried again.
  const started = useRef<{ referenceId: string; at: number } | null>(null);
  const gaveUp = useRef<string | null>(null);
  const keys = useRef<{ id: string; client: unknown; source: KeySource } | null>(null);

  useEffect(() => {
    if (!enabled || !referenceId || sessionId == null || !sourceType || !hasLoader) return;
    if (!isPayment(referenceId, sessionId, sourceType)) return;
    if (!url || !anonKey || windowMs === undefined || gaveUp.current === referenceId) return;
    if (started.current?.referenceId !== referenceId) {
      started.current = { referenceId, at: Date.now() };
    }
    const keyId = `${referenceId} ${sessionId} ${sourceType}`;
    if (keys.current?.id !== keyId || keys.current.client !== client) {
      const source = createKeySource(client, { referenceId, sessionId, sourceType });
      keys.current = { id: keyId, client, source };
    }
    const keySource = keys.current.source;
    const emit = (event: RealtimeHintEvent) => onEvent.current?.(event);
    const reader = createHintReader(
      queryClient,
      statusQueryKey(clientKey, "collection", referenceId),
    );
    let session: RealtimeSession | null = null;
    let stopWindow = () => {};
    const stopSession = () => {
      session?.close();
      session = null;
    };
    stopWindow = watchListenWindow({
      endsAt: windowMs === "whole-wait" ? null : started.current.at + windowMs,
      visibility: typeof document === "undefined" ? undefined : document,
      onChange(listening) {
        if (!listening) return stopSession();
        session = openRealtimeSession({
          url,
          anonKey,
          referenceId,
          sessionId,
          keys: keySource,
          loadSupabase: () => (load.current as NonNullable<typeof loader>)(),
          onSubscribed: () => emit(SUBSCRIBED),
          onHint: () => {
            reader.hint();
            emit(HINT);
          },
          onFallback: (reason) => {
            session = null;
            gaveUp.current = referenceId;
            stopWindow();
            emit({ type: "realtime", phase: "fallback", reason });
          },
        });
      },
    });
    return () => {
      stopWindow();
      stopSession();
      reader.close();
    };
  }, [
    enabled,
    referenceId,
    sessionId,
    sourceType,
    url,
    anonKey,
    windowMs,
    client,
    clientKey,
    queryClient,
    onEvent,
    load,
    hasLoader,
  ]);
}
