/**
 * A decompressor's stdout as child-output.ts takes it: a real child's output byte for byte, the
 * child paused while the consumer is busy instead of queueing without bound, the pipe closed on
 * `stop`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { streamOutput } from "../src/child-output.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let dir: string;
let input: Buffer;
let inputPath: string;

beforeAll(() => {
  dir = scratchDir();
  input = randomBytes(20 * 1024 * 1024);
  inputPath = join(dir, "input.bin");
  writeFileSync(inputPath, input);
});

describe("streamOutput", () => {
  it("hands on a child's 20 MiB exactly, pausing it while the consumer stalls", async () => {
    const child = spawn("cat", [inputPath], { stdio: ["ignore", "pipe", "inherit"] });
    const output = streamOutput(child.stdout);
    const batches: Buffer[] = [];
    try {
      for await (const batch of output.chunks) {
        // cat writes all 20 MiB in far less than this: unpaused, the next batch would hold the rest.
        if (batches.length === 0) await sleep(300);
        batches.push(batch);
      }
    } finally {
      output.stop();
    }
    expect(Buffer.concat(batches).equals(input)).toBe(true);
    expect(batches.length).toBeGreaterThan(1);
    // The queue pauses the child past 8 MiB; what arrives before the pause takes effect is one
    // read more (64 KiB).
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(9 * 1024 * 1024);
  });

  it("stop closes the pipe: a child still writing ends instead of blocking", async () => {
    const child = spawn("cat", ["/dev/zero"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal })),
    );
    const output = streamOutput(child.stdout);
    const first = await output.chunks.next();
    expect(first.done).toBe(false);
    output.stop();
    // Node's child pipes are Unix socketpairs: closing the reading end while bytes sit unread in
    // its receive buffer makes the writer's next write fail with ECONNRESET (cat reports it and
    // exits 1); with the buffer empty the write gets EPIPE and cat dies of SIGPIPE. Which one
    // happens depends on timing; that cat ends at all is what `stop` guarantees (without it, cat
    // blocks on a full pipe forever and this test times out).
    const end = await closed;
    if (end.signal !== null) expect(end.signal).toBe("SIGPIPE");
    else {
      expect(end.code).toBe(1);
      expect(stderr).toMatch(/write error: Connection reset by peer/);
    }
  });

  it("a child that never started: the output ends at once, empty (the spawn error is the child's)", async () => {
    const child = spawn(join(dir, "no-such-program"), [], { stdio: ["ignore", "pipe", "ignore"] });
    const spawnError = new Promise<string>((resolve) => child.on("error", (e) => resolve(e.message)));
    const output = streamOutput(child.stdout);
    const got: Buffer[] = [];
    for await (const batch of output.chunks) got.push(batch);
    output.stop();
    expect(got).toEqual([]);
    expect(await spawnError).toMatch(/ENOENT/);
  });
});

it("streamOutput reads any Readable, not only a pipe", async () => {
  const stream = new PassThrough();
  const output = streamOutput(stream);
  stream.end(Buffer.from("abc"));
  const got: Buffer[] = [];
  for await (const batch of output.chunks) got.push(batch);
  expect(Buffer.concat(got).toString()).toBe("abc");
});
