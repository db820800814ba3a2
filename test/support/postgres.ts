// A real PostgreSQL server for the tests: a throwaway cluster (initdb, then pg_ctl start on a
// free loopback port, data and socket in a temp dir, stopped and deleted at the end), or the
// server named by INTERCOM_OAUTH_TEST_PG_URL. A missing PostgreSQL fails loudly: it never skips.
//
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user
// (runuser). The binaries are looked up in /usr/lib/postgresql/<version>/bin (Debian), then PATH.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set it to a connection string to test against your own server instead of a throwaway cluster. */
export const PG_URL_ENV = "INTERCOM_OAUTH_TEST_PG_URL";

/** A running server: its connection string, and how to stop it. */
export interface TestPostgres {
  readonly url: string;
  /** A connection string for a database that does not exist on the same server. */
  readonly missingDatabaseUrl: string;
  stop(): void;
}

function binDir(): string {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(debian, versions[0], "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, "initdb"))) return dir;
  }
  throw new Error(
    "PostgreSQL is not installed: no initdb in /usr/lib/postgresql/*/bin or on PATH. " +
      `Install it (Debian: apt-get install -y postgresql), or set ${PG_URL_ENV} to a server's connection string.`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway cluster, or uses the server of INTERCOM_OAUTH_TEST_PG_URL. */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env[PG_URL_ENV];
  if (external !== undefined && external !== "") {
    const missing = new URL(external);
    missing.pathname = "/intercom_oauth_missing_database";
    return { url: external, missingDatabaseUrl: missing.toString(), stop: () => {} };
  }
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "intercom-oauth-pg-"));
  const data = join(dir, "data");
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]]
      : [join(bin, tool), args];
    execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
  };
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"]).toString()),
      Number(execFileSync("id", ["-g", "postgres"]).toString()),
    );
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    run("pg_ctl", ["-D", data, "-o", settings, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL cluster with ${bin}.\n${log}`, { cause: error });
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    missingDatabaseUrl: `postgres://postgres@127.0.0.1:${port}/intercom_oauth_missing_database`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
