/**
 * vitest's setupFiles entry (vitest.config.ts) for scratch directories (scratch.ts). vitest evaluates
 * it again before it collects each test file, in the worker process that ran the files before, so the
 * hooks it registers are that file's, and they come first: before hooks run in the order they were
 * registered, after hooks in reverse (sequence.hooks "stack"). The scratch directories are removed
 * once the file's own afterAll hooks have stopped what they started (a child process, a changed cwd).
 */
import { afterAll, beforeAll, expect } from "vitest";
import { beginTestFile, endCollection, removeScratchDirs } from "./scratch.ts";

beginTestFile(expect.getState().testPath);
beforeAll(endCollection);
afterAll(removeScratchDirs);
