/**
 * The availability page renders in a real headless Chromium (Debian's `chromium`): every matrix
 * cell is in the rendered DOM and no external resource is involved (its one script is inline).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getTable } from "@xsysgen/kernels";
import { expect, test } from "vitest";
import { chromiumArgs, chromiumExecutable } from "../../../scripts/lib/chromium.ts";
import { renderAvailabilityHtml } from "../src/index.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** The committed registry's amd64 table of a kernel. */
const amd64 = (version: string) => getTable(version, "amd64");

const chromiumFlags = ["--headless", ...chromiumArgs];

test("a 3-column availability matrix renders in headless Chromium", async () => {
  const columns = [
    { label: "3.10", tables: { amd64: amd64("3.10") } },
    { label: "3.10.0-1160.el7", tables: { amd64: amd64("3.10.0-1160.el7") } },
    { label: "4.18", tables: { amd64: amd64("4.18") } },
  ];
  const html = renderAvailabilityHtml(columns, {
    title: "amd64: 3.10 vs RHEL 7.9 vs 4.18",
    sinceOf: (n) => (n === "statx" ? "4.11" : undefined),
  });
  expect(html).not.toMatch(/<link|src=|url\(|@import/i);
  expect(html.match(/<script/g)).toHaveLength(1);
  const dir = scratchDir();
  const page = join(dir, "matrix.html");
  writeFileSync(page, html);
  const dom = execFileSync(
    chromiumExecutable,
    [...chromiumFlags, `--user-data-dir=${join(dir, "profile")}`, "--dump-dom", `file://${page}`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const row = (name: string) => new RegExp(`<tr[^>]*data-syscall="${name}"[^>]*>(.*?)</tr>`).exec(dom)?.[1] ?? "";
  const cells = (name: string) => [...row(name).matchAll(/<td class="(y|n|r|na)"/g)].map((m) => m[1]);
  expect(cells("read")).toEqual(["y", "y", "y"]);
  expect(cells("bpf")).toEqual(["n", "y", "y"]);
  expect(cells("statx")).toEqual(["n", "n", "y"]);
  expect(row("statx")).toContain('<td class="since">4.11</td>');
  expect(dom).toContain('<tr class="diff" data-syscall="statx">');
  writeFileSync(join(dir, "note.txt"), "screenshot: matrix.png");
  execFileSync(
    chromiumExecutable,
    [
      ...chromiumFlags,
      `--user-data-dir=${join(dir, "profile")}`,
      "--window-size=900,1400",
      `--screenshot=${join(dir, "matrix.png")}`,
      `file://${page}`,
    ],
    { stdio: "ignore" },
  );
  expect(readFileSync(join(dir, "matrix.png")).subarray(1, 4).toString()).toBe("PNG");
});
