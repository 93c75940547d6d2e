/**
 * The availability page of `xsysgen diff … --out d.html` in a real headless Chromium (Debian's
 * `chromium`, driven by playwright-core): typing into its filter leaves exactly the rows whose
 * syscall matches, "changed rows only" exactly the rows that differ, and the page loads nothing
 * from anywhere. Expectations come from the registry's own tables and diffs, not from the page.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { targetNames, type TargetName } from "@xsysgen/core";
import { archKey, diffTables, isEmptyDiff } from "@xsysgen/generator";
import { getTable, listKernels } from "@xsysgen/kernels";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, chromiumExecutable } from "../../../scripts/lib/chromium.ts";
import { xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const from = "3.10";
const to = "6.1";

/** Arches either kernel has a table for, as the page's sections name them. */
function archesOfEither(): TargetName[] {
  const listed = listKernels().vanilla;
  const has = (series: string) => new Set(listed.find((v) => v.series === series)?.targets ?? []);
  const a = has(from);
  const b = has(to);
  return targetNames.filter((t) => a.has(t) || b.has(t));
}

/** Every syscall name of either kernel on an arch (a side without that arch adds none). */
function namesOf(target: TargetName): Set<string> {
  const names = new Set<string>();
  for (const kernel of [from, to]) {
    try {
      for (const e of getTable(kernel, target).entries) names.add(e.name);
    } catch {
      // The arch came to Linux after this kernel: the page shows n/a for it.
    }
  }
  return names;
}

/** `arch name` of every row the page shows, each once (a row may appear in two tables of a section). */
async function visibleRows(page: Page): Promise<string[]> {
  const rows = await page.$$eval("section.arch:not([hidden]) tr[data-syscall]:not([hidden])", (trs) =>
    trs.map((tr) => `${tr.closest("section")?.id.replace(/^arch-/, "")} ${tr.getAttribute("data-syscall")}`),
  );
  return [...new Set(rows)].sort();
}

describe("diff --out d.html: the filter in headless Chromium", () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    const dir = scratchDir("html-filter");
    const file = join(dir, "d.html");
    const r = await xsysgen("diff", from, to, "--out", file);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).not.toMatch(/<link|<script[^>]*\ssrc=|url\(|@import/i);
    browser = await chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs] });
    page = await browser.newPage();
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(`file://${file}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("loads nothing but the file itself", () => {
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  });

  it("has a table of contents of every arch either kernel has, captions and scoped headers", async () => {
    const arches = archesOfEither().map(archKey);
    const toc = await page.$$eval("nav.toc a", (as) => as.map((a) => a.getAttribute("href")));
    expect(toc).toEqual(arches.map((k) => `#arch-${k}`));
    for (const k of arches) expect(await page.locator(`section#arch-${k}`).count()).toBe(1);
    expect(await page.locator("table.m:not(:has(caption))").count()).toBe(0);
    expect(await page.locator('table.m thead th:not([scope="col"])').count()).toBe(0);
    expect(await page.locator('table.m tbody tr[data-syscall] > th[scope="row"]').count()).toBeGreaterThan(0);
  });

  it("typing a name leaves exactly the rows whose syscall contains it, on every arch", async () => {
    for (const typed of ["statx", "SYS_OPENAT", "pidfd"]) {
      await page.fill("#q", typed);
      const wanted = typed.toLowerCase().replace(/^sys_/, "");
      const expected = archesOfEither().flatMap((t) =>
        [...namesOf(t)].filter((n) => n.includes(wanted)).map((n) => `${archKey(t)} ${n}`),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await visibleRows(page)).toEqual([...new Set(expected)].sort());
      // The folded full matrices open so that the matches are seen, not only kept.
      expect(await page.locator("section.arch:not([hidden]) details:not([open])").count()).toBe(0);
    }
  });

  it("'changed rows only' leaves exactly the syscalls that differ between the two kernels", async () => {
    await page.fill("#q", "");
    await page.check("#changed");
    const expected: string[] = [];
    for (const t of archesOfEither()) {
      let a;
      let b;
      try {
        a = getTable(from, t);
        b = getTable(to, t);
      } catch {
        continue; // one side lacks the arch: every row is n/a there, so none differs between known cells
      }
      const d = diffTables(a, b);
      if (isEmptyDiff(d)) continue;
      const changed = new Set([
        ...d.added.map((e) => e.name),
        ...d.removed.map((e) => e.name),
        ...d.renumbered.map((r) => r.name),
        ...d.renamed.flatMap((r) => [r.from, r.to]),
      ]);
      for (const n of changed) expected.push(`${archKey(t)} ${n}`);
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(await visibleRows(page)).toEqual([...new Set(expected)].sort());
    await page.uncheck("#changed");
    expect((await visibleRows(page)).length).toBeGreaterThan(expected.length);
  });
});
