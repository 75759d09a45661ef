/**
 * The demo's public origin: the address browsers use for it. Dollr's hosted page sends the
 * customer back there (success and cancel URLs), and in simulator mode the hosted page, its
 * receipts and the Realtime stand-in are served there too. Configured (`DEMO_PUBLIC_ORIGIN`),
 * never read from a request's `Host`: a return URL must not point wherever a request said.
 */

/** `DEMO_PUBLIC_ORIGIN` when set (checked), else the address the server listens on. */
export function publicOriginOf(
  raw: string | undefined,
  listen: { host: string; port: number },
): string {
  if (raw !== undefined && raw !== "") {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    const bare = raw.replace(/\/$/, "");
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== bare) {
      throw new Error(
        "DEMO_PUBLIC_ORIGIN must be an origin such as https://shop.example (no path, no user)",
      );
    }
    return url.origin;
  }
  // A server on every interface is reached, on this machine, at the loopback address.
  const host = listen.host === "0.0.0.0" || listen.host === "::" ? "127.0.0.1" : listen.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${listen.port}`;
}

/** The websocket origin of an http(s) URL's host: `ws://…` for http, `wss://…` for https. */
export function websocketOrigin(url: string): string {
  const { protocol, host } = new URL(url);
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}`;
}
