/**
 * Debian's headless Chromium as the tests run it: no sandbox (root in a container), no GPU, and none of the
 * background connections it makes at start (updates, sync, QUIC), which this machine's closed network
 * refuses many at a time.
 */
export const chromiumExecutable = "/usr/bin/chromium";

export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
