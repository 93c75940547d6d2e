/**
 * The writer's transactions. A journal (`<module>/.xsysgen-journal.json`) is written before
 * anything else; new contents are staged under `<module>/.xsysgen-txn/`; the journal is then
 * rewritten in state "commit" and the operations run, each one idempotent (a file whose hash
 * already matches is skipped, a staged directory already moved is done). A run killed at any point
 * leaves either the journal in "prepare" (nothing in the module touched: the next run discards
 * the stage) or in "commit" (the next run replays the operations to the end). Both journal and
 * stage sit in the module so every rename stays on one filesystem.
 */
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { assertInside } from "./inside.ts";
import {
  exists,
  fileMode,
  listFiles,
  missingParents,
  readIfExists,
  removeStrayTemps,
  removeEmptyDir,
  removeFile,
  removeTree,
  renamePath,
  sha256,
  writeAtomic,
} from "./io.ts";

/** File name of the journal an interrupted apply or revert leaves at the module root. */
export const JOURNAL_NAME = ".xsysgen-journal.json";
/** Directory at the module root where apply and revert stage files before committing them. */
export const STAGE_NAME = ".xsysgen-txn";

/** A planned change, with its content still in memory. Paths are module-relative, '/'-separated. */
export type PlannedOp =
  | { readonly op: "write"; readonly path: string; readonly data: Buffer; readonly mode: number }
  | { readonly op: "delete"; readonly path: string }
  /** Replace the directory `path` (absent or not) by a tree of files. */
  | { readonly op: "tree"; readonly path: string; readonly files: ReadonlyMap<string, Buffer> }
  | { readonly op: "removeTree"; readonly path: string }
  /** Remove these directories, innermost first, when empty. */
  | { readonly op: "rmdirs"; readonly paths: readonly string[] };

type JournalOp =
  | { op: "write"; path: string; staged: string; sha256: string; mode: number }
  | { op: "delete"; path: string }
  | { op: "tree"; path: string; staged: string; trash: string }
  | { op: "removeTree"; path: string; trash: string }
  | { op: "rmdirs"; paths: string[] };

interface Journal {
  kind: string;
  state: "prepare" | "commit";
  ops: JournalOp[];
}

/** The module-relative paths an operation writes, renames or deletes. */
export function opPaths(op: PlannedOp | JournalOp): string[] {
  switch (op.op) {
    case "write":
      return "staged" in op ? [op.path, op.staged] : [op.path];
    case "delete":
      return [op.path];
    case "tree":
      return "staged" in op ? [op.path, op.staged, op.trash] : [op.path];
    case "removeTree":
      return "trash" in op ? [op.path, op.trash] : [op.path];
    case "rmdirs":
      return [...op.paths];
  }
}

/** Every path a journal read from disk names, or undefined when its shape is not one this module writes. */
function journalPaths(journal: Journal): string[] | undefined {
  try {
    const paths: unknown[] = journal.ops.flatMap((op) => (opPaths(op) as unknown[] | undefined) ?? [undefined]);
    return paths.every((p): p is string => typeof p === "string") ? paths : undefined;
  } catch {
    return undefined;
  }
}

async function writeJournal(moduleDir: string, journal: Journal): Promise<void> {
  await writeAtomic(join(moduleDir, JOURNAL_NAME), `${JSON.stringify(journal, null, 2)}\n`);
}

async function perform(moduleDir: string, op: JournalOp): Promise<void> {
  const abs = (p: string) => join(moduleDir, p);
  switch (op.op) {
    case "write": {
      const cur = await readIfExists(abs(op.path));
      if (cur !== undefined && sha256(cur) === op.sha256) return;
      const data = await readIfExists(abs(op.staged));
      if (data === undefined)
        throw new ModuleError(`${abs(op.staged)}: staged file missing; cannot finish the interrupted xsysgen run`);
      await writeAtomic(abs(op.path), data, op.mode);
      return;
    }
    case "delete":
      await removeFile(abs(op.path));
      return;
    case "tree":
      if (!(await exists(abs(op.staged)))) return;
      if ((await exists(abs(op.path))) && !(await exists(abs(op.trash)))) await renamePath(abs(op.path), abs(op.trash));
      await renamePath(abs(op.staged), abs(op.path));
      return;
    case "removeTree":
      if (await exists(abs(op.path))) await renamePath(abs(op.path), abs(op.trash));
      return;
    case "rmdirs":
      for (const d of [...op.paths].reverse()) await removeEmptyDir(abs(d));
      return;
  }
}

async function finish(moduleDir: string, journal: Journal): Promise<void> {
  for (const op of journal.ops) await perform(moduleDir, op);
  await removeTree(join(moduleDir, STAGE_NAME));
  await removeFile(join(moduleDir, JOURNAL_NAME));
}

