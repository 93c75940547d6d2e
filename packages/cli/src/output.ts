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
 *
 * Synchronous throughout: nothing else runs meanwhile, each call as a promise was a thread-pool
 * round trip (gen's ~20 files: ~60 wake-ups, each waiting for a core on a loaded machine), and
 * node:fs/promises alone costs a short command ~1–2 ms to load.
 */
import { lstatSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, renderErrno } from "@xsysgen/core";

class StepError extends Error {
  constructor(
    readonly step: string,
    failure: unknown,
  ) {
    super(`${step}: ${renderErrno(failure)}`);
  }
}

function step<T>(what: string, run: () => T): T {
  try {
    return run();
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

function fill(stage: string, files: ReadonlyMap<string, string>): void {
  // Each directory made once: `mkdir -p` of an existing one is still two syscalls per file.
  const made = new Set<string>();
  for (const [relative, content] of files) {
    const path = join(stage, relative);
    step(`cannot write ${relative}`, () => {
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(path, content, { flag: "wx" });
    });
  }
}

/** Writes `files` (relative path → content) under `outDir`; returns the relative paths written. */
export function writeOutputFiles(outDir: string, files: ReadonlyMap<string, string>, flag = "--out"): string[] {
  const fail = (reason: string): InputError => new InputError(outDir, `${flag}: ${reason}`);
  let existing: Stats | undefined;
  try {
    existing = statIfExists(outDir);
  } catch (error) {
    throw fail(`cannot use this path: ${renderErrno(error)}; nothing was written`);
  }
  if (existing !== undefined && !existing.isDirectory())
    throw new InputError(outDir, `${flag} exists and is not a directory`);
  if (existing === undefined) {
    try {
      writeNewDirectory(outDir, files);
    } catch (error) {
      throw error instanceof StepError ? fail(`${error.message}; nothing was written`) : error;
    }
  } else {
    replaceInDirectory(outDir, files, fail);
  }
  return [...files.keys()];
}

function writeNewDirectory(outDir: string, files: ReadonlyMap<string, string>): void {
  // mkdir -p of the parent: the first directory it creates is removed again on failure.
  const createdParent = step(`cannot create ${dirname(outDir)}`, () => mkdirSync(dirname(outDir), { recursive: true }));
  const stage = hiddenSibling(outDir, "stage");
  try {
    step("cannot create a staging directory beside it", () => mkdirSync(stage));
    fill(stage, files);
    step("cannot rename the staged output into place", () => renameSync(stage, outDir));
  } catch (error) {
    tryRm(stage);
    if (createdParent !== undefined) tryRm(createdParent);
    throw error;
  }
}

interface Placed {
  readonly target: string;
  readonly backup: string | undefined;
  placed: boolean;
}

function replaceInDirectory(
  outDir: string,
  files: ReadonlyMap<string, string>,
  fail: (reason: string) => InputError,
): void {
  const stage = join(outDir, `.xsysgen-stage-${process.pid}-${randomHex()}`);
  const done: Placed[] = [];
  const createdDirs: string[] = [];
  try {
    step("cannot create a staging directory in it", () => mkdirSync(stage));
    fill(join(stage, "new"), files);
    const ready = new Set<string>();
    for (const relative of files.keys()) {
      const target = join(outDir, relative);
      if (!ready.has(dirname(target))) {
        const created = step(`cannot create the directory for ${relative}`, () =>
          mkdirSync(dirname(target), { recursive: true }),
        );
        if (created !== undefined) createdDirs.push(created);
        ready.add(dirname(target));
      }
      const old = step(`cannot write ${relative}`, () => statIfExists(target, lstatSync));
      if (old?.isDirectory() === true)
        throw new StepError(`cannot write ${relative}`, new Error("a directory is in the way"));
      const entry: Placed = {
        target,
        backup: old === undefined ? undefined : join(stage, "old", relative),
        placed: false,
      };
      if (entry.backup !== undefined) {
        const backup = entry.backup;
        step(`cannot replace ${relative}`, () => {
          mkdirSync(dirname(backup), { recursive: true });
          renameSync(target, backup);
        });
      }
      done.push(entry);
      step(`cannot write ${relative}`, () => renameSync(join(stage, "new", relative), target));
      entry.placed = true;
    }
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    const left = rollBack(done, createdDirs);
    tryRm(stage);
    const outcome =
      left.length === 0 ? "nothing was changed" : `could not restore ${left.join(", ")} (kept in ${stage})`;
    throw fail(`${error.message}; ${outcome}`);
  }
  rmSync(stage, { recursive: true, force: true });
}

/** rm -rf that never throws: cleanup after a failure must not hide the failure. */
function tryRm(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // The failure being reported matters more; what is left is named in it (rollBack's `left`).
  }
}

/** Undoes the renames so far, newest first; returns the targets it could not restore. */
function rollBack(done: readonly Placed[], createdDirs: readonly string[]): string[] {
  const left: string[] = [];
  for (const entry of [...done].reverse()) {
    try {
      if (entry.placed) rmSync(entry.target, { force: true });
      if (entry.backup !== undefined) renameSync(entry.backup, entry.target);
    } catch {
      left.push(entry.target);
    }
  }
  for (const dir of [...createdDirs].reverse()) tryRm(dir);
  return left;
}

/** Writes one file (diff --out) through a temp file beside it, renamed over it. */
export function writeOutputFile(path: string, content: string, flag = "--out"): void {
  const fail = (reason: string): InputError => new InputError(path, `${flag}: ${reason}; nothing was written`);
  let existing: Stats | undefined;
  try {
    existing = statIfExists(path);
  } catch (error) {
    throw fail(`cannot use this path: ${renderErrno(error)}`);
  }
  if (existing !== undefined && !existing.isFile())
    throw new InputError(path, `${flag} exists and is not a regular file`);
  // Through a symlink, the file it points at is replaced, not the link.
  const target = existing === undefined ? path : realpathSync(path);
  let createdParent: string | undefined;
  const temp = hiddenSibling(target, "tmp");
  try {
    createdParent = step(`cannot create ${dirname(target)}`, () => mkdirSync(dirname(target), { recursive: true }));
    step("cannot write a temp file beside it", () => writeFileSync(temp, content, { flag: "wx" }));
    step("cannot rename the temp file into place", () => renameSync(temp, target));
  } catch (error) {
    tryRm(temp);
    if (createdParent !== undefined) tryRm(createdParent);
    throw error instanceof StepError ? fail(error.message) : error;
  }
}
