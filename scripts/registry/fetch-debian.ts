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
import { addPin, registryCache, sha256 } from "./inputs.ts";

const keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
const kept = [
  /(^|\/)asm\/unistd[^/]*\.h$/,
  /(^|\/)asm-generic\/unistd\.h$/,
  /(^|\/)asm\/bitsperlong\.h$/,
  /(^|\/)linux\/version\.h$/,
];

/** The machine's own Debian mirror (the first `URIs:` of /etc/apt/sources.list.d/debian.sources). */
function debianMirror(): string {
  const text = readFileSync("/etc/apt/sources.list.d/debian.sources", "utf8");
  const uri = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text)?.[1];
  if (uri === undefined) throw new Error("/etc/apt/sources.list.d/debian.sources: no Debian URIs line");
  return uri;
}

function aptOptions(suite: string, dir: string): string[] {
  mkdirSync(join(dir, "lists", "partial"), { recursive: true });
  mkdirSync(join(dir, "cache", "archives", "partial"), { recursive: true });
  const list = join(dir, "sources.list");
  writeFileSync(list, `deb [signed-by=${keyring}] ${debianMirror()} ${suite} main\n`);
  return [
    "-o",
    "APT::Sandbox::User=root",
    "-o",
    `Dir::Etc::SourceList=${list}`,
    "-o",
    "Dir::Etc::SourceParts=/dev/null",
    "-o",
    `Dir::State::Lists=${join(dir, "lists")}`,
    "-o",
    `Dir::Cache=${join(dir, "cache")}`,
  ];
}

/** The index stanza of `name=version` (apt-cache show; the same package may be listed by several indexes). */
function stanza(opts: string[], p: DebianPackage): Record<string, string> {
  const text = execFileSync("apt-cache", [...opts, "show", `${p.name}=${p.version}`], { encoding: "utf8" });
  const fields = (block: string) =>
    Object.fromEntries(
      block
        .split("\n")
        .filter((l) => /^\S+: /.test(l))
        .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]),
    );
  const blocks = text
    .split(/\n\n+/)
    .filter((b) => b.trim() !== "")
    .map(fields)
    .filter((f) => f.Architecture === p.arch);
  const shas = new Set(blocks.map((b) => b.SHA256));
  if (blocks.length === 0 || shas.size !== 1)
    throw new Error(`${p.name}=${p.version} (${p.arch}): expected one SHA256 in the index, found ${shas.size}`);
  return blocks[0] as Record<string, string>;
}

/** Files and symlinks (trixie's usr/include/<triplet>/asm/* point into usr/lib/linux/uapi/<arch>/asm/). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() || e.isSymbolicLink() ? [join(dir, e.name)] : [],
  );
}

const stampName = ".deb.sha256";

/** Downloads (once) one package of a suite, checks its sha256 against the index, keeps its header files. */
function fetchPackage(s: DebianSuite, p: DebianPackage, opts: () => string[]): string {
  const out = join(registryCache, "debian", s.dir, packageDir(p));
  const stamp = join(out, stampName);
  if (existsSync(stamp)) return readFileSync(stamp, "utf8").trim();
  const cache = join(registryCache, "debian", `${s.suite}-debs`);
  mkdirSync(cache, { recursive: true });
  const o = opts();
  const index = stanza(o, p);
  const deb = join(cache, `${packageDir(p)}.deb`);
  if (!existsSync(deb))
    execFileSync("apt-get", [...o, "-q", "download", `${p.name}=${p.version}`], {
      cwd: cache,
      stdio: ["ignore", "ignore", "inherit"],
    });
  const sha = sha256(readFileSync(deb));
  if (sha !== index.SHA256)
    throw new Error(`${deb}: sha256 ${sha}, the ${s.suite} Packages index says ${index.SHA256}`);
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

const suiteOpts = new Map<string, string[]>();

/** The kept header files of `<suite dir>/<package dir>`, fetched on first use; the .deb is pinned. */
export function debianFiles(dirs: string): Map<string, string> {
  const [dir, pkgDir] = dirs.split("/");
  const s = debianSuites.find((x) => x.dir === dir);
  const p = s?.packages.find((x) => packageDir(x) === pkgDir);
  if (s === undefined || p === undefined) throw new Error(`unknown Debian package directory ${dirs}`);
  const opts = () => {
    let o = suiteOpts.get(s.suite);
    if (o === undefined) {
      o = aptOptions(s.suite, join(registryCache, "debian", `${s.suite}-apt`));
      execFileSync("apt-get", [...o, "-q", "update"], { stdio: ["ignore", "ignore", "inherit"] });
      suiteOpts.set(s.suite, o);
    }
    return o;
  };
  const sha = fetchPackage(s, p, opts);
  addPin({ source: "debian", id: `${s.suite} ${p.name}=${p.version} (${p.arch})`, sha256: sha });
  const root = join(registryCache, "debian", s.dir, packageDir(p));
  const files = new Map<string, string>();
  for (const f of walk(root).sort()) {
    const rel = relative(root, f);
    if (rel !== stampName) files.set(rel, readFileSync(f, "utf8"));
  }
  return files;
}
