// `intercom-oauth checklist [file]`: the onboarding runbook for one config, step by step.
import { DEFAULT_CONFIG_FILE, type ResolvedConfig } from "../../config/index.js";
import { SCOPES, type Scope } from "../../scopes/catalogue.js";
import { type CliIo, EXIT, choice } from "../io.js";
import { loadValidConfigWithoutEnv } from "./shared.js";

// A step is a line; `checkbox: false` marks a note; children are indented under it.
interface Item {
  readonly text: string;
  readonly checkbox?: boolean;
  readonly children?: readonly Item[];
}
interface Section {
  readonly title: string;
  readonly items: readonly Item[];
}

function code(text: string, md: boolean): string {
  return md ? `\`${text}\`` : text;
}

function sections(config: ResolvedConfig, md: boolean): Section[] {
  const appName = config.app?.name;
  const chosen = new Set<string>(config.scopes);
  const tiers = (["standard", "extended"] as const)
    .map((tier) => ({
      tier,
      scopes: (SCOPES as readonly Scope[]).filter((scope) => scope.tier === tier && chosen.has(scope.id)),
    }))
    .filter((group) => group.scopes.length > 0);
  const listing = config.app?.listing;
  const idEnv = config.clientIdEnv;

  return [
    {
      title: "1. Create a developer workspace",
      items: [
        {
          text: "Sign up for a free Intercom developer account; it comes with a development workspace, where a public app is built.",
        },
        {
          text: `Development workspaces exist only in the US region${config.region === "us" ? "" : `, whatever region the app serves (this config: ${config.region})`}.`,
          checkbox: false,
        },
        {
          text: "Limits: at most 20 users or leads, no outbound email or push, a watermarked Messenger, and it cannot be converted into a production workspace.",
          checkbox: false,
        },
      ],
    },
    {
      title: "2. Create the OAuth app",
      items: [
        { text: "Open Settings > Integrations > Developer Hub and click New app." },
        { text: appName === undefined ? "Name the app." : `Name the app ${JSON.stringify(appName)}.` },
        { text: "On the Authentication page, click Edit and tick Use OAuth." },
        {
          text: `Under Redirect URLs, add ${config.redirectUris.length === 1 ? "this URL" : `these ${config.redirectUris.length} URLs, in this order (the first is the default)`}:`,
          children: config.redirectUris.map((uri, index) => ({
            text: `${code(uri, md)}${index === 0 && config.redirectUris.length > 1 ? " (default)" : ""}`,
            checkbox: false,
          })),
        },
        {
          text: `Under Permissions, tick these ${config.scopes.length} permission${config.scopes.length === 1 ? "" : "s"} and nothing else:`,
          children: tiers.map((group) => ({
            text: group.tier === "standard" ? "Standard:" : "Extended:",
            checkbox: false,
            children: group.scopes.map((scope) => ({ text: `${scope.label} (${code(scope.id, md)})` })),
          })),
        },
        { text: "Click Save." },
        { text: "On the Basic Information page, find the Client ID and Client secret (step 4 says where they go)." },
      ],
    },
    {
      title: "3. Submit the app for review",
      items: [
        {
          text:
            config.app?.description === undefined
              ? "Write the app description: what the app does with each permission. Add test-account credentials if reviewers need them to use your service."
              : `App description: ${JSON.stringify(config.app.description)}. Add test-account credentials if reviewers need them to use your service.`,
        },
        { text: "Fill in the partner program form." },
        {
          text: `Record the review video: the OAuth install end to end, the app's full functionality, and the uninstall. It must show the full ${code("client_id", md)} and ${code("state", md)} in the OAuth URL (${code("intercom-oauth authorize-url", md)} prints one).`,
        },
        listing === "listed"
          ? {
              text: "Listed app: fill in the Installation status section; Intercom sends users back to https://app.intercom.com/appstore/redirect?install_success=true (or install_success=false with error_message).",
            }
          : {
              text: `${listing === "unlisted" ? "Unlisted app" : "If unlisted"}: skip the Installation status section and give clear install instructions in your own product${config.app?.installInstructionsUrl === undefined ? "" : ` (${config.app.installInstructionsUrl})`}.`,
            },
        {
          text:
            listing === undefined
              ? "Choose listed or unlisted (set app.listing in the config to record it)."
              : `Submit as ${listing}.`,
        },
        {
          text: "Review takes up to seven business days (the setup guide says 7–14 days); any change after approval needs approval again. Reviewers check that the permissions match what the app does: asking for more than it uses is the most common reason for rejection.",
          checkbox: false,
        },
      ],
    },
    {
      title: "4. Store the credentials",
      items: [
        {
          text:
            idEnv === undefined
              ? "The config holds the client id itself; check it matches the Client ID on the Basic Information page."
              : `Put the Client ID in the environment variable ${code(idEnv, md)} (the config reads ${code(`env:${idEnv}`, md)}).`,
        },
        {
          text: `Put the Client secret in the environment variable ${code(config.clientSecretEnv, md)}, through your secret store. Never commit it.`,
        },
        {
          text: `Check the setup with ${code("intercom-oauth validate", md)} where those variables are set (or with ${code("--no-env", md)} in CI without them).`,
        },
      ],
    },
    {
      title: "5. Hear from Intercom: uninstall, health check, webhooks",
      items: [
        {
          text: "Each request below is signed with the client secret. Serve each URL with its own handler from createWebhookHandlers, which verifies the signature over the raw body before anything else (docs/webhooks.md).",
          checkbox: false,
        },
        {
          text: `Uninstall URL: set it in the app's settings in Developer Hub, pointing at the ${code("uninstall", md)} handler. Intercom POSTs ${code('{"app_id": …}', md)} (signed with ${code("X-Body-Signature", md)}) each time a workspace uninstalls the app; the handler marks the connection uninstalled. Intercom documents this URL only on its community forum.`,
        },
        {
          text: `Health check: in the Installation Status section, give the endpoint of the ${code("healthCheck", md)} handler. Intercom POSTs ${code('{"workspace_id": …}', md)} (signed with ${code("X-Body-Signature", md)}) at least once a day per workspace, and shows admins an unhealthy install.`,
        },
        {
          text: `Webhooks: on the Webhooks page, set the endpoint of the ${code("notifications", md)} handler and pick the topics the app uses. Topic notifications are signed with ${code("X-Hub-Signature", md)}; a ${code("ping", md)} arrives when the subscription is saved.`,
          children: [
            {
              text: "Each topic needs its matching permission (conversation topics need Read conversations, for example): tick it in step 2, and ask for no topic the app does not use.",
              checkbox: false,
            },
          ],
        },
        {
          text: "Deliveries can repeat: deduplicate notifications by their id. After the admin uninstalls in the review video, show that the connection is marked uninstalled.",
          checkbox: false,
        },
      ],
    },
  ];
}

