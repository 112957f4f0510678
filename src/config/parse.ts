// `.github/archreview.yml` text -> Config, or one precise error.
import { isScalar } from "yaml";
import { readBoundaries, readGlobs, readRules } from "./boundaries.js";
import { defaultConfig } from "./defaults.js";
import { ConfigError, formatConfigError } from "./errors.js";
import { addDepcruiseRules, DEPCRUISE_RULE_KEYS, finishRules, readDepcruiseKeys } from "./depcruise-rules.js";
import type { DepcruiseSchemaValidator } from "./depcruise-schema.js";
import { readGenerated } from "./generated.js";
import { entriesOf, isNull, readBoolean, rejectUnknownKeys, yamlErrorDetail, type ReadContext } from "./nodes.js";
import { readYamlDocument } from "./yaml-document.js";
import { readReviewSection, REVIEW_SECTION_KEYS } from "./review-sections.js";
import { readAdr, readCycles, readFailOn, readLimits, readStability } from "./sections.js";
import type { Config, ConfigErrorDetail } from "./types.js";

export type ConfigParseResult =
  | { ok: true; config: Config; warnings: string[] }
  | { ok: false; error: ConfigErrorDetail };

const TOP_LEVEL_KEYS = [
  "boundaries",
  "rules",
  "cycles",
  "stability",
  "limits",
  "adr",
  "forbidden",
  "allowed",
  "allowedSeverity",
  "required",
  "options",
  "ignore",
  "failOn",
  "skipDrafts",
  "generated",
  ...REVIEW_SECTION_KEYS,
] as const;

/**
 * Parses and validates archreview's YAML config. Every key is optional: an empty file gives the defaults.
 * `warnings` are formatted lines (`FILE:LINE:COL: KEY: REASON`) about things that are allowed but suspicious.
 * `validate` is dependency-cruiser's configuration schema, for its keys (forbidden, allowed, required, options):
 * without it only the shape archreview relies on and the safety of regular expressions are checked.
 */
export function parseConfig(text: string, file: string, validate?: DepcruiseSchemaValidator): ConfigParseResult {
  const read = readYamlDocument(text, file);
  if (!read.ok) return read;
  const { doc, lines } = read;
  const ctx: ReadContext = { doc, lines, file, warnings: doc.warnings.map((w) => formatConfigError(yamlErrorDetail(w, file))) };
  try {
    return { ok: true, config: readConfig(ctx, doc.contents, validate), warnings: ctx.warnings };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.detail };
    throw e;
  }
}

function readConfig(ctx: ReadContext, root: unknown, validate: DepcruiseSchemaValidator | undefined): Config {
  const config = defaultConfig();
  if (root === null || (isScalar(root) && root.value === null)) return config;
  const entries = entriesOf(ctx, root, "", "a mapping of settings at the top level (boundaries:, rules:, ...)");
  rejectUnknownKeys(ctx, entries, TOP_LEVEL_KEYS, "the top level");
  // An empty value (`rules:` with every item commented out) means "use the default".
  const given = entries.filter((e) => !isNull(e.value));
  // Rules refer to boundaries, so boundaries are read first wherever they are in the file.
  const boundaries = given.find((e) => e.name === "boundaries");
  if (boundaries) config.boundaries = readBoundaries(ctx, boundaries);
  const depcruise = given.filter((e) => (DEPCRUISE_RULE_KEYS as readonly string[]).includes(e.name));
  if (depcruise.length > 0) addDepcruiseRules(config, finishRules(readDepcruiseKeys(ctx, root, depcruise, validate)));
  for (const entry of given) {
    if (readReviewSection(ctx, entry, config)) continue;
    switch (entry.name as (typeof TOP_LEVEL_KEYS)[number]) {
      case "boundaries":
        break;
      case "rules":
        config.rules = readRules(ctx, entry, config.boundaries);
        break;
      case "cycles":
        config.cycles = readCycles(ctx, entry);
        break;
      case "stability":
        config.stability = readStability(ctx, entry);
        break;
      case "limits":
        config.limits = readLimits(ctx, entry);
        break;
      case "adr":
        config.adr = readAdr(ctx, entry);
        break;
      default:
        // forbidden, allowed, allowedSeverity, required, options: read together above.
        break;
      case "ignore":
        config.ignore = readGlobs(ctx, entry.value, entry.path, true);
        break;
      case "failOn":
        config.failOn = readFailOn(ctx, entry);
        break;
      case "skipDrafts":
        config.skipDrafts = readBoolean(ctx, entry.value, entry.path);
        break;
      case "generated":
        config.generated = readGenerated(ctx, entry);
        break;

    }
  }
  return config;
}
