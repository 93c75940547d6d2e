#!/usr/bin/env node
// The published `xsysgen` bin: the CLI bundle scripts/release-pack.ts builds into dist/.
import "../dist/cli.mjs";
