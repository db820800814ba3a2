// Writes schema.json (the config file's JSON Schema) from the zod schema. Run by `npm run build`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/config/json-schema.js";

const target = fileURLToPath(new URL("../schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`Wrote ${target}\n`);
