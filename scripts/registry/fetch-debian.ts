/**
 * `pnpm exec tsx scripts/registry/fetch-debian.ts [suite…]`: downloads the Debian header packages of
 * debian-sources.ts with apt-get (a private configuration under .cache/debian/<suite>/apt: the
 * machine's /etc/apt is not touched), checks each .deb against the SHA256 of the suite's Packages
 * index, keeps only asm/unistd*.h, asm-generic/unistd.h, asm/bitsperlong.h and linux/version.h at
 * their path inside the package (a symlink as a copy of its target) under
 * data/source/headers/<suite dir>/<package>_<version>_<arch>/, and prints PROVENANCE.md rows.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { debianSuites, packageDir, type DebianPackage, type DebianSuite } from "./debian-sources.ts";
import { sourceDir } from "./snapshots.ts";

const root = join(import.meta.dirname, "..", "..");
const keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
const kept = [/(^|\/)asm\/unistd[^/]*\.h$/, /(^|\/)asm-generic\/unistd\.h$/, /(^|\/)asm\/bitsperlong\.h$/, /(^|\/)linux\/version\.h$/];

function aptOptions(suite: string, dir: string): string[] {
  mkdirSync(join(dir, "lists", "partial"), { recursive: true });
  mkdirSync(join(dir, "cache", "archives", "partial"), { recursive: true });
  const list = join(dir, "sources.list");
  writeFileSync(list, `deb [signed-by=${keyring}] http://deb.debian.org/debian ${suite} main\n`);
  return ["-o", `Dir::Etc::SourceList=${list}`, "-o", "Dir::Etc::SourceParts=/dev/null", "-o", `Dir::State::Lists=${join(dir, "lists")}`, "-o", `Dir::Cache=${join(dir, "cache")}`];
}

/** The index stanza of `name=version` (apt-cache show; the same package may be listed by several indexes). */
function stanza(opts: string[], p: DebianPackage): Record<string, string> {
  const text = execFileSync("apt-cache", [...opts, "show", `${p.name}=${p.version}`], { encoding: "utf8" });
  const fields = (block: string) => Object.fromEntries(block.split("\n").filter((l) => /^\S+: /.test(l)).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
  const blocks = text.split(/\n\n+/).filter((b) => b.trim() !== "").map(fields).filter((f) => f.Architecture === p.arch);
  const shas = new Set(blocks.map((b) => b.SHA256));
  if (blocks.length === 0 || shas.size !== 1) throw new Error(`${p.name}=${p.version} (${p.arch}): expected one SHA256 in the index, found ${shas.size}`);
  return blocks[0] as Record<string, string>;
}

/** Files and symlinks (trixie's usr/include/<triplet>/asm/* point into usr/lib/linux/uapi/<arch>/asm/). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() || e.isSymbolicLink() ? [join(dir, e.name)] : []));
}

function fetchSuite(s: DebianSuite): void {
  const cache = join(root, ".cache", "debian", s.suite);
  const opts = aptOptions(s.suite, join(cache, "apt"));
  execFileSync("apt-get", [...opts, "-q", "update"], { stdio: ["ignore", "ignore", "inherit"] });
  for (const p of s.packages) {
    const index = stanza(opts, p);
    const deb = join(cache, `${packageDir(p)}.deb`);
    const has = readdirSync(cache).includes(`${packageDir(p)}.deb`);
    if (!has) execFileSync("apt-get", [...opts, "-q", "download", `${p.name}=${p.version}`], { cwd: cache, stdio: ["ignore", "ignore", "inherit"] });
    const sha = createHash("sha256").update(readFileSync(deb)).digest("hex");
    if (sha !== index.SHA256) throw new Error(`${deb}: sha256 ${sha}, the ${s.suite} Packages index says ${index.SHA256}`);
    const tmp = mkdtempSync(join(tmpdir(), "xsysgen-deb-"));
    try {
      execFileSync("dpkg-deb", ["-x", deb, tmp]);
      const out = join(sourceDir, "headers", s.dir, packageDir(p));
      rmSync(out, { recursive: true, force: true });
      const files = walk(tmp).map((f) => relative(tmp, f)).filter((f) => kept.some((re) => re.test(f)));
      for (const f of files) {
        // A symlink is kept as a copy of its target, as the reader sees it in the .deb.
        const target = realpathSync(join(tmp, f));
        if (!target.startsWith(`${realpathSync(tmp)}/`)) throw new Error(`${deb}: ${f} points outside the package`);
        mkdirSync(dirname(join(out, f)), { recursive: true });
        copyFileSync(target, join(out, f));
      }
      console.log(`| ${s.suite} | ${packageDir(p)} | ${p.name} ${p.version} (${index.Source ?? p.name}) | ${index.Filename} | ${sha} | ${files.length} |`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

const wanted = process.argv.slice(2);
for (const s of debianSuites.filter((x) => x.fetched && (wanted.length === 0 || wanted.includes(x.suite)))) fetchSuite(s);