function renderItems(items: readonly Item[], depth: number, md: boolean, out: string[]): void {
  for (const item of items) {
    const indent = "  ".repeat(depth + (md ? 0 : 1));
    const box = item.checkbox === false ? "" : "[ ] ";
    out.push(md ? `${indent}- ${box}${item.text}` : `${indent}${box === "" ? "- " : box}${item.text}`);
    if (item.children !== undefined) renderItems(item.children, depth + 1, md, out);
  }
}

function render(config: ResolvedConfig, file: string, md: boolean): string {
  const name = config.app?.name ?? "your app";
  const out: string[] = md
    ? [
        `# Intercom partner credentials: checklist for ${name}`,
        "",
        `Generated from ${code(file, md)} by ${code("intercom-oauth checklist", md)}.`,
      ]
    : [`Intercom partner credentials: checklist for ${name}`, `(generated from ${file})`];
  for (const section of sections(config, md)) {
    out.push("", md ? `## ${section.title}` : section.title, ...(md ? [""] : []));
    renderItems(section.items, 0, md, out);
  }
  return `${out.join("\n")}\n`;
}

export function run(values: Record<string, unknown>, positionals: string[], io: CliIo): number {
  const format = choice(values.format, "format", ["markdown", "text"] as const, "markdown");
  const file = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const loaded = loadValidConfigWithoutEnv(io, file);
  if (loaded === undefined) return EXIT.FAIL;
  io.stdout(render(loaded.config, file, format === "markdown"));
  return EXIT.OK;
}
