/**
 * The partner-credentials config format, as one zod schema: the single source for
 * {@link validateConfig}'s structure checks and for the shipped `schema.json`.
 *
 * @module
 */

import { z } from "zod";
import { REGIONS } from "../regions.js";
import { SCOPE_PRESETS, SCOPES, type ScopeId, type ScopePresetName } from "../scopes/catalogue.js";
import { ENV_REF_PATTERN } from "./env-ref.js";

/** The default name of the config file, looked for in the working directory. */
export const DEFAULT_CONFIG_FILE = "intercom-oauth.config.json";

const REDIRECT_URI_SCHEME_PATTERN =
  /^(?:[Hh][Tt][Tt][Pp][Ss]:\/\/|[Hh][Tt][Tt][Pp]:\/\/(?:[Ll][Oo][Cc][Aa][Ll][Hh][Oo][Ss][Tt]|127\.0\.0\.1|\[::1\])(?::\d*)?(?:[/?#]|$))/;

/** How an app is published after review. */
export const APP_LISTINGS = ["listed", "unlisted"] as const;

const scopeIds = SCOPES.map((scope) => scope.id) as [ScopeId, ...ScopeId[]];
const presetNames = Object.keys(SCOPE_PRESETS) as [ScopePresetName, ...ScopePresetName[]];

const scopeId = z.enum(scopeIds).describe("A scope id; see docs/scopes.md.");
const presetName = z
  .enum(presetNames)
  .describe("A built-in preset: user-level (read-only) or admin-level (read and write).");

/** The `scopes` value: a preset name, a list of ids, or `{ preset, add, remove }`. */
export const scopeSpecSchema = z
  .union([
    presetName,
    z.array(scopeId),
    z.strictObject({
      preset: presetName.optional(),
      add: z.array(scopeId).optional().describe("Scope ids to add to the preset."),
      remove: z.array(scopeId).optional().describe("Scope ids to remove from the preset."),
    }),
  ])
  .describe(
    "The permissions to tick in Developer Hub: a preset name, a list of scope ids, or { preset, add, remove }.",
  );

/** The optional `app` block, used by the review checklist. */
export const appInfoSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe("The app's name in Developer Hub."),
    listing: z
      .enum(APP_LISTINGS)
      .optional()
      .describe("Whether the reviewed app is listed in the App Store or unlisted."),
    description: z.string().optional().describe("The app description submitted for review."),
    readOnly: z
      .boolean()
      .optional()
      .describe("true when the app only reads: review-kit flags any write or delete permission."),
    installInstructionsUrl: z
      .string()
      .regex(/^https:\/\//)
      .optional()
      .describe("Where your customers read how to install the app (needed for unlisted apps)."),
  })
  .describe("Facts about the app, for the review checklist.");

/** The optional `justifications` map: scope id → one sentence on what the app does with it. */
export const justificationsSchema = z
  .partialRecord(scopeId, z.string().min(1))
  .describe(
    "For each permission, one sentence on what the app does with it, for the review kit (intercom-oauth review-kit).",
  );

/** The whole config file. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("The JSON Schema this file follows, for editors."),
    clientId: z
      .string()
      .regex(/^(?!env:)|^env:[A-Za-z_][A-Za-z0-9_]*$/)
      .describe("The app's client id: a literal value, or env:NAME to read the environment variable NAME."),
    clientSecret: z
      .string()
      .regex(new RegExp(ENV_REF_PATTERN))
      .describe("The app's client secret. Must be env:NAME: a secret never belongs in a committed file."),
    redirectUris: z
      // https, or http on a loopback host as written (src/redirect-uri.ts), spelled out
      // case-insensitively: JSON Schema patterns cannot carry the `i` flag.
      .array(z.string().regex(REDIRECT_URI_SCHEME_PATTERN))
      .min(1)
      .describe(
        "The redirect URLs registered in Developer Hub, in order. The first is Intercom's default. https, or http on localhost, 127.0.0.1 or [::1] for local development.",
      ),
    region: z.enum(REGIONS).default("us").describe("The Intercom region whose authorize page and API the app uses."),
    scopes: scopeSpecSchema,
    justifications: justificationsSchema.optional(),
    app: appInfoSchema.optional(),
  })
  .meta({
    title: "intercom-oauth partner-credentials config",
    description: "Settings of an Intercom OAuth app, checked by `intercom-oauth validate`. See docs/config.md.",
  });

/** The config as written in the file (before defaults and env references are applied). */
export type ConfigInput = z.input<typeof configSchema>;

/** The `app` block. */
export type AppInfo = z.output<typeof appInfoSchema>;

/** The keys allowed at each object level, for "did you mean". @internal */
export const KNOWN_KEYS = {
  root: Object.keys(configSchema.shape),
  app: Object.keys(appInfoSchema.shape),
} as const;
