/**
 * Builds the publishable `xsysgen` tarball: `pnpm release:pack [--out <dir>] [--json]`.
 *
 * The package is staged outside the workspace — packages/xsysgen's manifest without its
 * devDependencies, the bin, the README, the root LICENSE and CHANGELOG.md, and dist/ (compiled
 * ESM from scripts/release/bundle.ts, one `index.d.ts` from scripts/release/types.ts, the .wasm
 * files, THIRD-PARTY-LICENSES.md) — and packed there with `npm pack`. The tarball lands in
 * `--out` (default packages/xsysgen/release/); the line printed names it with its sizes.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/debian.ts";
import { bundleJs } from "./release/bundle.ts";
import { renderThirdPartyLicenses } from "./release/notices.ts";
import { bundleTypes } from "./release/types.ts";

/** npm's limit is far above this; ours is the budget for the public tarball. */
const maxTarballBytes = 10 * 1000 * 1000;
const pkgDir = join(repoRoot, "packages", "xsysgen");

interface NpmPackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
}

const { values } = parseArgs({ options: { out: { type: "string" }, json: { type: "boolean" } }, strict: true });
const outDir = resolve(values.out ?? join(pkgDir, "release"));
const stage = mkdtempSync(join(tmpdir(), "xsysgen-release-"));
try {
  const { shippedPackages } = await bundleJs(join(stage, "dist"));
  writeFileSync(join(stage, "dist", "index.d.ts"), bundleTypes(join(stage, "scratch")));
  rmSync(join(stage, "scratch"), { recursive: true });

  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as Record<string, unknown>;
  delete manifest.devDependencies;
  delete manifest.scripts;
  // The workspace resolves the package to its sources; the published one to dist/ (publishConfig, as pnpm reads it).
  const publish = manifest.publishConfig as Record<string, unknown>;
  delete manifest.publishConfig;
  Object.assign(manifest, publish);
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(pkgDir, "bin"), join(stage, "bin"), { recursive: true });
  copyFileSync(join(pkgDir, "README.md"), join(stage, "README.md"));
  copyFileSync(join(repoRoot, "LICENSE"), join(stage, "LICENSE"));
  copyFileSync(join(repoRoot, "CHANGELOG.md"), join(stage, "CHANGELOG.md"));
  writeFileSync(join(stage, "THIRD-PARTY-LICENSES.md"), renderThirdPartyLicenses(shippedPackages));

  mkdirSync(outDir, { recursive: true });
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", outDir], {
      cwd: stage,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as NpmPackResult[];
  const result = packed[0];
  if (result === undefined) throw new Error("npm pack reported no tarball");
  const tarball = join(outDir, result.filename);
  if (result.size > maxTarballBytes)
    throw new Error(`${tarball}: ${result.size} bytes, over the ${maxTarballBytes}-byte budget`);
  const summary = { tarball, size: result.size, unpackedSize: result.unpackedSize, files: result.entryCount };
  process.stdout.write(
    values.json === true
      ? `${JSON.stringify(summary)}\n`
      : `packed ${tarball}: ${(result.size / 1e6).toFixed(2)} MB, ` +
          `${(result.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${result.entryCount} files\n`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
