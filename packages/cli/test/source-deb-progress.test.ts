/**
 * Issue 25: Debian's linux-source-6.1 package (a .deb holding usr/src/linux-source-6.1.tar.xz) is read
 * through, and a read that takes more than about a second shows its progress on stderr only when
 * stderr is a terminal (a real pseudo-terminal, from util-linux's `script`); a pipe gets none, watched
 * for as long as a terminal would have had its line (then the read is stopped: ~10 s of CPU).
 * The .deb's files equal those of the same tree's kept syscall files (.cache/linux-source-6.1).
 *
 * @module-tag network
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import { fromLine2, xsysgen, xsysgenArgv } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** Each file of `dir` from line 2 on (line 1 names the input), by name. */
function filesFromLine2(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".go"))
      .sort()
      .map((f) => [f, fromLine2(readFileSync(join(dir, f), "utf8"))]),
  );
}

describe("linux-source-6.1's .deb", () => {
  let deb: string;
  beforeAll(() => {
    deb = debianPackage("linux-source-6.1");
  });

  it("is read through to its tree: the Go files equal the kept tree's, and a terminal sees progress", async () => {
    const viaDeb = scratchDir("src-deb");
    const argv = xsysgenArgv("gen", "--headers", deb, "--exact", "--arch", "amd64,arm64,s390x", "--out", viaDeb);
    // `script` gives the command a real terminal and copies what it writes there to the typescript file.
    const typescript = join(scratchDir("pty"), "typescript");
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const r = spawnSync("script", ["-qfec", quoted, typescript], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(r.status, r.stderr).toBe(0);
    const terminal = readFileSync(typescript, "latin1");
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence is the point
    const progress = [...terminal.matchAll(/\r\x1b\[Kreading (\S+): (\d+\.\d) of (\d+\.\d) MiB \((\d+)%\)/g)];
    expect(progress.length).toBeGreaterThan(0);
    const size = (readFileSync(deb).length / (1024 * 1024)).toFixed(1);
    for (const [, name, read, total] of progress) {
      expect(name).toBe(deb.slice(deb.lastIndexOf("/") + 1));
      expect(total).toBe(size);
      expect(Number(read)).toBeLessThanOrEqual(Number(total));
    }
    // Erased before the command's own lines, which each start a line of their own.
    expect(terminal).toContain("\r\x1b[Kwrote ");
    expect(terminal).not.toMatch(/%\)wrote /);

    const fromTree = scratchDir("src-tree");
    const arches = ["--arch", "amd64,arm64,s390x"];
    const tree = await xsysgen("gen", "--headers", linuxSource61(), "--exact", ...arches, "--out", fromTree);
    expect(tree.code, tree.stderr).toBe(0);
    const expected = filesFromLine2(fromTree);
    expect([...expected.keys()]).toEqual([
      "zsysnum_linux_amd64.go",
      "zsysnum_linux_arm64.go",
      "zsysnum_linux_s390x.go",
    ]);
    expect(filesFromLine2(viaDeb)).toEqual(expected);
  });

  it("shows no progress when stderr is not a terminal, while the read runs on past the first second", async () => {
    const out = scratchDir("src-deb");
    const [node, ...args] = xsysgenArgv("gen", "--headers", deb, "--exact", "--arch", "amd64", "--out", out);
    const child = spawn(node!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    // A terminal gets its first line with the first chunk read 1 s after the command started
    // (src/progress.ts), and it started before it opened the .deb. So: from when /proc first shows the
    // .deb open, wait 1.2 s, then see the reader's offset in it move on by more than its stream buffers
    // hold; a chunk then went through onProgress, and a terminal would have had its line. The rest of
    // the read (~10 s of xz) would prove nothing more.
    let opened: number | undefined;
    let after: number | undefined;
    let ranOn = false;
    let status: number | null | undefined;
    void exited.then((s) => (status = s));
    while (status === undefined && !ranOn) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const offset = readOffset(child.pid!, deb);
      if (offset === undefined) continue;
      opened ??= Date.now();
      if (Date.now() - opened < 1200) continue;
      if (after === undefined) after = offset;
      else ranOn = offset > after + 4 * 1024 * 1024;
    }
    if (ranOn) child.kill("SIGKILL");
    await exited;
    expect(ranOn, "the read ended before it had run on past its first second").toBe(true);
    expect(stderr).toBe("");
  });
});

/** How far process `pid` has read into `file` (its descriptor's offset in /proc), if it has the file open. */
function readOffset(pid: number, file: string): number | undefined {
  const target = realpathSync(file);
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link !== target) continue;
      const pos = /^pos:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
      if (pos !== null) return Number(pos[1]);
    }
  } catch {
    // The process ended between two reads of /proc.
  }
  return undefined;
}
