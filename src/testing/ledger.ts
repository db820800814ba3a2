// The stand-in's ledger: everything `reset()` forgets. Codes, tokens and consent pages issued,
// the request log and counts, and the faults and consent decisions queued for the next requests.

import type { Region } from "../regions.js";
import { DEFAULT_WORKSPACE_ID, type Limits } from "./options.js";
import type {
  ConsentDecision,
  StandInAdmin,
  StandInEndpoint,
  StandInFault,
  StandInFaultType,
  StandInRequestRecord,
  StandInTokenState,
  StandInWorkspace,
} from "./types.js";
import { mintCode, mintTicket, mintToken } from "./wire.js";

/** An authorization code not yet exchanged. @internal */
export interface CodeEntry {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly region: Region;
  readonly expiresAt: number;
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
}

/** A consent page shown and not yet answered: what its Connect or Cancel button decides on. @internal */
export interface PromptEntry {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly region: Region;
  readonly state: string | null;
  readonly expiresAt: number;
}

/** An access token, active or revoked. @internal */
export interface TokenEntry {
  readonly clientId: string;
  readonly region: Region;
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
  revoked: boolean;
}

interface QueuedFault {
  readonly fault: StandInFault;
  remaining: number;
}

type Counts = Record<StandInEndpoint | "unknown", number>;

function noCounts(): Counts {
  return { authorize: 0, token: 0, me: 0, uninstall: 0, unknown: 0 };
}

// Maps keep insertion order, which is issue order: the oldest entry goes first.
function remember<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
  map.set(key, value);
  if (map.size > cap) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

/** What the stand-in has issued and seen, bounded by its limits. @internal */
export class Ledger {
  readonly #limits: Limits;
  readonly #now: () => number;
  readonly #codes = new Map<string, CodeEntry>();
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #prompts = new Map<string, PromptEntry>();
  readonly #faults = new Map<StandInEndpoint, QueuedFault[]>();
  readonly #decisions: ConsentDecision[] = [];
  #log: StandInRequestRecord[] = [];
  #logStart = 0;
  #counts = noCounts();

  constructor(limits: Limits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  #pruneCodes(at: number): void {
    for (const [code, entry] of this.#codes) {
      if (entry.expiresAt > at && this.#codes.size <= this.#limits.codes) break;
      this.#codes.delete(code);
    }
  }

  /** Mints a code for a consent given at `at`, valid until `entry.expiresAt`. */
  issueCode(entry: CodeEntry, at: number): string {
    this.#pruneCodes(at);
    const code = mintCode();
    remember(this.#codes, code, entry, this.#limits.codes);
    return code;
  }

  /** Takes a code out of the ledger: any presentation burns it, so it works once at most. */
  redeemCode(code: string | undefined, at: number): CodeEntry | undefined {
    this.#pruneCodes(at);
    const entry = code === undefined ? undefined : this.#codes.get(code);
    if (entry !== undefined) this.#codes.delete(code as string);
    return entry;
  }

  /** Opens a consent page: its ticket, which the page's form posts back once. */
  openPrompt(entry: PromptEntry): string {
    const ticket = mintTicket();
    remember(this.#prompts, ticket, entry, this.#limits.codes);
    return ticket;
  }

  /** Takes a consent page's ticket out: a second post of the same page finds nothing. */
  takePrompt(ticket: string | null, at: number): PromptEntry | undefined {
    const entry = ticket === null ? undefined : this.#prompts.get(ticket);
    if (entry !== undefined) this.#prompts.delete(ticket as string);
    return entry !== undefined && entry.expiresAt > at ? entry : undefined;
  }

  /** Mints an active token for a workspace. */
  issueToken(entry: Omit<TokenEntry, "revoked">): string {
    const token = mintToken();
    remember(this.#tokens, token, { ...entry, revoked: false }, this.#limits.tokens);
    return token;
  }

  token(token: string): TokenEntry | undefined {
    return this.#tokens.get(token);
  }

  /** Revokes a token; whether it was known. */
  revoke(token: string): boolean {
    const entry = this.#tokens.get(token);
    if (entry) entry.revoked = true;
    return entry !== undefined;
  }

  /** Revokes every active token of one app in one workspace, as an uninstall does; how many. */
  revokeWorkspace(clientId: string, workspaceId: string): number {
    let revoked = 0;
    for (const entry of this.#tokens.values()) {
      if (entry.clientId !== clientId || entry.revoked) continue;
      if ((entry.workspace.id ?? DEFAULT_WORKSPACE_ID) !== workspaceId) continue;
      entry.revoked = true;
      revoked += 1;
    }
    return revoked;
  }

  tokenState(token: string): StandInTokenState {
    const entry = this.#tokens.get(token);
    return entry === undefined ? "unknown" : entry.revoked ? "revoked" : "active";
  }

  /** Logs one answered request and counts it. */
  record(
    endpoint: StandInEndpoint | "unknown",
    request: Request,
    path: string,
    region: Region | undefined,
    status: number,
    fault: StandInFaultType | undefined,
  ): void {
    this.#counts[endpoint] += 1;
    const limit = this.#limits.requestLog;
    const entry: StandInRequestRecord = {
      endpoint,
      method: request.method,
      path,
      region,
      status,
      fault,
      at: this.#now(),
    };
    // A ring buffer: O(1) per request however long the server runs.
    if (this.#log.length < limit) this.#log.push(entry);
    else {
      this.#log[this.#logStart] = entry;
      this.#logStart = (this.#logStart + 1) % limit;
    }
  }

  /** The logged requests, oldest first. */
  get requests(): StandInRequestRecord[] {
    return [...this.#log.slice(this.#logStart), ...this.#log.slice(0, this.#logStart)];
  }

  get counts(): Counts {
    return { ...this.#counts };
  }

  queueFault(endpoint: StandInEndpoint, fault: StandInFault, times: number): void {
    const queue = this.#faults.get(endpoint) ?? [];
    queue.push({ fault, remaining: times });
    this.#faults.set(endpoint, queue);
  }

  /** The fault the next request to `endpoint` gets, if any; uses one of its times. */
  takeFault(endpoint: StandInEndpoint): StandInFault | undefined {
    const queue = this.#faults.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  queueDecision(decision: ConsentDecision, times: number): void {
    for (let i = 0; i < times; i++) this.#decisions.push(decision);
  }

  /** The next queued consent decision, if any. */
  takeDecision(): ConsentDecision | undefined {
    return this.#decisions.shift();
  }

  reset(): void {
    this.#codes.clear();
    this.#tokens.clear();
    this.#prompts.clear();
    this.#faults.clear();
    this.#decisions.length = 0;
    this.#log = [];
    this.#logStart = 0;
    this.#counts = noCounts();
  }
}
