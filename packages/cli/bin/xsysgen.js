#!/usr/bin/env node
// The installed `xsysgen` command. The sources are TypeScript run in place (no build step):
// Node 20 cannot strip types itself, so tsx's loader is registered first.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
