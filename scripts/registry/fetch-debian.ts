/**
 * The Debian header packages of debian-sources.ts, fetched on first use by the registry build with
 * apt-get (a private configuration under .cache/registry/debian/<suite>-apt: the machine's /etc/apt is
 * not touched). Each .deb is checked against the SHA256 of the suite's Packages index; only
 * asm/unistd*.h, asm-generic/unistd.h, asm/bitsperlong.h and linux/version.h are kept, at their path
 * inside the package (a symlink as a copy of its target), under
 * .cache/registry/debian/<suite dir>/<package>_<version>_<arch>/.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { debianSuites, packageDir, type DebianPackage, type DebianSuite } from "./debian-sources.ts";
import { SuiteApt } from "../lib/apt.ts";
import { addPin, registryCache, sha256 } from "./inputs.ts";

const kept = [
  /(^|\/)asm\/unistd[^/]*\.h$/,
  /(^|\/)asm-generic\/unistd\.h$/,
  /(^|\/)asm\/bitsperlong\.h$/,
  /(^|\/)linux\/version\.h$/,
];

/** Files and symlinks (trixie's usr/include/<triplet>/asm/* point into usr/lib/linux/uapi/<arch>/asm/). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() || e.isSymbolicLink() ? [join(dir, e.name)] : [],
  );
}

const stampName = ".deb.sha256";

/** Downloads (once) one package of a suite, checked against the index, and keeps its header files. */
function fetchPackage(s: DebianSuite, p: DebianPackage, apt: () => SuiteApt): string {
  const out = join(registryCache, "debian", s.dir, packageDir(p));
  const stamp = join(out, stampName);
  if (existsSync(stamp)) return readFileSync(stamp, "utf8").trim();
  const cache = join(registryCache, "debian", `${s.suite}-debs`);
  mkdirSync(cache, { recursive: true });
  const deb = join(cache, `${packageDir(p)}.deb`);
  // A .deb in the cache was renamed there only after its sha256 matched the index.
  const sha = existsSync(deb) ? sha256(readFileSync(deb)) : apt().download(p, deb);
  const tmp = mkdtempSync(join(tmpdir(), "xsysgen-deb-"));
  try {
    execFileSync("dpkg-deb", ["-x", deb, tmp]);
    rmSync(out, { recursive: true, force: true });
    const files = walk(tmp)
      .map((f) => relative(tmp, f))
      .filter((f) => kept.some((re) => re.test(f)));
    for (const f of files) {
      // A symlink is kept as a copy of its target, as the reader sees it in the .deb.
      const target = realpathSync(join(tmp, f));
      if (!target.startsWith(`${realpathSync(tmp)}/`)) throw new Error(`${deb}: ${f} points outside the package`);
      mkdirSync(dirname(join(out, f)), { recursive: true });
      copyFileSync(target, join(out, f));
    }
    writeFileSync(stamp, `${sha}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return sha;
}

const suiteApts = new Map<string, SuiteApt>();

/** The kept header files of `<suite dir>/<package dir>`, fetched on first use; the .deb is pinned. */
export function debianFiles(dirs: string): Map<string, string> {
  const [dir, pkgDir] = dirs.split("/");
  const s = debianSuites.find((x) => x.dir === dir);
  const p = s?.packages.find((x) => packageDir(x) === pkgDir);
  if (s === undefined || p === undefined) throw new Error(`unknown Debian package directory ${dirs}`);
  const apt = () => {
    let a = suiteApts.get(s.suite);
    if (a === undefined) {
      a = new SuiteApt(s.suite, join(registryCache, "debian", `${s.suite}-apt`));
      suiteApts.set(s.suite, a);
    }
    return a;
  };
  const sha = fetchPackage(s, p, apt);
  if (sha !== p.sha256)
    throw new Error(`${s.suite} ${p.name}=${p.version}: sha256 ${sha}, scripts/registry/inputs.tsv pins ${p.sha256}`);
  addPin({ source: "debian", id: `${s.suite} ${p.name}=${p.version} (${p.arch})`, sha256: sha });
  const root = join(registryCache, "debian", s.dir, packageDir(p));
  const files = new Map<string, string>();
  for (const f of walk(root).sort()) {
    const rel = relative(root, f);
    if (rel !== stampName) files.set(rel, readFileSync(f, "utf8"));
  }
  return files;
}
