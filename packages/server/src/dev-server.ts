/**
 * `pnpm proxy`: the proxy on 127.0.0.1:4020 (`PORT`, `HOST`), prefix `/api/dollr`, with its
 * stores on PostgreSQL and its reconciler running in the process.
 *
 * - Dollr: by default an in-process simulator, with its `/__simulator/...` controls on the same
 *   port. With `DOLLR_BASE_URL`, `DOLLR_CLIENT_ID` and `DOLLR_CLIENT_SECRET`: that Dollr instead
 *   (the real one, or a simulator started on its own with `pnpm simulator`).
 * - Stores: `DATABASE_URL` (a real PostgreSQL, migrated at start), or an embedded PostgreSQL
 *   (PGlite) in memory, gone when the process ends, as the in-process simulator is.
 *
 * One line per settled attempt: `settled <reference id> <final status word>`.
 */

import type { AddressInfo } from "node:net";
import { DEV_CUSTOMERS, startDevApp } from "./dev-app.ts";
import { createConsoleLogger } from "./logging.ts";
import { createLimitedServer, toNodeListener } from "./node.ts";
import type { DollrCustomer } from "./options.ts";
import { createPostgresStores, migrate, openDatabase } from "./postgres.ts";
import { createDollrProxy, type DollrProxy } from "./proxy.ts";
import type { SettledPayment } from "./reconciler/index.ts";
import { createNodeTransport } from "./upstream/node-transport.ts";

const env = process.env;
const port = Number(env.PORT ?? 4020);
const host = env.HOST ?? "127.0.0.1";
const logger = createConsoleLogger({ level: env.LOG_LEVEL === "debug" ? "debug" : "info" });

function fail(message: string): never {
  console.error(`dollr-kit proxy: ${message}`);
  process.exit(2);
}

const dollrNames = ["DOLLR_BASE_URL", "DOLLR_CLIENT_ID", "DOLLR_CLIENT_SECRET"] as const;
const given = dollrNames.filter((name) => (env[name] ?? "") !== "");
if (given.length > 0 && given.length < dollrNames.length) {
  fail(
    `with another Dollr, set ${dollrNames.join(", ")}; missing: ${dollrNames.filter((n) => !given.includes(n)).join(", ")}`,
  );
}
const remote =
  given.length === dollrNames.length
    ? {
        baseUrl: env.DOLLR_BASE_URL as string,
        clientId: env.DOLLR_CLIENT_ID as string,
        clientSecret: env.DOLLR_CLIENT_SECRET as string,
      }
    : null;
if (remote && !URL.canParse(remote.baseUrl)) fail("DOLLR_BASE_URL is not a URL");

const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}).catch(
  (error: unknown) => fail(`could not open the database: ${String(error)}`),
);
await migrate(db.client);
const stores = createPostgresStores(db.client);

/**
 * The proxy's own follow-up of every payment, with or without a browser left open, in this
 * process. Its log lines are kept to warnings: the one line per settled attempt below (reference
 * id and final status word, nothing about the customer) is what a developer reads.
 */
const reconciler = {
  onSettled(payment: SettledPayment): void {
    console.log(
      `settled ${payment.referenceId} ${payment.status ?? payment.outcome.toUpperCase()}`,
    );
  },
  pollEveryMs: 1_000,
  logger: createConsoleLogger({ level: "warn" }),
};

let proxy: DollrProxy;
let url: string;
let closeServer: () => Promise<void>;

if (remote) {
  const parties = createPartyMaker(remote);
  proxy = createDollrProxy<DollrCustomer>({
    dollr: remote,
    transport: createNodeTransport(),
    ...stores,
    reconciler,
    logger,
    // The same bearer words as with the in-process simulator.
    resolveCustomer: async (request) => {
      const auth = request.headers.get("authorization");
      const name =
        auth === null
          ? DEV_CUSTOMERS.demo
          : auth === `Bearer ${DEV_CUSTOMERS.second}`
            ? DEV_CUSTOMERS.second
            : null;
      return name === null ? null : { id: name, partyId: await parties(name) };
    },
    // A development proxy: any invoice or order of that Dollr may be paid.
    authorizeSource: () => true,
    stripePublishableKey: env.DOLLR_STRIPE_PUBLISHABLE_KEY || null,
    currencies: ["USD", "LRD", "RWF"],
  });
  // Slow-client limits (headers 10 s, whole request 15 s, 1,000 sockets): see README "Limits".
  const server = createLimitedServer(toNodeListener(proxy));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  closeServer = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
} else {
  const app = await startDevApp({ port, host, logger, proxy: { ...stores, reconciler } });
  proxy = app.proxy;
  url = app.url;
  closeServer = () => app.close();
}

console.log(
  remote
    ? `dollr-kit proxy on ${url}/api/dollr  (Dollr: ${new URL(remote.baseUrl).host})`
    : `dollr-kit proxy on ${url}/api/dollr  (simulator controls on ${url}/__simulator)`,
);
console.log(
  `  store: ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite in memory (set DATABASE_URL for PostgreSQL)"}; reconciler: on`,
);
if (!remote && db.kind === "postgres") {
  // The in-process simulator starts empty (its ids again from 1001): attempts kept from an
  // earlier run may hold those ids' sources.
  console.log(
    "  note: the in-process simulator starts empty at each run; to keep Dollr's side too, run `pnpm simulator --state <file>` and set DOLLR_BASE_URL",
  );
}
console.log(
  `  customers: "${DEV_CUSTOMERS.demo}" (no Authorization header), "${DEV_CUSTOMERS.second}" (Authorization: Bearer ${DEV_CUSTOMERS.second})`,
);
if (!remote) {
  console.log(
    `  try: curl -s -X POST ${url}/__simulator/sources -H 'content-type: application/json' -d '{"currency":"USD","items":[{"name":"Tea","amount":"12.50"}]}'`,
  );
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void closeServer()
    .then(() => proxy.close())
    .then(() => db.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/**
 * The dev customers' Dollr parties in another Dollr, made once per run with the merchant's
 * credentials (the in-process simulator's backend does the same for itself).
 */
function createPartyMaker(credentials: NonNullable<typeof remote>) {
  const base = credentials.baseUrl.replace(/\/+$/, "");
  const made = new Map<string, Promise<number>>();
  async function call(path: string, body: unknown, token?: string): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    // Never the body in an error: it may echo the credentials.
    if (!response.ok) throw new Error(`Dollr answered ${response.status} to ${path}`);
    return response.json();
  }
  async function make(name: string): Promise<number> {
    const { access_token } = (await call("/v1/jwt/client/obtain/token", {
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    })) as { access_token: string };
    const party = (await call(
      "/v1/parties/create",
      {
        fullname: name === DEV_CUSTOMERS.demo ? "Demo Customer" : "Second Demo Customer",
        phone: "231880000000",
      },
      access_token,
    )) as { id: number };
    return party.id;
  }
  return (name: string): Promise<number> => {
    let party = made.get(name);
    if (!party) {
      party = make(name).catch((error: unknown) => {
        made.delete(name);
        throw error;
      });
      made.set(name, party);
    }
    return party;
  };
}
