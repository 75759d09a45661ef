/** The `dollr-kit-migrate` command, on a PGlite folder and on PostgreSQL by `DATABASE_URL`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMigrateCommand } from "./migrate-command.ts";
import { MIGRATIONS } from "./migrations.ts";
import { createTestDatabase } from "./test-database.ts";

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMigrateCommand(argv, {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("dollr-kit-migrate", () => {
  it("prints its usage", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    expect(await run(["--", "--help"])).toMatchObject({ code: 0, out });
    expect(out).toMatch(/DATABASE_URL=.* dollr-kit-migrate/);
    expect(out).toMatch(/--pglite <dir>/);
  });

  it("refuses bad usage with exit code 2", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--nope"])).code).toBe(2);
    const both = await run(["--pglite", "x"], { DATABASE_URL: "postgres://a@b/c" });
    expect(both).toMatchObject({ code: 2, err: expect.stringMatching(/not both/) });
  });

  it("migrates a PGlite folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dollr-migrate-"));
    try {
      const result = await run(["--pglite", join(folder, "data", "db")]);
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(result.out).toMatch(/^applied 1: /m);
      expect(result.out).toMatch(
        new RegExp(`^PGlite in .*: schema dollr_kit now at version ${MIGRATIONS.length}$`, "m"),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("migrates PostgreSQL from DATABASE_URL without printing the URL", async () => {
    const database = await createTestDatabase();
    try {
      const result = await run([], { DATABASE_URL: database.url });
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(result.out).toContain(
        `PostgreSQL (DATABASE_URL): schema dollr_kit now at version ${MIGRATIONS.length}`,
      );
      expect(result.out).not.toContain(database.url);
      const again = await run([], { DATABASE_URL: database.url });
      expect(again.out).toBe(
        `PostgreSQL (DATABASE_URL): schema dollr_kit already up to date at version ${MIGRATIONS.length}`,
      );
    } finally {
      await database.drop();
    }
  });

  it("exits 1 when the database cannot be reached", async () => {
    const result = await run([], { DATABASE_URL: "postgres://nobody:secret-pw@127.0.0.1:1/none" });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Migrating PostgreSQL \(DATABASE_URL\) failed: /);
    expect(result.err).not.toContain("secret-pw");
  });
});
