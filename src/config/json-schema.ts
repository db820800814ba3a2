/**
 * The JSON Schema (draft 2020-12) of the config file, generated from the zod schema.
 * `npm run build` writes it to `schema.json`; `intercom-oauth schema` prints it.
 *
 * @module
 */

import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * The config file's JSON Schema (draft 2020-12), generated from {@link configSchema}
 * for the file as written (`io: "input"`: keys with defaults, such as `region`, are optional).
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
}
