/**
 * `pnpm exec tsx scripts/registry/fetch-xsys.ts`: downloads the x/sys versions of xsys-sources.ts
 * with `go mod download` and copies `unix/linux/Dockerfile` and every `unix/zsysnum_linux_*.go`
 * verbatim into packages/kernels/data/source/xsys/<version>/; prints PROVENANCE.md rows.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sourceDir } from "./snapshots.ts";
import { dockerLinux, xsysSources } from "./xsys-sources.ts";

const root = join(import.meta.dirname, "..", "..");
const env = { ...process.env, GOMODCACHE: join(root, ".cache", "gomod"), GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" };
const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

for (const src of xsysSources) {
  const info = JSON.parse(execFileSync("go", ["mod", "download", "-json", `golang.org/x/sys@${src.version}`], { env, encoding: "utf8" })) as { Dir: string; Zip: string; Sum: string };
  const out = join(sourceDir, "xsys", src.version);
  mkdirSync(out, { recursive: true });
  const docker = join(info.Dir, "unix", "linux", "Dockerfile");
  const linux = dockerLinux(readFileSync(docker, "utf8"));
  if (linux !== src.linux) throw new Error(`${src.version}: Dockerfile clones Linux ${linux}, expected ${src.linux}`);
  copyFileSync(docker, join(out, "Dockerfile"));
  const files = readdirSync(join(info.Dir, "unix")).filter((f) => /^zsysnum_linux_\w+\.go$/.test(f)).sort();
  for (const f of files) copyFileSync(join(info.Dir, "unix", f), join(out, f));
  console.log(`| ${src.version} | ${info.Sum} | ${sha(info.Zip)} | \`RUN git clone --branch v${linux} …\` | ${files.length} |`);
}
