/**
 * apt-get under a private configuration (the machine's /etc/apt is not touched): one Debian suite's
 * Packages index kept in a directory of our own, and .deb files checked against the SHA256 that
 * index gives. The test inputs (lib/debian.ts) and the registry build (registry/fetch-debian.ts)
 * both fetch pinned packages through it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

/** A package of a suite, pinned: `apt-get download name=version`, the index stanza of `arch`. */
export interface PinnedPackage {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
}

const keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

/** The machine's own Debian mirror (first `URIs:` of debian.sources), else deb.debian.org. */
function debianMirror(): string {
  const sources = "/etc/apt/sources.list.d/debian.sources";
  const uri = existsSync(sources) ? /^URIs:\s*(\S+\/debian)\s*$/m.exec(readFileSync(sources, "utf8"))?.[1] : undefined;
  return uri ?? "http://deb.debian.org/debian";
}

function aptGet(args: readonly string[], cwd?: string): void {
  execFileSync("apt-get", args, { stdio: ["ignore", "ignore", "pipe"], ...(cwd === undefined ? {} : { cwd }) });
}

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

/** One suite's private apt: its sources.list, lists and cache under `dir`. */
export class SuiteApt {
  private readonly options: readonly string[];

  constructor(
    readonly suite: string,
    dir: string,
  ) {
    mkdirSync(join(dir, "lists", "partial"), { recursive: true });
    mkdirSync(join(dir, "cache", "archives", "partial"), { recursive: true });
    const list = join(dir, "sources.list");
    writeFileSync(list, `deb [signed-by=${keyring}] ${debianMirror()} ${suite} main\n`);
    this.options = [
      // Downloads land in our own directories, which apt's _apt user may not reach.
      ...["-o", "APT::Sandbox::User=root"],
      ...["-o", `Dir::Etc::SourceList=${list}`],
      ...["-o", "Dir::Etc::SourceParts=/dev/null"],
      ...["-o", `Dir::State::Lists=${join(dir, "lists")}`],
      ...["-o", `Dir::Cache=${join(dir, "cache")}`],
    ];
    const listed = readdirSync(join(dir, "lists")).some((f) => f.endsWith("_Packages") || f.includes("_Packages."));
    if (!listed) this.update();
  }

  private update(): void {
    aptGet([...this.options, "-q", "update"]);
  }

  /** Fetches the suite's Packages index anew (`apt-get update`). */
  refresh(): void {
    this.update();
  }

  /** Every version of each package the suite's index lists, with its Architecture and SHA256 (one apt-cache run). */
  available(names: readonly string[]): Map<string, Array<{ version: string; arch: string; sha256: string }>> {
    // apt-cache prints the packages it knows and exits non-zero for the others: its stdout is read either way.
    const run = spawnSync("apt-cache", [...this.options, "show", ...names], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (run.error !== undefined) throw run.error;
    const out = new Map(names.map((n) => [n, [] as Array<{ version: string; arch: string; sha256: string }>]));
    for (const block of run.stdout.split(/\n\n+/)) {
      const field = (k: string) => new RegExp(`^${k}: (.+)$`, "m").exec(block)?.[1];
      const [name, version, arch, sha256] = [
        field("Package"),
        field("Version"),
        field("Architecture"),
        field("SHA256"),
      ];
      if (name === undefined || version === undefined || arch === undefined || sha256 === undefined) continue;
      out.get(name)?.push({ version, arch, sha256 });
    }
    return out;
  }

  private indexSha256(p: PinnedPackage): string {
    const text = execFileSync("apt-cache", [...this.options, "show", `${p.name}=${p.version}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const shas = new Set(
      text.split(/\n\n+/).flatMap((block) => {
        const field = (k: string) => new RegExp(`^${k}: (.+)$`, "m").exec(block)?.[1];
        return field("Architecture") === p.arch && field("SHA256") !== undefined ? [field("SHA256") as string] : [];
      }),
    );
    if (shas.size !== 1)
      throw new Error(
        `${p.name}=${p.version} (${p.arch}): ` +
          `expected one SHA256 in the ${this.suite} Packages index, found ${shas.size}`,
      );
    return [...shas][0] as string;
  }

  /**
   * Downloads `p` to `deb` (through a temp directory beside it, renamed into place only once its
   * sha256 is the index's) and returns that sha256.
   */
  download(p: PinnedPackage, deb: string): string {
    let want: string;
    try {
      want = this.indexSha256(p);
    } catch {
      // Lists from an earlier run may predate the pinned version: refresh them once.
      this.update();
      want = this.indexSha256(p);
    }
    const part = mkdtempSync(join(deb, "..", ".download-"));
    try {
      aptGet([...this.options, "-q", "download", `${p.name}=${p.version}`], part);
      const got = readdirSync(part).find((f) => f.endsWith(".deb"));
      if (got === undefined) throw new Error(`apt-get download ${p.name}=${p.version} left no .deb`);
      const sha = sha256(readFileSync(join(part, got)));
      if (sha !== want)
        throw new Error(`${p.name}_${p.version}: sha256 ${sha}, the ${this.suite} Packages index says ${want}`);
      renameSync(join(part, got), deb);
      return sha;
    } finally {
      rmSync(part, { recursive: true, force: true });
    }
  }
}
