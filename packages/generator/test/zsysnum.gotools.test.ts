/**
 * Generated zsysnum files, exact and patched (annotated), are what gofmt would print and
 * type-check as package unix for their GOARCH (one `go vet` over all of them: the GOARCH names
 * are passed as build tags, which satisfy both the file-name suffix and the build line).
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { goTargets } from "@xsysgen/core";
import type { SyscallTable } from "@xsysgen/core";
import { era2018, era2021, mergeForPatch, modernEra, readZsysnumGo, renderZsysnumGo } from "@xsysgen/generator";
import { goEnv, readText, tableOfZsysnum, x86SinceVersions, xsysUnixDir, xsysV030UnixDir } from "./_xsys.ts";
import { withoutStatus } from "../../cli/test/_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const goarches = goTargets.map((t) => t.goarch as string);
const outputs = new Map<string, string>(); // "<kind>/<goarch>" -> file text

beforeAll(async () => {
  const v030 = xsysV030UnixDir();
  const older = xsysUnixDir("v0.0.0-20220722155257-8c9f86f7a55f");
  const newer = xsysUnixDir("v0.50.0");
  const since = x86SinceVersions();
  for (const goarch of goarches) {
    const name = `zsysnum_linux_${goarch}.go`;
    const exact = await tableOfZsysnum(join(v030, name));
    outputs.set(
      `exact/${goarch}`,
      renderZsysnumGo(exact, { command: `xsysgen gen --kernel 5.19 --arch ${goarch} --exact`, era: modernEra }),
    );
    const keep = (await readZsysnumGo(readText(join(v030, name)), name)).constants;
    const merged = mergeForPatch(await tableOfZsysnum(join(older, name)), await tableOfZsysnum(join(newer, name)), {
      targetLabel: "x/sys 2022-07",
      keep,
      sinceOf: goarch === "amd64" ? (n) => since.get(n) : undefined,
    });
    outputs.set(
      `patched/${goarch}`,
      renderZsysnumGo(merged.table, {
        command: `xsysgen gen --arch ${goarch} --patch`,
        annotations: merged.annotations,
      }),
    );
    outputs.set(`striped/${goarch}`, renderZsysnumGo(exact, { command: "x", annotations: stripes(exact) }));
  }
});

/** Comment runs of varying length and value width, broken by uncommented lines. */
function stripes(table: SyscallTable): Map<string, string> {
  const notes = new Map<string, string>();
  table.entries.forEach((e, i) => {
    if (i % 7 < 3 || i % 11 === 0) notes.set(e.name, `${"note ".repeat((i % 4) + 1)}${e.number}`);
  });
  return notes;
}

describe("generated files and the Go tools", () => {
  it("patched files have annotated additions", () => {
    for (const goarch of goarches)
      expect(outputs.get(`patched/${goarch}`), goarch).toMatch(/ \/\/ not in x\/sys 2022-07 headers/);
    expect(outputs.get("patched/amd64")).toMatch(
      /\tSYS_\w+ += \d+ +\/\/ not in x\/sys 2022-07 headers; Linux \d+\.\d+\n/,
    );
  });

  it("gofmt -l lists none of them, and go vet accepts them for their GOARCH", () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "go.mod"), "module scratch\n\ngo 1.21\n");
    for (const [key, text] of outputs) {
      const [kind, goarch] = key.split("/") as [string, string];
      mkdirSync(join(dir, kind, goarch), { recursive: true });
      writeFileSync(join(dir, kind, goarch, `zsysnum_linux_${goarch}.go`), text);
    }
    expect(execFileSync("gofmt", ["-l", "."], { cwd: dir, encoding: "utf8" })).toBe("");
    const vet = spawnSync("go", ["vet", "-tags", goarches.join(","), "./..."], {
      cwd: dir,
      env: goEnv({ GOOS: "linux", GOARCH: "amd64", GOFLAGS: "-mod=mod" }),
      encoding: "utf8",
    });
    expect(withoutStatus(vet.stderr)).toBe("");
    expect(vet.status).toBe(0);
    // The packages really were compiled: go list sees one Go file in each.
    const listed = execFileSync("go", ["list", "-tags", goarches.join(","), "-f", "{{len .GoFiles}}", "./..."], {
      cwd: dir,
      env: goEnv({ GOOS: "linux", GOARCH: "amd64", GOFLAGS: "-mod=mod" }),
      encoding: "utf8",
    });
    expect(listed.trim().split("\n")).toEqual(Array.from({ length: outputs.size }, () => "1"));
  });

  it("a // +build-only era file is old gofmt's output: modern gofmt only adds the //go:build line", async () => {
    const table = await tableOfZsysnum(join(xsysV030UnixDir(), "zsysnum_linux_arm.go"));
    const plusOnly = renderZsysnumGo(table, { command: "x", era: era2018 });
    const formatted = execFileSync("gofmt", [], { input: plusOnly, encoding: "utf8" });
    expect(formatted).toBe(renderZsysnumGo(table, { command: "x", era: era2021 }));
  });
});
