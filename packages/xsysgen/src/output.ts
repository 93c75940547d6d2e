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
 * gen owns its `--out`: the list of files it wrote (`.xsysgen-files`, relative paths, no absolute
 * path) is written with them, and the next run into the same directory removes the files of that
 * list it no longer writes (`gen --kernel 3.10` then `gen --kernel 6.1 --arch amd64` leaves one
 * arch's files, not fifteen), in the same all-or-nothing step; files it never wrote are never
 * touched. Every path written or removed must resolve inside `--out`: a symlink in it leading
 * elsewhere (`out/include -> /elsewhere`) is refused before anything is written.
 *
 * Every failure is one InputError naming the path as the user gave it, the file that could not be
 * written, the errno, and what state the output is in.
 *
 * Synchronous throughout: nothing else runs meanwhile, each call as a promise was a thread-pool
 * round trip (gen's ~20 files: ~60 wake-ups, each waiting for a core on a loaded machine), and
 * node:fs/promises alone costs a short command ~1–2 ms to load.
 */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
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

/** The list of files gen wrote, inside its `--out` (see the module comment). */
const outputRecordName = ".xsysgen-files";

const recordHeader =
  "# The files `xsysgen gen` wrote here. A later gen into this directory removes those it no longer writes.\n";

/** What {@link writeOutputFiles} did: the relative paths written, and those of an earlier run removed. */
export interface OutputResult {
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

/** The record's paths: one relative, '/'-separated path per line; anything else is not ours to remove. */
function recordedPaths(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .filter(
      (line) => !isAbsolute(line) && !line.split("/").some((part) => part === ".." || part === "." || part === ""),
    );
}

/**
 * Refuses a path under `outDir` that would resolve outside it: each existing directory on the way is
 * checked through symlinks (a symlinked file itself is replaced by rename, never followed).
 */
function checkInside(outDir: string, realOut: string, relativePath: string, flag: string): void {
  const parts = relativePath.split("/");
  let path = outDir;
  for (const part of parts.slice(0, -1)) {
    path = join(path, part);
    const stats = statIfExists(path, lstatSync);
    if (stats === undefined) return;
    if (!stats.isSymbolicLink()) continue;
    const real = realpathSync(path);
    const rel = relative(realOut, real);
    if (rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel))
      throw new InputError(
        join(outDir, relativePath),
        `${flag}: ${join(outDir, relative(outDir, path))} is a symlink leading out of ${outDir} (to ${real}); ` +
          "nothing was written",
      );
  }
}

/**
 * Writes `files` (relative '/'-separated path → content) under `outDir`, with the record of what it
 * wrote, removing the files an earlier run recorded and this one does not write.
 */
export function writeOutputFiles(outDir: string, files: ReadonlyMap<string, string>, flag = "--out"): OutputResult {
  const fail = (reason: string): InputError => new InputError(outDir, `${flag}: ${reason}`);
  let existing: Stats | undefined;
  try {
    existing = statIfExists(outDir);
  } catch (error) {
    throw fail(`cannot use this path: ${renderErrno(error)}; nothing was written`);
  }
  if (existing !== undefined && !existing.isDirectory())
    throw new InputError(outDir, `${flag} exists and is not a directory`);
  const record = `${recordHeader}${[...files.keys()].sort().join("\n")}\n`;
  const all = new Map([...files, [outputRecordName, record]]);
  if (existing === undefined) {
    try {
      writeNewDirectory(outDir, all);
    } catch (error) {
      throw error instanceof StepError ? fail(`${error.message}; nothing was written`) : error;
    }
    return { written: [...files.keys()], removed: [] };
  }
  const realOut = step("cannot resolve it", () => realpathSync(outDir));
  const before = statIfExists(join(outDir, outputRecordName), lstatSync);
  const recorded = before?.isFile() === true ? recordedPaths(readFileSync(join(outDir, outputRecordName), "utf8")) : [];
  const stale = recorded.filter(
    (p) => !all.has(p) && statIfExists(join(outDir, p), lstatSync)?.isDirectory() === false,
  );
  for (const path of [...all.keys(), ...stale]) checkInside(outDir, realOut, path, flag);
  replaceInDirectory(outDir, all, stale, fail);
  return { written: [...files.keys()], removed: stale };
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
  stale: readonly string[],
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
    // An earlier run's file this run does not write goes aside with the replaced ones (back on failure).
    for (const relative of stale) {
      const target = join(outDir, relative);
      const backup = join(stage, "old", relative);
      done.push({ target, backup, placed: false });
      step(`cannot remove ${relative}`, () => {
        mkdirSync(dirname(backup), { recursive: true });
        renameSync(target, backup);
      });
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
  for (const relative of stale) removeEmptyParents(outDir, dirname(join(outDir, relative)));
}

/** Removes `dir` and its parents below `outDir` while they are empty (what removed files leave). */
function removeEmptyParents(outDir: string, dir: string): void {
  for (let d = dir; d !== outDir && d.startsWith(outDir + sep); d = dirname(d)) {
    try {
      if (readdirSync(d).length > 0) return;
      rmdirSync(d);
    } catch {
      return; // Gone already, or not ours to judge: the files are what the record promised.
    }
  }
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
