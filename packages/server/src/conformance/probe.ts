/**
 * The conformance suite's HTTP side: sends requests to the proxy under test and keeps every
 * answer, so that the last checks can scan all of them (error shapes, secrets).
 */

/** One answer, read in full. */
export interface ProbeAnswer {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or undefined when it is not JSON. */
  json: unknown;
}

/** What to send. */
export interface ProbeRequest {
  method: string;
  /** Relative to the proxy's base URL, e.g. `/kit/config` (query included). */
  path: string;
  /** Headers besides the customer's. */
  headers?: Record<string, string>;
  /** A JSON value (sent with `Content-Type: application/json`) … */
  json?: unknown;
  /** … or a raw body with the given headers. */
  raw?: string;
  /** Whose headers: the customer (default), the other customer, or not signed in. */
  as?: "customer" | "other" | "anonymous";
}

/** Options of `createProbe`. */
export interface ProbeOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  customerHeaders: Record<string, string>;
  otherHeaders: Record<string, string> | null;
  anonymousHeaders: Record<string, string>;
}

/** Sends requests and remembers the answers. */
export interface Probe {
  send(request: ProbeRequest): Promise<ProbeAnswer>;
  /**
   * Sends a request target exactly as written (`/api/dollr/x/%2e%2e/kit/config`), over Node's
   * `http`/`https`: `fetch` would resolve dot segments before sending. Path relative to the
   * base URL's path. Node only.
   */
  sendRawTarget(request: {
    method: string;
    target: string;
    /** Headers besides the customer's (a `host` here replaces the URL's). */
    headers?: Record<string, string>;
  }): Promise<ProbeAnswer>;
  /** Every answer so far. */
  readonly answers: readonly ProbeAnswer[];
}

/** Creates the probe for one run. */
export function createProbe(options: ProbeOptions): Probe {
  const answers: ProbeAnswer[] = [];
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    answers,
    async sendRawTarget({ method, target, headers = {} }) {
      const url = new URL(base);
      const client =
        url.protocol === "https:" ? await import("node:https") : await import("node:http");
      const path = `${url.pathname.replace(/\/+$/, "")}${target}`;
      const { status, text } = await new Promise<{ status: number; text: string }>(
        (resolve, reject) => {
          const req = client.request(
            {
              host: url.hostname,
              port: url.port || undefined,
              method,
              path,
              headers: { accept: "application/json", ...options.customerHeaders, ...headers },
              timeout: options.timeoutMs,
            },
            (res) => {
              let body = "";
              res.setEncoding("utf8");
              res.on("data", (chunk: string) => {
                body += chunk;
              });
              res.on("end", () => resolve({ status: res.statusCode ?? 0, text: body }));
              res.on("error", reject);
            },
          );
          req.on("timeout", () => req.destroy(new Error("timed out")));
          req.on("error", reject);
          req.end();
        },
      );
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const answer = { method, path: target, status, headers: new Headers(), text, json };
      answers.push(answer);
      return answer;
    },
    async send(request) {
      const who =
        request.as === "other"
          ? (options.otherHeaders ?? {})
          : request.as === "anonymous"
            ? options.anonymousHeaders
            : options.customerHeaders;
      const headers: Record<string, string> = {
        accept: "application/json",
        ...who,
        ...request.headers,
      };
      let body: string | undefined = request.raw;
      if (request.json !== undefined) {
        body = JSON.stringify(request.json);
        headers["content-type"] ??= "application/json";
      }
      const response = await options.fetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const answer = {
        method: request.method,
        path: request.path,
        status: response.status,
        headers: response.headers,
        text,
        json,
      };
      answers.push(answer);
      return answer;
    },
  };
}

/** A JSON body's field, or undefined. */
export function field(answer: ProbeAnswer, name: string): unknown {
  const json = answer.json;
  return json !== null && typeof json === "object"
    ? (json as Record<string, unknown>)[name]
    : undefined;
}

/** Describes an answer for a failure message: method, path, status and a clipped body. */
export function describe(answer: ProbeAnswer): string {
  const body = answer.text.length > 160 ? `${answer.text.slice(0, 160)}…` : answer.text;
  return `${answer.method} ${answer.path} → ${answer.status} ${body}`;
}
