/**
 * The processes of the abuse benchmark (bench/abuse.ts):
 *
 *   tsx bench/abuse-servers.ts proxy <dollrLatencyMs>
 *       @dollr-kit/server's proxy (the rate limits as shipped, memory stores) in front of the
 *       simulator in the same process, each Dollr call delayed by <dollrLatencyMs>, on
 *       127.0.0.1 (a free port). `Authorization: Bearer <name>` is customer <name> on a party of
 *       its own; `POST /__bench/source` makes a source to pay. Prints `{ "url": … }`.
 *   tsx bench/abuse-servers.ts attack <proxyUrl> <clients> <inFlight> <maxRequests> <maxMs>
 *       <clients> abusive customers, each with <inFlight> requests in flight, alternating paid
 *       lookups and card additions until <maxRequests> were sent in all, <maxMs> passed, or stdin
 *       closes. Prints `{ "ready": true }` when started, then an `AttackSummary` line.
 *
 * Both stop on SIGTERM or when the parent's stdin closes. Traffic goes to 127.0.0.1 only.
 */
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { createDollrProxy, type DollrCustomer } from "../packages/server/src/index.ts";
import { createProxyServer } from "../packages/server/src/node.ts";
import { createSimulator } from "../packages/simulator/src/index.ts";

/** What the attack role prints when it is done. */
export interface AttackSummary {
  sent: number;
  /** Answers by status (0: the request failed). */
  statuses: Record<string, number>;
  /** Refusals by the answer's `code` (`RATE_LIMITED`, `CARD_USED`, …). */
  codes: Record<string, number>;
  ms: number;
}

const [role, ...args] = process.argv.slice(2);
let stopped = false;
const cleanups: (() => Promise<void> | void)[] = [];

async function serveProxy(latencyMs: number): Promise<void> {
  const simulator = createSimulator({ processingMs: 3_600_000 });
  const token = simulator.control.issueToken();
  const parties = new Map<string, Promise<number>>();
  const partyFor = (name: string) => {
    let party = parties.get(name);
    if (!party) {
      party = simulator(
        new Request("http://simulator.local/v1/parties/create", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ fullname: `Bench ${name}`, phone: "231880000000" }),
        }),
      ).then(async (response) => Number(((await response.json()) as { id: unknown }).id));
      parties.set(name, party);
    }
    return party;
  };
  const proxy = createDollrProxy<DollrCustomer>({
    dollr: {
      baseUrl: "http://simulator.local",
      clientId: "sim_client_id",
      clientSecret: "sim_client_secret",
    },
    fetch: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return simulator(request);
    },
    resolveCustomer: async (request) => {
      const name = /^Bearer ([\w-]{1,40})$/.exec(request.headers.get("authorization") ?? "")?.[1];
      return name ? { id: name, partyId: await partyFor(name) } : null;
    },
    authorizeSource: () => true,
    stripePublishableKey: "pk_test_bench",
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const handler = async (request: Request) => {
    if (new URL(request.url).pathname !== "/__bench/source") return proxy(request);
    const made = simulator.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
    });
    return Response.json({ source_type: made.source_type, source_id: made.source_id });
  };
  const server = createProxyServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}${proxy.prefix}` }));
}

async function attack(
  url: string,
  clients: number,
  inFlight: number,
  maxRequests: number,
  maxMs: number,
): Promise<void> {
  if (!url.startsWith("http://127.0.0.1:")) throw new Error("attack: 127.0.0.1 only");
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  let sent = 0;
  const more = () => !stopped && sent < maxRequests && performance.now() - started < maxMs;
  // Plain `node:http` on kept-alive sockets: the attackers' own CPU cost stays small, as it would
  // be on machines of their own (this process shares the proxy's cores).
  const agent = new Agent({ keepAlive: true, maxSockets: clients * inFlight });
  const target = new URL(url);
  const card = JSON.stringify({
    type: "CARD",
    payment_method_id: "pm_card_visa",
    account_name: "x",
    last4: "4242",
  });
  const one = (client: number, n: number) =>
    new Promise<void>((resolve) => {
      const isCard = n % 2 === 1;
      const count = (status: number, text: string) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        const code = status >= 400 ? /"code":"(\w+)"/.exec(text)?.[1] : undefined;
        if (code) codes[code] = (codes[code] ?? 0) + 1;
        resolve();
      };
      const req = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: isCard ? "POST" : "GET",
          path: isCard
            ? `${target.pathname}/kit/payment-accounts`
            : `${target.pathname}/v1/predictions/mmo-provider-info?phone=231880000000`,
          headers: {
            authorization: `Bearer attacker-${client}`,
            ...(isCard ? { "content-type": "application/json" } : {}),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => count(res.statusCode ?? 0, text));
          res.on("error", () => count(0, ""));
        },
      );
      req.on("error", () => count(0, ""));
      req.end(isCard ? card : undefined);
    });
  const lane = async (client: number) => {
    for (let n = 0; more(); n++) {
      sent += 1;
      await one(client, n);
    }
  };
  console.log(JSON.stringify({ ready: true }));
  await Promise.all(
    Array.from({ length: clients * inFlight }, (_, i) => lane(Math.floor(i / inFlight))),
  );
  agent.destroy();
  const summary: AttackSummary = {
    sent,
    statuses,
    codes,
    ms: Math.round(performance.now() - started),
  };
  console.log(JSON.stringify(summary));
}

if (role === "proxy") await serveProxy(Number(args[0] ?? 0));
else if (role === "attack" && args.length === 5) {
  const [url, ...numbers] = args as [string, string, string, string, string];
  const [clients, inFlight, maxRequests, maxMs] = numbers.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  void attack(url, clients, inFlight, maxRequests, maxMs).then(() => stop());
} else {
  console.error(
    "usage: abuse-servers.ts proxy <dollrLatencyMs> | attack <proxyUrl> <clients> <inFlight> <maxRequests> <maxMs>",
  );
  process.exit(2);
}

async function stop(): Promise<void> {
  if (stopped && cleanups.length === 0) process.exit(0);
  stopped = true;
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch {
      // Best effort: the process ends either way.
    }
  }
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => {
  stopped = true;
  if (role === "proxy") void stop();
});
process.stdin.resume();
