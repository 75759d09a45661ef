/**
 * Tests only: the config module `cli.test.ts` hands to the `dollr-reconcile` command it runs as
 * a child process. PostgreSQL and the simulator's URL come from the environment.
 */
import { createPostgresAttemptStore } from "../stores/postgres/attempt-store.ts";
import { openDatabase } from "../stores/postgres/open-database.ts";
import type { ReconcileConfig } from "./command.ts";

export default async function config(): Promise<ReconcileConfig> {
  const db = await openDatabase({ url: process.env.RECONCILE_TEST_DATABASE_URL as string });
  return {
    dollr: {
      baseUrl: process.env.RECONCILE_TEST_DOLLR_URL as string,
      clientId: "sim_client_id",
      clientSecret: "sim_client_secret",
    },
    attempts: createPostgresAttemptStore(db.client),
    onSettled: (payment) => {
      console.log(`heard ${payment.referenceId} ${payment.outcome}`);
    },
    close: () => db.close(),
  };
}
