/**
 * Writes a command's output directory. Everything is rendered before this runs, so an error
 * leaves `--out` untouched; each file goes to a temp name in its directory and is renamed into
 * place, so a reader never sees half a file.
 */
import { mkdir, rename, writeFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

export async function writeOutputFiles(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [relative, content] of files) {
    const path = join(outDir, relative);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.xsysgen-${process.pid}.tmp`;
    try {
      await writeFile(temp, content);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    written.push(relative);
  }
  return written;
}
