/**
 * One HTTP exchange with Dollr, bounded in time. Two kinds of transport:
 * - a `DollrFetch`, any function from a `Request` to a `Response`: `globalThis.fetch` by default
 *   (so the main entry runs on any fetch runtime), the simulator's handler in tests;
 * - a `DollrTransport`, which takes the call as plain data and answers plain data, with no
 *   `Request`/`Response` built (`createNodeTransport` of `@dollr-kit/server/node` is one).
 */

/** How the proxy reaches Dollr through the Fetch API. */
export type DollrFetch = (request: Request) => Promise<Response>;

/** An answer's headers: enough to read one (a `Headers` is one). */
export interface AnswerHeaders {
  /** The value, several joined with ", ", or null; the name in any case. */
  get(name: string): string | null;
}

/** An answer read in full: status, headers and the body's text. */
export interface UpstreamAnswer {
  status: number;
  headers: AnswerHeaders;
  text: string;
}

/** One call to Dollr, as plain data. */
export interface UpstreamRequest {
  method: "GET" | "POST";
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
  /** The whole exchange (connecting, sending, the whole answer) must fit in this. */
  timeoutMs: number;
  /**
   * Whether it may be sent once more when a reused keep-alive connection turns out to be closed
   * before any answer came (reads and the token only: an execute or any other write never).
   */
  replayable: boolean;
}

/**
 * How the proxy reaches Dollr without the Fetch API. `exchange` answers Dollr's answer read in
 * full (whatever its status, redirects included: never followed), or throws `UpstreamFailure`.
 */
export interface DollrTransport {
  exchange(request: UpstreamRequest): Promise<UpstreamAnswer>;
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

/** The messages of `UpstreamFailure`, the same whichever transport failed. */
export const FAILURE_MESSAGES = {
  timeout: (ms: number) => `No answer from Dollr within ${ms} ms`,
  network: "The exchange with Dollr failed",
  cutOff: "Dollr's answer was cut off",
} as const;

/**
 * The default transport, `globalThis.fetch` (looked up on each call). The fetch transport
 * recognises it and calls `fetch(url, init)`, so that fetch makes the one `Request` itself; any
 * other `DollrFetch` is given a `Request`.
 */
export const globalFetch: DollrFetch = (request) => globalThis.fetch(request);

/**
 * A `DollrFetch` as a `DollrTransport`. The timer covers the body too: a response whose body
 * stalls is a timeout. The request is made once, with the signal that aborts it on timeout.
 * Redirects are not followed (`redirect: "manual"`): a 3xx is Dollr's answer, relayed as an
 * unexpected status, and the token's body (the client secret) is never sent anywhere else.
 */
export function fetchTransport(transport: DollrFetch): DollrTransport {
  return {
    async exchange(outgoing) {
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new UpstreamFailure("timeout", FAILURE_MESSAGES.timeout(outgoing.timeoutMs)));
        }, outgoing.timeoutMs);
      });
      const attempt = (async () => {
        let response: Response;
        try {
          const init: RequestInit = {
            method: outgoing.method,
            headers: outgoing.headers,
            body: outgoing.body,
            redirect: "manual",
            signal: controller.signal,
          };
          response = await (transport === globalFetch
            ? globalThis.fetch(outgoing.url, init)
            : transport(new Request(outgoing.url, init)));
        } catch (error) {
          if (error instanceof UpstreamFailure) throw error;
          throw new UpstreamFailure("network", FAILURE_MESSAGES.network);
        }
        try {
          return {
            status: response.status,
            headers: response.headers,
            text: await response.text(),
          };
        } catch {
          throw new UpstreamFailure("network", FAILURE_MESSAGES.cutOff);
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
    },
  };
}
