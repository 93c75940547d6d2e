/**
 * The module lock: `<module>/.xsysgen-lock`, created with O_CREAT|O_EXCL (atomic on local
 * filesystems and NFSv3+), holding the owner's pid and host. apply and revert take it before they
 * read anything they will rewrite and drop it when done, so two runs on one module serialize: the
 * second waits, then sees the first one's result (a re-apply of the same inputs is a no-op). A lock
 * whose owner died on this host (kill -9: the journal then says what to finish), or that has stayed
 * unreadable for 10 s, is taken over; one held longer than the caller's wait (`lockWaitSeconds`,
 * default 600; the CLI's XSYSGEN_LOCK_WAIT) ends the wait with a one-line error.
 */
import { promises as fs } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ModuleError, UsageError, renderErrno } from "@xsysgen/core";

export const LOCK_NAME = ".xsysgen-lock";
/** How long apply and revert wait for another run's lock by default, in seconds. */
const defaultLockWaitSeconds = 600;

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await fs.readFile(path, "utf8")) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.host === "string"
      ? { pid: o.pid, host: o.host, command: String(o.command ?? "?") }
      : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `body` holding the module lock, waiting up to `waitSeconds` for another run to drop it. */
export async function withModuleLock<T>(
  moduleDir: string,
  command: string,
  waitSeconds: number | undefined,
  body: () => Promise<T>,
): Promise<T> {
  const wait = waitSeconds ?? defaultLockWaitSeconds;
  if (!Number.isFinite(wait) || wait < 0)
    throw new UsageError(`lockWaitSeconds: expected a number of seconds, 0 or more, got ${wait}`);
  const waitMs = wait * 1000;
  const path = join(moduleDir, LOCK_NAME);
  const me: Owner = { pid: process.pid, host: hostname(), command };
  const started = Date.now();
  for (;;) {
    try {
      const fh = await fs.open(path, "wx", 0o644);
      try {
        await fh.writeFile(`${JSON.stringify(me)}\n`);
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new ModuleError(`${path}: cannot create the module lock: ${renderErrno(e)}`);
      }
    }
    const owner = await readOwner(path);
    // Left by a dead process on this host; or unreadable for longer than its owner needs between
    // creating and writing it (a crash in between leaves it empty).
    const age = Date.now() - ((await fs.stat(path).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((owner !== undefined && owner.host === me.host && !alive(owner.pid)) || (owner === undefined && age > 10_000)) {
      await fs.rm(path, { force: true });
      continue;
    }
    if (Date.now() - started > waitMs) {
      const who =
        owner === undefined ? "another xsysgen run" : `xsysgen ${owner.command} (pid ${owner.pid} on ${owner.host})`;
      throw new ModuleError(
        `${path}: ${who} still holds the module lock after ${waitMs / 1000}s; ` +
          "retry when it has finished, or delete the lock if no xsysgen runs",
      );
    }
    await sleep(100);
  }
  try {
    return await body();
  } finally {
    await fs.rm(path, { force: true });
  }
}
