/**
 * The simulator of the realtime rows, in its own process (started by bench/realtime-servers.ts):
 * its Node server on 127.0.0.1 with the Supabase Realtime stand-in, every timer of it real (its
 * sockets' idle timeout, its wake-ups). Node loses the async context of a server's `upgrade`
 * event, so in the bench's process its websockets would land on the manual clock.
 *
 * Its clock stands still at `<startMs>` and moves only by `POST /__simulator/clock`: the bench
 * moves it with its manual clock, before each request reaches it.
 *
 *   tsx bench/realtime-simulator.ts <startMs>
 *
 * Prints one JSON line `{ "url": …, "anonKey": … }` when listening; stops on SIGTERM or when its
 * parent's stdin closes.
 */
import { startSimulatorServer } from "../packages/simulator/src/node.ts";

const startMs = Number(process.argv[2]);
if (!Number.isSafeInteger(startMs) || startMs <= 0) {
  console.error("usage: realtime-simulator.ts <startMs>");
  process.exit(2);
}
const sim = await startSimulatorServer({
  clock: { now: () => startMs },
  // The session must outlive the window (a wallet ending in 0 succeeds after processingMs).
  sessionTtlMs: 60 * 60_000,
});
console.log(JSON.stringify({ url: sim.url, anonKey: sim.realtime?.anonKey }));

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
