/**
 * The Dollr simulator a fixture pays against, started from the `dollr-simulator` bin its install
 * holds (the published package), and what the harness asks of it.
 */
import path from "node:path";
import { startServer } from "./processes.ts";

export interface Simulator {
  url: string;
  /** Party ids of the fixture's two customers. */
  parties: { shopper: number; second: number };
  /** A published invoice of the shopper's party. */
  createInvoice(amount: string): Promise<number>;
  /** Moves the simulator's clock: a mobile-money payment completes after its PROCESSING time. */
  advance(ms: number): Promise<void>;
  executions(): Promise<{ source_id: number; status: string; execute_calls: number }[]>;
  stop(): Promise<void>;
}

async function json(url: string, init?: RequestInit): Promise<unknown> {
  const answer = await fetch(url, init);
  if (!answer.ok)
    throw new Error(`${init?.method ?? "GET"} ${url}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export async function startSimulator(fixtureDir: string): Promise<Simulator> {
  const server = await startServer(
    path.join(fixtureDir, "node_modules/.bin/dollr-simulator"),
    ["--port", "0"],
    { cwd: fixtureDir, timeoutMs: 30_000, ready: /listening on (http:\/\/\S+)/ },
  );
  const url = server.ready[1] as string;
  try {
    const { access_token } = (await json(
      `${url}/v1/jwt/client/obtain/token`,
      post({ client_id: "sim_client_id", client_secret: "sim_client_secret" }),
    )) as { access_token: string };
    const party = async (fullname: string) =>
      (
        (await json(
          `${url}/v1/parties/create`,
          post({ fullname, phone: "231880000000" }, { authorization: `Bearer ${access_token}` }),
        )) as { id: number }
      ).id;
    const parties = { shopper: await party("Consumer Shopper"), second: await party("Second") };
    return {
      url,
      parties,
      async createInvoice(amount) {
        const source = (await json(
          `${url}/__simulator/sources`,
          post({
            currency: "USD",
            items: [{ name: "Nimba coffee", amount }],
            party_id: parties.shopper,
          }),
        )) as { source_id: number };
        return source.source_id;
      },
      async advance(ms) {
        await json(`${url}/__simulator/clock`, post({ advanceMs: ms }));
      },
      async executions() {
        const ledger = (await json(`${url}/__simulator/ledger`)) as {
          executions: { source_id: number; status: string; execute_calls: number }[];
        };
        return ledger.executions;
      },
      stop: server.stop,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
