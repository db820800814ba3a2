// Per-call cost of the answer checks, in-process (no network): the /me check as shipped (plain
// code, src/oauth/identity.ts) against a zod/mini schema of the same shape and the old plain fast
// path it replaced, and the token-answer schema in zod/mini against zod classic. Run with
// `npx tsx bench/micro/validators.ts`; the figures go to docs/performance.md.
import { z as classic } from "zod";
import * as z from "zod/mini";

import { badFields } from "../../src/oauth/identity.js";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown) => (typeof v === "string" && v !== "") || typeof v === "number";
const isText = (v: unknown) => v === undefined || v === null || typeof v === "string";

function identityOf(me: Json, app: Json) {
  return Object.freeze({
    admin: Object.freeze({
      id: String(me.id),
      name: (me.name as string | undefined) ?? null,
      email: me.email as string,
      emailVerified: me.email_verified === true,
    }),
    workspace: Object.freeze({
      id: String(app.id_code),
      name: (app.name as string | undefined) ?? null,
      region: (app.region as string | undefined) ?? null,
      timezone: (app.timezone as string | undefined) ?? null,
    }),
  });
}

// The fast path of 0.1.0 (wellFormedMe), which fell back to a zod schema for any other answer.
function oldFastPath(json: unknown) {
  if (!isRecord(json) || !isRecord(json.app)) return undefined;
  const app = json.app;
  if (!isId(json.id) || typeof json.email !== "string" || !isText(json.name) || !isId(app.id_code)) return undefined;
  if (!isText(app.name) || !isText(app.region) || !isText(app.timezone)) return undefined;
  const verified = json.email_verified;
  if (verified !== undefined && verified !== null && typeof verified !== "boolean") return undefined;
  return identityOf(json, app);
}

const id = z.union([z.string().check(z.minLength(1)), z.pipe(z.number(), z.transform(String))]);
const text = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => v ?? null),
);
const meMini = z.object({
  id,
  name: text,
  email: z.string(),
  email_verified: z.nullish(z.boolean()),
  app: z.object({ id_code: id, name: text, region: text, timezone: text }),
});

const nonEmpty = z.optional(z.string().check(z.minLength(1)));
const tokenMini = z.object({ token: nonEmpty, access_token: nonEmpty, token_type: z.optional(z.string()) });
const tokenClassic = classic.object({
  token: classic.string().min(1).optional(),
  access_token: classic.string().min(1).optional(),
  token_type: classic.string().optional(),
});

const ME = JSON.parse(
  '{"type":"admin","id":"991267","email":"ada@example.com","name":"Ada","email_verified":true,"has_inbox_seat":true,' +
    '"app":{"type":"app","id_code":"drzzt019","name":"Acme","region":"US","timezone":"Europe/Dublin","created_at":1700000000}}',
) as Json;
const TOKEN = { token: "dG9rOjZmMWMyYThl", access_token: "dG9rOjZmMWMyYThl", token_type: "Bearer" };

const variants: Record<string, () => unknown> = {
  "/me: plain check, as shipped": () => (badFields(ME).length === 0 ? identityOf(ME, ME.app as Json) : undefined),
  "/me: the 0.1.0 plain fast path": () => oldFastPath(ME),
  "/me: zod/mini schema": () => {
    const parsed = meMini.safeParse(ME);
    return parsed.success ? identityOf(parsed.data, parsed.data.app) : undefined;
  },
  "token answer: zod/mini, as shipped": () => tokenMini.safeParse(TOKEN).data,
  "token answer: zod classic (0.1.0)": () => tokenClassic.safeParse(TOKEN).data,
};

const CALLS = 300_000;
const ROUNDS = 11;
const samples = new Map(Object.keys(variants).map((name) => [name, [] as number[]]));
let sink = 0;
const names = Object.keys(variants);
for (let round = 0; round < ROUNDS + 2; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length] as string;
    const run = variants[name] as () => unknown;
    const start = process.hrtime.bigint();
    for (let call = 0; call < CALLS; call++) if (run() !== undefined) sink++;
    if (round >= 2) samples.get(name)?.push(Number(process.hrtime.bigint() - start) / CALLS / 1000);
  }
}
process.stdout.write(`| check | median µs/call | best round µs/call |\n|---|---:|---:|\n`);
for (const [name, values] of samples) {
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] as number;
  process.stdout.write(`| ${name} | ${median.toFixed(3)} | ${(values[0] as number).toFixed(3)} |\n`);
}
if (sink !== CALLS * ROUNDS * names.length + CALLS * 2 * names.length) process.exitCode = 1;
