/**
 * Writes a command's output all at once or not at all. Everything is rendered before this runs,
 * so bad input never gets here; what can still fail is the environment (a full disk, a read-only
 * mount, a path through a file, permissions), and then nothing is left behind:
 *
 * - a new `--out` directory is staged beside its target, in a hidden sibling on the same
 *   filesystem, and renamed into place in one step;
 * - into an existing directory (which may hold the user's other files) the files are staged in a
 *   hidden directory inside it, then each is renamed into place with the file it replaces kept
 *   aside, and on any failure the replaced files come back and the new ones go;
 * - a single `--out <file>` (diff) is a temp file beside it, renamed over it.
 *
 * Every failure is one InputError naming the path as the user gave it, the file that could not be
 * written, the errno, and what state the output is in.
 */
import { mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { lstatSync, mkdirSync, renameSync, statSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "@xsysgen/core";

function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== "string") return String(error instanceof Error ? error.message : error);
  const text = /^E[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1];
  return text === undefined ? e.code : `${text} (${e.code})`;
}

class StepError extends Error {
  constructor(
    readonly step: string,
    failure: unknown,
  ) {
    super(`${step}: ${errnoText(failure)}`);
  }
}

async function step<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof StepError ? error : new StepError(what, error);
  }
}

/** stat, with ENOENT as undefined; any other failure (ENOTDIR, EACCES, ELOOP) is an error. */
function statIfExists(path: string, how: (p: string) => Stats = statSync): Stats | undefined {
  try {
    return how(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * 8 hex digits that keep two runs of one pid apart (a name taken is an error, never overwritten:
 * mkdir and the `wx` flag). Not node:crypto, whose loading costs a short command ~10 ms.
 */
function randomHex(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, "0");
}

function hiddenSibling(path: string, tag: string): string {
  return join(dirname(path), `.${basename(path)}.xsysgen-${tag}-${process.pid}-${randomHex()}`);
}

/**
 * Synchronous writes: nothing else runs meanwhile, and gen's ~20 files as promises were ~60
 * thread-pool round trips, each a wake-up that waits for a core on a loaded machine.
 */
async function fill(stage: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [relative, content] of files) {
    const path = join(stage, relative);
    await step(`cannot write ${relative}`, async () => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content, { flag: "wx" });
    });
  }
}

/** Writes `files` (relative path → content) under `outDir`; returns the relative paths written. */
export async function writeOutputFiles(
  outDir: string,
  files: ReadonlyMap<string, string>,
  flag = "--out",
): Promise<string[]> {
  const fail = (reason: string): InputError => new InputError(outDir, `${flag}: ${reason}`);
  let existing: Stats | undefined;
  try {
    existing = statIfExists(outDir);
  } catch (error) {
    throw fail(`cannot use this path: ${errnoText(error)}; nothing was written`);
  }
  if (existing !== undefined && !existing.isDirectory())
    throw new InputError(outDir, `${flag} exists and is not a directory`);
  if (existing === undefined) {
    await writeNewDirectory(outDir, files).catch((error: unknown) => {
      throw error instanceof StepError ? fail(`${error.message}; nothing was written`) : error;
    });
  } else {
    await replaceInDirectory(outDir, files, fail);
  }
  return [...files.keys()];
}

/**
 * Synchronous too, like fill(): a new output directory is a handful of syscalls, and each as a
 * promise was a thread-pool round trip.
 */
async function writeNewDirectory(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  // mkdir -p of the parent: the first directory it creates is removed again on failure.
  const createdParent = await step(`cannot create ${dirname(outDir)}`, () =>
    mkdirSync(dirname(outDir), { recursive: true }),
  );
  const stage = hiddenSibling(outDir, "stage");
  try {
    await step("cannot create a staging directory beside it", () => mkdirSync(stage));
    await fill(stage, files);
    await step("cannot rename the staged output into place", () => renameSync(stage, outDir));
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    throw error;
  }
}

interface Placed {
  readonly target: string;
  readonly backup: string | undefined;
  placed: boolean;
}

async function replaceInDirectory(
  outDir: string,
  files: ReadonlyMap<string, string>,
  fail: (reason: string) => InputError,
): Promise<void> {
  const stage = join(outDir, `.xsysgen-stage-${process.pid}-${randomHex()}`);
  const done: Placed[] = [];
  const createdDirs: string[] = [];
  try {
    await step("cannot create a staging directory in it", () => mkdir(stage));
    await fill(join(stage, "new"), files);
    for (const relative of files.keys()) {
      const target = join(outDir, relative);
      const created = await step(`cannot create the directory for ${relative}`, () =>
        mkdir(dirname(target), { recursive: true }),
      );
      if (created !== undefined) createdDirs.push(created);
      const old = await step(`cannot write ${relative}`, () => statIfExists(target, lstatSync));
      if (old?.isDirectory() === true)
        throw new StepError(`cannot write ${relative}`, new Error("a directory is in the way"));
      const entry: Placed = {
        target,
        backup: old === undefined ? undefined : join(stage, "old", relative),
        placed: false,
      };
      if (entry.backup !== undefined) {
        const backup = entry.backup;
        await step(`cannot replace ${relative}`, async () => {
          await mkdir(dirname(backup), { recursive: true });
          await rename(target, backup);
        });
      }
      done.push(entry);
      await step(`cannot write ${relative}`, () => rename(join(stage, "new", relative), target));
      entry.placed = true;
    }
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    const left = await rollBack(done, createdDirs);
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    const outcome =
      left.length === 0 ? "nothing was changed" : `could not restore ${left.join(", ")} (kept in ${stage})`;
    throw fail(`${error.message}; ${outcome}`);
  }
  await rm(stage, { recursive: true, force: true });
}

/** Undoes the renames so far, newest first; returns the targets it could not restore. */
async function rollBack(done: readonly Placed[], createdDirs: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const entry of [...done].reverse()) {
    try {
      if (entry.placed) await rm(entry.target, { force: true });
      if (entry.backup !== undefined) await rename(entry.backup, entry.target);
    } catch {
      left.push(entry.target);
    }
  }
  for (const dir of [...createdDirs].reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  return left;
}

/** Writes one file (diff --out) through a temp file beside it, renamed over it. */
export async function writeOutputFile(path: string, content: string, flag = "--out"): Promise<void> {
  const fail = (reason: string): InputError => new InputError(path, `${flag}: ${reason}; nothing was written`);
  let existing: Stats | undefined;
  try {
    existing = statIfExists(path);
  } catch (error) {
    throw fail(`cannot use this path: ${errnoText(error)}`);
  }
  if (existing !== undefined && !existing.isFile())
    throw new InputError(path, `${flag} exists and is not a regular file`);
  // Through a symlink, the file it points at is replaced, not the link.
  const target = existing === undefined ? path : await realpath(path);
  let createdParent: string | undefined;
  const temp = hiddenSibling(target, "tmp");
  try {
    createdParent = await step(`cannot create ${dirname(target)}`, () => mkdir(dirname(target), { recursive: true }));
    await step("cannot write a temp file beside it", () => writeFile(temp, content, { flag: "wx" }));
    await step("cannot rename the temp file into place", () => rename(temp, target));
  } catch (error) {
    await rm(temp, { force: true });
    if (createdParent !== undefined) await rm(createdParent, { recursive: true, force: true });
    throw error instanceof StepError ? fail(error.message) : error;
  }
}
