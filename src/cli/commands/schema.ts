// `intercom-oauth schema`: print the config file's JSON Schema.
import { configJsonSchema } from "../../config/index.js";
import { type CliIo, EXIT } from "../io.js";

export function run(_values: unknown, _positionals: unknown, io: CliIo): number {
  io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return EXIT.OK;
}
