// Shared by the config tests: build YAML one line per argument (so line numbers are easy to
// count in the test) and unwrap parse results.
import { parseConfig } from "../../src/config/parse.js";
import type { Config, ConfigErrorDetail } from "../../src/config/types.js";

export const FILE = ".github/archreview.yml";

export function yaml(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

export function validConfig(text: string): { config: Config; warnings: string[] } {
  const result = parseConfig(text, FILE);
  if (!result.ok) throw new Error(`expected a valid config, got error ${JSON.stringify(result.error)}`);
  return { config: result.config, warnings: result.warnings };
}

export function configError(text: string): ConfigErrorDetail {
  const result = parseConfig(text, FILE);
  if (result.ok) throw new Error(`expected an error, got config ${JSON.stringify(result.config)}`);
  return result.error;
}
