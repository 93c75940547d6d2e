/**
 * Every verb's `--json` document, produced for real (embedded registry, a real Go module with
 * golang.org/x/sys v0.3.0, real go), validates against its schema in schemas/; so does the
 * `{"error": …}` document a failing run prints under --json, which keeps its one stderr line and
 * exit code 2. Each schema in schemas/ is exercised here, and compiles under ajv's strict mode.
 *
 * @module-tag network
 * @module-tag go
 */
import { readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goEnv, makeModule, XSYS_VENDORED } from "../../writer/test/helpers.ts";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { withoutStatus, xsysgen, xsysgenProcess } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const schemaDir = join(repoRoot, "schemas");
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validators = new Map<string, ValidateFunction>();
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json"))) {
  validators.set(
    file.replace(/\.schema\.json$/, ""),
    ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as object),
  );
}
const used = new Set<string>();

/** Parses `stdout` and validates it against schemas/<name>.schema.json. */
function valid(name: string, stdout: string): Record<string, unknown> {
  const validate = validators.get(name);
  expect(validate, `schemas/${name}.schema.json`).toBeDefined();
  used.add(name);
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  const ok = validate!(doc);
  expect(ok ? [] : validate!.errors).toEqual([]);
  return doc;
}

// apply runs `go`: the same module cache and toolchain as the writer tests, set for in-process runs.
const saved = { ...process.env };
let module: string;
beforeAll(() => {
  module = makeModule(XSYS_VENDORED, true);
  for (const [k, v] of Object.entries(goEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe("--json documents validate against schemas/", () => {
  it("kernels, show, diff", async () => {
    const kernels = await xsysgen("kernels", "--json");
    expect(kernels.code).toBe(0);
    expect(valid("kernels", kernels.stdout).schemaVersion).toBe(1);
    for (const args of [
      ["show", "statx", "--json"],
      ["show", "332", "--arch", "amd64", "--json"],
    ]) {
      const r = await xsysgen(...args);
      expect(r.code).toBe(0);
      valid("show", r.stdout);
    }
    const diff = await xsysgen("diff", "3.10", "4.18", "--format", "json");
    expect(diff.code).toBe(0);
    valid("diff", diff.stdout);
  });

  it("gen, patched and --exact", async () => {
    for (const extra of [[], ["--exact"]]) {
      const out = join(scratchDir(), "out");
      const r = await xsysgen("gen", "--kernel", "3.10", "--arch", "amd64,arm64", "--out", out, "--json", ...extra);
      expect(withoutStatus(r.stderr)).toBe("");
      expect(r.code).toBe(0);
      expect((valid("gen", r.stdout).files as string[]).length).toBeGreaterThan(0);
    }
    // How --kernel resolved, with the substitution when there is one (null with --headers).
    for (const [kernel, note] of [
      ["4.18.0-553.16.1.el8_10.x86_64", null],
      ["rhel7.6", "rhel7.6 is RHEL 7.6, which the registry has no table of: using RHEL 7.3 (3.10.0-514.el7)"],
      ["5.15.0-91-generic", "kernel 5.15.0-91-generic (Ubuntu): using vanilla Linux 5.15's table"],
    ] as const) {
      const out = join(scratchDir(), "out");
      const r = await xsysgen("gen", "--kernel", kernel, "--arch", "amd64", "--exact", "--out", out, "--json");
      expect(r.code, r.stderr).toBe(0);
      const doc = valid("gen", r.stdout) as { kernel: { input: string; note: string | null } };
      expect(doc.kernel.input).toBe(kernel);
      if (note === null) expect([doc.kernel.note, withoutStatus(r.stderr)]).toEqual([null, ""]);
      else expect(r.stderr).toBe(`xsysgen: note: ${doc.kernel.note}\n`);
      if (note !== null) expect(doc.kernel.note).toContain(note);
    }
    // A relative --out: the JSON still names concrete absolute paths (no $PWD for a shell to expand).
    const cwd = realpathSync(scratchDir());
    const rel = await xsysgenProcess(["gen", "--kernel", "3.10", "--arch", "amd64", "--out", "rel", "--json"], { cwd });
    expect(rel.status).toBe(0);
    expect(valid("gen", rel.stdout)).toMatchObject({
      out: join(cwd, "rel"),
      cgoCflags: `-I${join(cwd, "rel", "include")}`,
    });
  });

  it("check with findings (exit 1) and without (exit 0)", async () => {
    const r = await xsysgen("check", "--kernel", "centos7", "--module", module, "--json");
    expect(r.code).toBe(1);
    const doc = valid("check", r.stdout);
    // A major alone is its newest minor: said on stderr and in the document.
    expect(doc.kernel).toMatchObject({ input: "centos7", kind: "distro", release: "RHEL 7.9" });
    expect(r.stderr).toBe(`xsysgen: note: ${(doc.kernel as { note: string }).note}\n`);
    expect((doc.findings as { syscall: string }[]).map((f) => f.syscall).sort()).toEqual([
      "openat2",
      "preadv2",
      "statx",
    ]);
    const clean = await xsysgen("check", "--kernel", "6.12", "--module", module, "--json");
    expect(clean.code).toBe(0);
    expect(valid("check", clean.stdout).findings).toEqual([]);
  });

  it(
    "apply --dry-run, apply, apply --revert: concrete include paths, no shell expression",
    { timeout: 600_000 },
    async () => {
      const dry = await xsysgen("apply", "--kernel", "3.10.0-1160.el7", "--module", module, "--dry-run", "--json");
      expect(withoutStatus(dry.stderr)).toBe("");
      expect(dry.code).toBe(0);
      expect(valid("apply", dry.stdout)).toMatchObject({ dryRun: true, build: null, vet: null });

      const r = await xsysgen("apply", "--kernel", "3.10.0-1160.el7", "--module", module, "--json");
      expect(withoutStatus(r.stderr)).toBe("");
      expect(r.code).toBe(0);
      const doc = valid("apply", r.stdout) as {
        include: { absolute: string; moduleRelative: string };
        cgoCflags: string;
        vet: { ok: boolean; checks: string[] };
      };
      expect(doc.include).toEqual({
        absolute: join(module, "third_party/golang.org/x/sys/include"),
        moduleRelative: "third_party/golang.org/x/sys/include",
      });
      expect(doc.cgoCflags).toBe(`-I${doc.include.absolute}`);
      expect(readFileSync(join(doc.include.absolute, "asm", "unistd.h"), "utf8")).toContain(
        "#include_next <asm/unistd.h>",
      );
      expect(doc.vet.ok).toBe(true);
      expect(doc.vet.checks).toContain("printf");

      const revert = await xsysgen("apply", "--revert", "--module", module, "--json");
      expect(revert.code).toBe(0);
      valid("revert", revert.stdout);
    },
  );

  it("errors under --json: {error} on stdout, one line on stderr, exit 2", async () => {
    const notModule = scratchDir();
    writeFileSync(join(notModule, "main.go"), "package main\n");
    const cases: { args: string[]; code: string; file?: boolean }[] = [
      { args: ["check", "--kernel", "1.0", "--module", module, "--json"], code: "E_UNKNOWN_KERNEL" },
      { args: ["check", "--kernel", "3.10", "--module", notModule, "--json"], code: "E_MODULE" },
      { args: ["apply", "--kernel", "3.10", "--module", notModule, "--json"], code: "E_MODULE" },
      {
        args: ["gen", "--headers", join(notModule, "missing.h"), "--out", join(notModule, "o"), "--json"],
        code: "E_INPUT",
        file: true,
      },
      { args: ["show", "--json"], code: "E_USAGE" },
      { args: ["kernels", "--bogus", "--json"], code: "E_USAGE" },
      { args: ["diff", "3.10", "--format", "json"], code: "E_USAGE" },
    ];
    for (const c of cases) {
      const r = await xsysgen(...c.args);
      expect(r.code, c.args.join(" ")).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), c.args.join(" ")).toHaveLength(1);
      const doc = valid("error", r.stdout) as { error: { code: string; message: string; file?: string } };
      expect(doc.error.code, c.args.join(" ")).toBe(c.code);
      expect(`xsysgen: ${doc.error.message}\n`).toBe(r.stderr);
      if (c.file === true) expect(doc.error.file).toBe(join(notModule, "missing.h"));
    }
    // Without --json a failing run prints nothing on stdout.
    expect((await xsysgen("show")).stdout).toBe("");
  });

  it("every schema in schemas/ was used", () => {
    expect([...used].sort()).toEqual([...validators.keys()].sort());
  });
});
