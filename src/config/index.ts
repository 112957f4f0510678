// The config layer: archreview.yml and .dependency-cruiser.json text in, validated data out. No I/O.
export type * from "./types.js";
export {
  CONFIG_PATHS,
  DEFAULT_CONFIG,
  DEPCRUISE_CODE_CONFIG_PATHS,
  DEPCRUISE_JSON_PATHS,
  defaultConfig,
} from "./defaults.js";
export { parseConfig, type ConfigParseResult } from "./parse.js";
export { parseDepcruiseJson, type DepcruiseJsonResult } from "./depcruise-json.js";
export { ConfigError, formatConfigError, jsConfigNotice } from "./errors.js";
