/**
 * Progress of a long read on stderr, only when stderr is a terminal and the read has taken about a
 * second: one line redrawn in place, the bytes read of the total as curl shows them
 * (`reading linux-source-6.1.deb: 45.2 of 139.3 MiB (32%)`), erased before the command prints anything
 * and when it ends. Nothing otherwise: a pipe, a file or a CI log gets no progress at all.
 */
import { basename } from "node:path";
import type { CliIo } from "./io.ts";

/** How long a read runs before it shows progress, and how often the line is redrawn (ms). */
const showAfterMs = 1000;
const redrawEveryMs = 100;

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * The reader's `onProgress` for `io`, or undefined when stderr is no terminal. `clear` erases the
 * line (before anything else is printed, and when the command ends); a later read draws it again.
 */
export function progressReporter(
  io: CliIo,
  now: () => number = Date.now,
): { onProgress: (read: number, total: number, path: string) => void; clear: () => void } | undefined {
  const stderr = io.stderr as CliIo["stderr"] & { isTTY?: boolean };
  if (stderr.isTTY !== true) return undefined;
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    onProgress(read, total, path) {
      const t = now();
      if (t - started < showAfterMs || (t - drawn < redrawEveryMs && read < total)) return;
      drawn = t;
      shown = true;
      const percent = total > 0 ? Math.floor((read / total) * 100) : 100;
      stderr.write(`\r\x1b[Kreading ${basename(path)}: ${mib(read)} of ${mib(total)} MiB (${percent}%)`);
    },
    clear() {
      if (!shown) return;
      shown = false;
      stderr.write("\r\x1b[K");
    },
  };
}
