#!/usr/bin/env bash
# One-time set-up on a fresh Debian 12 machine with Node 20, Go and gcc: pnpm, the workspace's
# packages, and the Debian tools the tests drive for real (rpm to build .rpm fixtures,
# chromium to render the HTML diff, g++ for the C++ check of the fallback header; time and cpio
# for the benchmark's CPU column and rpm baseline).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pnpm >/dev/null 2>&1 || npm install -g pnpm@12
pnpm install --frozen-lockfile
# The installed xsysgen runs this bundle (fast start) and falls back to the sources when it is stale.
pnpm build:bin

need=()
command -v rpmbuild >/dev/null 2>&1 || need+=(rpm)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v bzip2 >/dev/null 2>&1 || need+=(bzip2)
# `pnpm bench`: CPU time of whole process trees (time), the rpm baseline (rpm2cpio | cpio).
[ -x /usr/bin/time ] || need+=(time)
command -v cpio >/dev/null 2>&1 || need+=(cpio)
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
elif [ ${#need[@]} -gt 0 ]; then
  echo "install.sh: please install with apt: ${need[*]}" >&2
fi

# The real Debian packages the tests read (linux-libc-dev 6.1 for 14 arches, x/sys v0.3.0).
pnpm exec tsx scripts/fetch-test-inputs.ts
# Go's build cache: the standard library and x/sys for each GOARCH, which the tests compile again and again.
pnpm exec tsx scripts/warm-go-cache.ts
# The four checks' caches (node_modules/.cache/xsysgen-checks, content-keyed): `pnpm test` runs the
# checks again and then looks only at files changed since. A failure here is reported by `pnpm test`.
if pnpm --silent test:checks >/dev/null 2>&1; then
  echo "typecheck, lint, format and unused-code caches ready"
else
  echo "typecheck, lint, format or unused code fails now: pnpm test will say which"
fi
