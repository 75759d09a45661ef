/**
 * The demo's "world": which Dollr its ids belong to. The database remembers it; when the world
 * changes (first start, another Dollr, a simulator whose state was lost, or `DEMO_FRESH_START`)
 * the shop's and the kit's tables are emptied, since their ids would point at nothing (or, worse,
 * at someone else's order with the same number).
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  createSimulator,
  type SimulatorHandler,
  type SimulatorSnapshot,
} from "@dollr-kit/simulator";
import {
  readSnapshotFile,
  type SnapshotSaver,
  saveSnapshotOnChange,
} from "@dollr-kit/simulator/node";
import type { DemoData } from "./data.ts";

const WORLD_KEY = "world";

/** Makes the stored world `expected`, emptying the tables when it was another. */
export async function enterWorld(
  data: DemoData,
  expected: string,
  why: { fresh: boolean },
): Promise<void> {
  await enterWorldFrom(data, await data.getMeta(WORLD_KEY), expected, why);
}

/** `enterWorld`, with the stored world already read. */
async function enterWorldFrom(
  data: DemoData,
  stored: string | null,
  expected: string,
  why: { fresh: boolean },
): Promise<void> {
  if (stored === expected && !why.fresh) return;
  if (stored !== null) {
    console.info(
      why.fresh
        ? "[demo] DEMO_FRESH_START: starting with no orders, payments or saved payment methods"
        : "[demo] the data belongs to another Dollr (or to a simulator whose state is gone): starting with no orders, payments or saved payment methods",
    );
  }
  await newWorld(data, expected);
}

async function newWorld(data: DemoData, world: string): Promise<void> {
  await data.wipe();
  await data.setMeta(WORLD_KEY, world);
}

/** What the simulator's file holds: its snapshot and the world it belongs to. */
interface SimulatorFile {
  instance: string;
  simulator: SimulatorSnapshot;
}

export interface SimulatorWorld {
  simulator: SimulatorHandler;
  /** `sim-<uuid>`: changes on every reset, not on a restart. */
  instance(): string;
  /** A new world: an empty simulator and empty tables. */
  reset(): Promise<void>;
  /** Saves the simulator's state now and stops saving. */
  close(): void;
}

/**
 * The in-process simulator, started from its file in the data folder when that file belongs to
 * the database's world, and saved there shortly after every change (and on close).
 */
export async function openSimulatorWorld(
  data: DemoData,
  options: { fresh: boolean },
): Promise<SimulatorWorld> {
  const file = path.join(data.dir, "simulator.json");
  let saved: SimulatorFile | null = null;
  try {
    saved = readSnapshotFile(file) as unknown as SimulatorFile | null;
  } catch (error) {
    console.warn(`[demo] ignoring a damaged simulator state file: ${String(error)}`);
  }
  const stored = await data.getMeta(WORLD_KEY);
  let simulator: SimulatorHandler | null = null;
  let instance = "";
  if (saved && saved.instance === stored && !options.fresh) {
    try {
      simulator = createSimulator({ state: saved.simulator });
      instance = saved.instance;
    } catch (error) {
      console.warn(`[demo] the simulator state could not be loaded: ${String(error)}`);
    }
  }
  // Loaded: the file already holds this state and world, so there is nothing to write yet.
  const loaded = simulator !== null;
  if (simulator === null) {
    instance = `sim-${randomUUID()}`;
    simulator = createSimulator();
  }
  // The world was read above: no second read of it.
  await enterWorldFrom(data, stored, instance, options);

  const saver: SnapshotSaver = saveSnapshotOnChange(simulator, file, {
    wrap: (snapshot): SimulatorFile => ({ instance, simulator: snapshot }),
    onError: (error) =>
      console.error(`[demo] could not save the simulator state: ${String(error)}`),
  });
  if (!loaded) saver.flush();
  const sim = simulator;
  return {
    simulator: sim,
    instance: () => instance,
    async reset() {
      instance = `sim-${randomUUID()}`;
      sim.control.reset();
      await newWorld(data, instance);
      saver.flush();
    },
    close: () => saver.close(),
  };
}
