// `intercom-oauth schema`: print the config file's JSON Schema.
import { configJsonSchema } from "../../config/json-schema.js";
import { EXIT, writeOut } from "../io.js";

export function run(): number {
  writeOut(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return EXIT.OK;
}
