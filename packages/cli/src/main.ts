#!/usr/bin/env node
process.stdout.write("xsysgen: not yet\n");
