// Benchmarks 1 and 2: the SDK's exchangeCode and getIdentity against the floors they sit
// on, a bare ky call with the same ky options (our dependency's floor) and a bare fetch
// (the platform's floor), over loopback to the forked minimal server.
//
// Variants are interleaved in rotated order (ABCD, BCDA, …), a batch of each per round,
// so drift in machine speed hits all of them alike. The bare ky call runs twice, as two
// variants: an A/A control that shows how far apart two identical calls measure.

import ky from "ky";
import { performance } from "node:perf_hooks";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  FIXED_CODE,
  FIXED_TOKEN,
  REDIRECT_URI,
  type Sdk,
  type Summary,
  TIMEOUT_MS,
  median,
  rotation,
  summarize,
} from "./common.js";

/** "kyAgain" is the bare ky call once more, as its own variant: an A/A control whose ratio to "ky" shows the noise floor. */
export type VariantName = "sdk" | "ky" | "kyAgain" | "fetch";
type Op = () => Promise<unknown>;

export interface HttpSettings {
  readonly warmupOps: number;
  readonly sequentialRounds: number;
  readonly sequentialBatch: number;
  readonly concurrency: number;
  readonly concurrentRounds: number;
  /** Operations per concurrent batch (spread over `concurrency` workers). */
  readonly concurrentBatch: number;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  warmupOps: 500,
  sequentialRounds: 36,
  sequentialBatch: 80,
  concurrency: 32,
  concurrentRounds: 24,
  concurrentBatch: 512,
};

export interface ModeResult {
  /** "sequential" (per-op latency, µs) or "concurrent-32" (wall time per op in a batch, µs). */
  readonly mode: string;
  readonly unit: "us/op";
  readonly variants: Record<VariantName, Summary>;
  /** median(sdk) / median(ky). */
  readonly ratioToKy: number;
  /** median(sdk) / median(fetch). */
  readonly ratioToFetch: number;
  /** median(ky) / median(fetch), for context. */
  readonly kyToFetch: number;
  /** median(kyAgain) / median(ky): the same call measured twice; its distance from 1 is the noise floor. */
  readonly aaRatio: number;
  /**
   * A drift check: the median over rounds of (sdk's round figure / ky's round figure), the
   * round figure being the batch median (sequential) or the batch time per call
   * (concurrent). Both ran back to back in the same round, under the same machine load.
   */
  readonly pairedRatioToKy: number;
}

export interface OperationResult {
  readonly name: string;
  readonly goal: string;
  readonly goalRatio: number;
  readonly sequential: ModeResult;
  readonly concurrent: ModeResult;
  /** Both modes at or under the goal ratio. */
  readonly pass: boolean;
}

/** Runs `count` ops one after another, appending each op's time (µs) to `out`; returns the batch median. */
async function sequentialBatch(op: Op, count: number, out: number[]): Promise<number> {
  const batch: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await op();
    batch.push((performance.now() - start) * 1000);
  }
  out.push(...batch);
  return median(batch);
}

