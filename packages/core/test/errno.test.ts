/**
 * The one errno wording (errno.ts), on errors Node itself throws: the text without Node's `CODE: `
 * prefix and `, syscall 'path'` tail, the code in parentheses; the path and call only from
 * renderErrnoAt; Node's own ERR_* codes and plain errors are not errnos.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isErrnoError, renderErrno, renderErrnoAt } from "../src/index.ts";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("renderErrno", () => {
  it("words a real ENOENT and EISDIR without Node's prefix and path", () => {
    const missing = thrown(() => readFileSync("/nonexistent/xsysgen"));
    expect(isErrnoError(missing)).toBe(true);
    expect(renderErrno(missing)).toBe("no such file or directory (ENOENT)");
    expect(renderErrno(thrown(() => readFileSync("/")))).toBe("illegal operation on a directory (EISDIR)");
  });

  it("renderErrnoAt names the path, the destination and the call", () => {
    const error = thrown(() => renameSync("/nonexistent/a", "/nonexistent/b"));
    expect(renderErrnoAt(error as Parameters<typeof renderErrnoAt>[0])).toBe(
      "/nonexistent/a -> /nonexistent/b: cannot rename: no such file or directory (ENOENT)",
    );
  });

  it("gives the code alone when Node's message has no text for it (a failed spawn)", () => {
    const { error } = spawnSync("/nonexistent/xsysgen-tool");
    expect(error?.message).toMatch(/^spawnSync \/nonexistent\/xsysgen-tool ENOENT$/);
    expect(renderErrno(error)).toBe("ENOENT");
  });

  it("leaves other errors to their message", () => {
    const internal = Object.assign(new Error("The argument is invalid"), { code: "ERR_INVALID_ARG_TYPE" });
    expect(isErrnoError(internal)).toBe(false);
    expect(renderErrno(internal)).toBe("The argument is invalid");
    expect(renderErrno("text")).toBe("text");
  });
});
