/**
 * One HTTP exchange with Dollr, bounded in time. The transport is any function from a `Request`
 * to a `Response`: `globalThis.fetch` in production, the simulator's handler in tests.
 */

/** How the proxy reaches Dollr. */
export type DollrFetch = (request: Request) => Promise<Response>;

/** An answer read in full: status, headers and the body's text. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Why there was no answer. `timeout`: none in time; `network`: the exchange failed. */
export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";
  constructor(
    readonly reason: "timeout" | "network",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The default transport, `globalThis.fetch` (looked up on each call). `exchange` recognises it
 * and calls `fetch(url, init)`, so that fetch makes the one `Request` itself; any other
 * transport is given a `Request`.
 */
export const globalFetch: DollrFetch = (request) => globalThis.fetch(request);

/** What `exchange` sends: where, and the `RequestInit` (without the signal, which it adds). */
export interface Outgoing {
  url: string | URL;
  init: Omit<RequestInit, "signal">;
}

/**
 * Sends `outgoing` and reads the whole answer within `timeoutMs`, or throws `UpstreamFailure`.
 * The timer covers the body too: a response whose body stalls is a timeout. The request is made
 * once, with the signal that aborts it on timeout (not made, then copied to add the signal).
 */
export async function exchange(
  transport: DollrFetch,
  outgoing: Outgoing,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new UpstreamFailure("timeout", `No answer from Dollr within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const attempt = (async () => {
    let response: Response;
    try {
      const init = { ...outgoing.init, signal: controller.signal };
      response = await (transport === globalFetch
        ? globalThis.fetch(outgoing.url, init)
        : transport(new Request(outgoing.url, init)));
    } catch (error) {
      if (error instanceof UpstreamFailure) throw error;
      throw new UpstreamFailure("network", "The exchange with Dollr failed");
    }
    try {
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch {
      throw new UpstreamFailure("network", "Dollr's answer was cut off");
    }
  })();
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
    // The loser of the race must not surface as an unhandled rejection.
    attempt.catch(() => undefined);
    timedOut.catch(() => undefined);
  }
}
