/**
 * Downloads, one after another, the real Debian packages the tests read (into .cache/debian via
 * scripts/lib/debian.ts), so parallel test workers never race to fetch the same .deb. Run by
 * scripts/install.sh; the tests still fetch anything missing themselves.
 */
import { crossArches, debianPackage } from "./lib/debian.ts";

const names = ["linux-libc-dev", ...crossArches.map((arch) => `linux-libc-dev-${arch}-cross`), "golang-golang-x-sys-dev"];
for (const name of names) debianPackage(name);
process.stdout.write(`${names.length} Debian packages ready in .cache/debian\n`);
