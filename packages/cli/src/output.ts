/**
 * Writes a command's output directory. Everything is rendered before this runs, so an error in
 * the inputs leaves `--out` untouched; the directory is checked before the first file is written,
 * and each file goes to a temp name in its directory and is renamed into place, so a reader never
 * sees half a file.
 */
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InputError } from "@xsysgen/parser";

export async function writeOutputFiles(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const existing = await stat(outDir).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory()) throw new InputError(outDir, "--out exists and is not a directory");
  const written: string[] = [];
  for (const [relative, content] of files) {
    const path = join(outDir, relative);
    const temp = `${path}.xsysgen-${process.pid}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, content);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw new InputError(outDir, `cannot write ${relative} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    written.push(relative);
  }
  return written;
}
