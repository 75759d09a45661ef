/**
 * Simulator mode: Dollr is the in-process simulator (kept in the data folder across restarts),
 * with its `/__simulator/*` controls and the developer panel's `/__demo/*` extras. It also plays
 * what Dollr serves to browsers: the hosted pay page and receipts, and Supabase Realtime.
 */
import type { Server } from "node:http";
import type { DollrFetch } from "@dollr-kit/server";
import { DEV_CREDENTIALS, DEV_STRIPE_PUBLISHABLE_KEY } from "@dollr-kit/server/dev";
import { type AttachedRealtime, attachRealtime } from "@dollr-kit/simulator/node";
import { simulatorFetch } from "./browser-faults.ts";
import type { DemoData } from "./data.ts";
import type { OrderMaker } from "./shop.ts";
import { openSimulatorWorld, type SimulatorWorld } from "./world.ts";

const PARTY_KEY = "sim_party_id";

/** The simulator's Realtime stand-in on the demo's own server. */
export type SimulatorRealtime = AttachedRealtime;

/** Dollr's pages for browsers: `/pay/{token}` (the hosted checkout) and `/receipt/{token}`. */
export function isHostedPagePath(path: string): boolean {
  return /^\/(?:pay|receipt)(?:\/|$)/.test(path);
}

/**
 * Supabase Realtime as Dollr's project would serve it, on the demo's own server: the page's
 * supabase-js connects to the demo's origin, and the upgrade reaches the in-process simulator.
 */
export function attachSimulatorRealtime(server: Server, sim: SimulatorMode): SimulatorRealtime {
  return attachRealtime(server, sim.world.simulator);
}

export interface SimulatorMode {
  world: SimulatorWorld;
  /** How the proxy reaches the simulator (in process). */
  fetch: DollrFetch;
  dollr: { baseUrl: string; clientId: string; clientSecret: string };
  stripePublishableKey: string;
  /** The shoppers' Dollr party (one for the demo), made once per world. */
  partyId(): Promise<number>;
  maker: OrderMaker;
  /** Empties everything: a new simulator world and empty tables. */
  reset(): Promise<void>;
}

export async function openSimulatorMode(
  data: DemoData,
  options: { fresh: boolean },
): Promise<SimulatorMode> {
  const world = await openSimulatorWorld(data, options);
  const { simulator } = world;
  let party: Promise<number> | null = null;

  async function makeParty(): Promise<number> {
    const known = await data.getMeta(PARTY_KEY);
    if (known !== null) return Number(known);
    const response = await simulator(
      new Request("http://simulator.local/v1/parties/create", {
        method: "POST",
        headers: {
          authorization: `Bearer ${simulator.control.issueToken()}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ fullname: "Kola Market shopper", phone: "231880000000" }),
      }),
    );
    const id = ((await response.json()) as { id?: unknown }).id;
    if (typeof id !== "number") throw new Error("the simulator did not create the demo party");
    await data.setMeta(PARTY_KEY, String(id));
    return id;
  }

  const partyId = () => {
    party ??= makeParty().catch((error: unknown) => {
      party = null;
      throw error;
    });
    return party;
  };
  // Made now, while no fault is armed (a world starts with none), not at the first order.
  await partyId();

  return {
    world,
    fetch: simulatorFetch(simulator),
    dollr: { baseUrl: "http://simulator.local", ...DEV_CREDENTIALS },
    stripePublishableKey: DEV_STRIPE_PUBLISHABLE_KEY,
    partyId,
    maker: {
      async createOrder({ currency, note, items }) {
        const source = simulator.control.createSource({
          source_type: "ORDER",
          currency,
          note,
          fee_bearer: "PAYER",
          items,
          party_id: await partyId(),
        });
        return {
          source_id: source.source_id,
          source_number: source.source_number,
          total_amount: source.total_amount,
          currency: source.currency,
        };
      },
    },
    async reset() {
      party = null;
      await world.reset();
      await partyId();
    },
  };
}
