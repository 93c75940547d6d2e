/**
 * The environment npm runs in from the workspace's scripts and tests (pack-install's project, the
 * Node binaries of scripts/lib/node-lines.ts): no PATH entry into the workspace (pnpm puts its
 * node_modules/.bin, which has the workspace's own `xsysgen`, first), and none of pnpm's npm_*
 * variables, which npm would read as configuration.
 */
import { delimiter, resolve } from "node:path";
import { repoRoot } from "./debian.ts";

export function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(key) && !keep.test(key)) continue;
    env[key] = value;
  }
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && !resolve(dir).startsWith(repoRoot));
  return {
    ...env,
    PATH: path.join(delimiter),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
}
