/** Whether a command is on PATH (looked up once per command and PATH). */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const found = new Map<string, boolean>();

/** Whether an executable named `cmd` is on PATH. */
export function onPath(cmd: string): boolean {
  const path = process.env["PATH"] ?? "";
  const cached = found.get(`${cmd}\0${path}`);
  if (cached !== undefined) return cached;
  const dirs = path.split(delimiter).filter((d) => d !== "");
  const ok = dirs.some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  found.set(`${cmd}\0${path}`, ok);
  return ok;
}
