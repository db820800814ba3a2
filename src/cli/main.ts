// The `intercom-oauth` command. Commands arrive with the config issue; the name is reserved now.
import pkg from "../../package.json" with { type: "json" };

const args = process.argv.slice(2);
if (args.includes("--version") || args.includes("-v")) {
  process.stdout.write(`${pkg.version}\n`);
} else {
  process.stdout.write(`intercom-oauth ${pkg.version}\n\nUsage: intercom-oauth --version\n`);
  process.exitCode = args.length === 0 || args.includes("--help") ? 0 : 2;
}