/** Runs `count` ops on `concurrency` workers; returns the batch's wall time per op in µs. */
async function concurrentBatch(op: Op, count: number, concurrency: number): Promise<number> {
  let left = count;
  const worker = async (): Promise<void> => {
    while (left > 0) {
      left--;
      await op();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ((performance.now() - start) * 1000) / count;
}

function modeResult(
  mode: string,
  samples: Record<VariantName, number[]>,
  rounds: Record<VariantName, number[]>,
): ModeResult {
  const variants = {
    sdk: summarize(samples.sdk),
    ky: summarize(samples.ky),
    kyAgain: summarize(samples.kyAgain),
    fetch: summarize(samples.fetch),
  };
  return {
    mode,
    unit: "us/op",
    variants,
    ratioToKy: variants.sdk.median / variants.ky.median,
    ratioToFetch: variants.sdk.median / variants.fetch.median,
    kyToFetch: variants.ky.median / variants.fetch.median,
    aaRatio: variants.kyAgain.median / variants.ky.median,
    pairedRatioToKy: median(rounds.sdk.map((sdk, r) => sdk / (rounds.ky[r] as number))),
  };
}

async function compare(
  name: string,
  ops: Record<VariantName, Op>,
  settings: HttpSettings,
  goalRatio: number,
): Promise<OperationResult> {
  const names: VariantName[] = ["sdk", "ky", "kyAgain", "fetch"];
  // Warm-up: JIT, connection pool, and the server's own warm-up.
  for (const v of names) await sequentialBatch(ops[v], settings.warmupOps, []);
  for (const v of names) await concurrentBatch(ops[v], settings.concurrentBatch, settings.concurrency);

  const seq: Record<VariantName, number[]> = { sdk: [], ky: [], kyAgain: [], fetch: [] };
  const seqRounds: Record<VariantName, number[]> = { sdk: [], ky: [], kyAgain: [], fetch: [] };
  for (let r = 0; r < settings.sequentialRounds; r++) {
    for (const v of rotation(names, r))
      seqRounds[v].push(await sequentialBatch(ops[v], settings.sequentialBatch, seq[v]));
  }
  const conc: Record<VariantName, number[]> = { sdk: [], ky: [], kyAgain: [], fetch: [] };
  for (let r = 0; r < settings.concurrentRounds; r++) {
    for (const v of rotation(names, r))
      conc[v].push(await concurrentBatch(ops[v], settings.concurrentBatch, settings.concurrency));
  }
  const sequential = modeResult("sequential", seq, seqRounds);
  const concurrent = modeResult(`concurrent-${settings.concurrency}`, conc, conc);
  return {
    name,
    goal: `median <= ${goalRatio}x bare ky`,
    goalRatio,
    sequential,
    concurrent,
    pass: sequential.ratioToKy <= goalRatio && concurrent.ratioToKy <= goalRatio,
  };
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected)
    throw new Error(`bench sanity check failed: ${what} is ${String(actual)}, expected ${String(expected)}`);
}

/** The three exchange and three identity calls, checked once before any timing. */
export async function buildOps(
  sdk: Sdk,
  origin: string,
): Promise<{ exchange: Record<VariantName, Op>; identity: Record<VariantName, Op> }> {
  const client = sdk.createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    baseUrls: { app: origin, api: origin },
    timeoutMs: TIMEOUT_MS,
  });
  const endpoints = sdk.intercomEndpoints("us", { app: origin, api: origin });
  const form = (): URLSearchParams =>
    new URLSearchParams({ code: FIXED_CODE, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  const formHeaders = { accept: "application/json" };
  const bearer = {
    authorization: `Bearer ${FIXED_TOKEN}`,
    accept: "application/json",
    "intercom-version": sdk.DEFAULT_API_VERSION,
  };

  // The bare ky baseline: the SDK's ky options, minus the SDK's own code.
  const exchange: Record<VariantName, Op> = {
    sdk: () => client.exchangeCode(FIXED_CODE),
    ky: () =>
      ky
        .post(endpoints.token, {
          headers: formHeaders,
          body: form(),
          retry: 0,
          throwHttpErrors: false,
          timeout: TIMEOUT_MS,
        })
        .json(),
    kyAgain: () =>
      ky
        .post(endpoints.token, {
          headers: formHeaders,
          body: form(),
          retry: 0,
          throwHttpErrors: false,
          timeout: TIMEOUT_MS,
        })
        .json(),
    fetch: () => fetch(endpoints.token, { method: "POST", headers: formHeaders, body: form() }).then((r) => r.json()),
  };
  const identity: Record<VariantName, Op> = {
    sdk: () => client.getIdentity(FIXED_TOKEN),
    ky: () => ky.get(endpoints.me, { headers: bearer, retry: 0, throwHttpErrors: false, timeout: TIMEOUT_MS }).json(),
    kyAgain: () =>
      ky.get(endpoints.me, { headers: bearer, retry: 0, throwHttpErrors: false, timeout: TIMEOUT_MS }).json(),
    fetch: () => fetch(endpoints.me, { headers: bearer }).then((r) => r.json()),
  };

  const token = await client.exchangeCode(FIXED_CODE);
  assertEqual(token.accessToken, FIXED_TOKEN, "sdk exchangeCode token");
  assertEqual(((await exchange.ky()) as { token?: string }).token, FIXED_TOKEN, "bare ky exchange token");
  assertEqual(((await exchange.fetch()) as { token?: string }).token, FIXED_TOKEN, "bare fetch exchange token");
  const identityResult = await client.getIdentity(FIXED_TOKEN);
  assertEqual(identityResult.workspace.id, "drzzt019", "sdk getIdentity workspace id");
  assertEqual(
    ((await identity.ky()) as { app?: { id_code?: string } }).app?.id_code,
    "drzzt019",
    "bare ky /me app.id_code",
  );
  assertEqual(
    ((await identity.fetch()) as { app?: { id_code?: string } }).app?.id_code,
    "drzzt019",
    "bare fetch /me app.id_code",
  );
  return { exchange, identity };
}

export async function runHttpBench(
  sdk: Sdk,
  origin: string,
  settings: HttpSettings = DEFAULT_HTTP_SETTINGS,
): Promise<{ exchange: OperationResult; identity: OperationResult }> {
  const ops = await buildOps(sdk, origin);
  const exchange = await compare("exchangeCode", ops.exchange, settings, 1.05);
  const identity = await compare("getIdentity", ops.identity, settings, 1.05);
  return { exchange, identity };
}