/**
 * Completes or discards a transaction an earlier run left behind: "finished" (it had committed),
 * "discarded" (it had not touched the module), or undefined when there was none.
 */
export async function recoverTransaction(moduleDir: string): Promise<"finished" | "discarded" | undefined> {
  // A kill between writing a temp file and renaming it leaves the temp file behind.
  await removeStrayTemps(moduleDir);
  const data = await readIfExists(join(moduleDir, JOURNAL_NAME));
  if (data === undefined) {
    if (!(await exists(join(moduleDir, STAGE_NAME)))) return undefined;
    await removeTree(join(moduleDir, STAGE_NAME));
    return "discarded";
  }
  let journal: Journal;
  try {
    journal = JSON.parse(data.toString("utf8")) as Journal;
  } catch {
    throw new ModuleError(`${join(moduleDir, JOURNAL_NAME)}: unreadable xsysgen journal (expected JSON)`);
  }
  // The journal is a file in the module, so as untrusted as the module: every path it names must
  // stay inside before anything it says is replayed.
  const paths = journalPaths(journal);
  if (paths === undefined)
    throw new ModuleError(`${join(moduleDir, JOURNAL_NAME)}: unreadable xsysgen journal (unexpected operations)`);
  await assertInside(moduleDir, paths);
  for (const op of journal.ops) if (op.op === "write") await removeStrayTemps(join(moduleDir, dirname(op.path)));
  if (journal.state === "commit") {
    await finish(moduleDir, journal);
    return "finished";
  }
  await removeTree(join(moduleDir, STAGE_NAME));
  await removeFile(join(moduleDir, JOURNAL_NAME));
  return "discarded";
}

/** Runs `ops` as one transaction (call recoverTransaction first). */
export async function runTransaction(moduleDir: string, kind: string, ops: readonly PlannedOp[]): Promise<void> {
  const journalOps: JournalOp[] = ops.map((op, i) => {
    switch (op.op) {
      case "write":
        return {
          op: "write",
          path: op.path,
          staged: `${STAGE_NAME}/files/${i}`,
          sha256: sha256(op.data),
          mode: op.mode,
        };
      case "delete":
        return { op: "delete", path: op.path };
      case "tree":
        return { op: "tree", path: op.path, staged: `${STAGE_NAME}/tree${i}`, trash: `${STAGE_NAME}/trash${i}` };
      case "removeTree":
        return { op: "removeTree", path: op.path, trash: `${STAGE_NAME}/trash${i}` };
      case "rmdirs":
        return { op: "rmdirs", paths: [...op.paths] };
    }
  });
  await writeJournal(moduleDir, { kind, state: "prepare", ops: journalOps });
  await fs.mkdir(join(moduleDir, STAGE_NAME), { recursive: true });
  for (const [i, op] of ops.entries()) {
    const jop = journalOps[i]!;
    if (op.op === "write" && jop.op === "write") await writeAtomic(join(moduleDir, jop.staged), op.data, op.mode);
    if (op.op === "tree" && jop.op === "tree") {
      for (const [rel, data] of op.files) await writeAtomic(join(moduleDir, jop.staged, rel), data);
    }
  }
  await writeJournal(moduleDir, { kind, state: "commit", ops: journalOps });
  await finish(moduleDir, { kind, state: "commit", ops: journalOps });
}

/**
 * The operations that put back everything `ops` will change, read before they run: each file's
 * bytes and mode (or its absence), a replaced tree's files, and the directories the writes will
 * create (removed again, children first). Running them after `ops` leaves the tree as it was.
 */
export async function undoOps(moduleDir: string, ops: readonly PlannedOp[]): Promise<PlannedOp[]> {
  const undo: PlannedOp[] = [];
  const created = new Set<string>();
  const noteParents = async (path: string) => {
    for (const d of await missingParents(moduleDir, path)) created.add(d);
  };
  for (const op of ops) {
    const abs = join(moduleDir, op.op === "rmdirs" ? "." : op.path);
    switch (op.op) {
      case "write":
      case "delete": {
        const data = await readIfExists(abs);
        if (data === undefined) {
          undo.push({ op: "delete", path: op.path });
          await noteParents(op.path);
        } else undo.push({ op: "write", path: op.path, data, mode: (await fileMode(abs)) ?? 0o644 });
        break;
      }
      case "tree":
      case "removeTree":
        if (await exists(abs)) {
          const files = new Map<string, Buffer>();
          for (const rel of await listFiles(abs)) files.set(rel, await fs.readFile(join(abs, rel)));
          undo.push({ op: "tree", path: op.path, files });
        } else {
          undo.push({ op: "removeTree", path: op.path });
          await noteParents(op.path);
        }
        break;
      case "rmdirs":
        // Only revert plans these, and it is never undone.
        break;
    }
  }
  undo.push({ op: "rmdirs", paths: [...created].sort() });
  return undo;
}
