// Benchmark 5: 20,000 sequential code exchanges against the stand-in (dist/testing-node.js over
// node:http, in its own process), heap after GC at the start (after warm-up) and at the end.
// Forked by run.ts with --expose-gc; gets the origin and valid codes over IPC.

import { fork } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { BENCH_DIR, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, loadSdk } from "./common.js";

export interface MemoryInput {
  readonly origin: string;
  readonly warmup: number;
  readonly exchanges: number;
  readonly codes: readonly string[];
}

export interface MemoryResult {
  readonly warmup: number;
  readonly exchanges: number;
  readonly heapStartMiB: number;
  readonly heapEndMiB: number;
  readonly growthMiB: number;
  /** heapUsed after GC every `sampleEvery` exchanges. */
  readonly samplesMiB: readonly number[];
  readonly sampleEvery: number;
  readonly seconds: number;
  /** The last token worked for getIdentity against the stand-in. */
  readonly identityChecked: boolean;
  readonly goal: string;
  readonly goalMiB: number;
  readonly pass: boolean;
}

const MiB = 1024 * 1024;

/**
 * heapUsed after full GCs. The short sleeps between them let asynchronous clean-up run
 * (stream and AbortSignal finalizers queued by the previous GC); without them a single
 * reading swings by a megabyte or two from one sample to the next.
 */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("bench memory: run node with --expose-gc");
  for (let i = 0; i < 4; i++) {
    gc();
    await sleep(10);
  }
  gc();
  return process.memoryUsage().heapUsed;
}

async function measure(input: MemoryInput): Promise<MemoryResult> {
  const sdk = await loadSdk();
  const client = sdk.createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    baseUrls: { app: input.origin, api: input.origin },
  });
  const codes = input.codes;
  if (codes.length < input.warmup + input.exchanges) throw new Error("bench memory: not enough codes");
  let next = 0;
  let last = "";
  for (let i = 0; i < input.warmup; i++) last = (await client.exchangeCode(codes[next++] as string)).accessToken;
  const sampleEvery = 5_000;
  const start = await heapAfterGc();
  const samples = [start / MiB];
  const began = performance.now();
  for (let i = 1; i <= input.exchanges; i++) {
    last = (await client.exchangeCode(codes[next++] as string)).accessToken;
    if (i % sampleEvery === 0 && i !== input.exchanges) samples.push((await heapAfterGc()) / MiB);
  }
  const seconds = (performance.now() - began) / 1000;
  const end = await heapAfterGc();
  samples.push(end / MiB);
  const identity = await client.getIdentity(last);
  const growthMiB = (end - start) / MiB;
  return {
    warmup: input.warmup,
    exchanges: input.exchanges,
    heapStartMiB: start / MiB,
    heapEndMiB: end / MiB,
    growthMiB,
    samplesMiB: samples,
    sampleEvery,
    seconds,
    identityChecked: identity.workspace.id.length > 0,
    goal: "heap after GC grows < 2 MiB",
    goalMiB: 2,
    pass: growthMiB < 2,
  };
}

/** Parent side: forks this script with --expose-gc and returns its result. */
export function runMemory(input: MemoryInput): Promise<MemoryResult> {
  const child = fork(join(BENCH_DIR, "memory.js"), ["child"], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench memory child exited with ${code} before reporting`)));
    child.once("message", (message: { result?: MemoryResult; error?: string }) => {
      child.removeAllListeners("exit");
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? "bench memory: no result"));
    });
    child.send(input);
  });
}

if (process.argv[2] === "child") {
  process.once("message", (input: MemoryInput) => {
    // Exit once the message is out: idle keep-alive sockets would hold the process open.
    const reply = (message: { result?: MemoryResult; error?: string }): void => {
      process.send?.(message, () => process.exit(0));
    };
    measure(input).then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
