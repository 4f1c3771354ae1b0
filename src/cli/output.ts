/**
 * The one renderer layer for results (CLI.md, "output"): `table` (default, also when piped)
 * and `wide` go through a per-result {@link View}; `json` prints the result object itself,
 * pretty-printed, one document; `yaml` the same document in YAML; `ndjson` the result on one
 * line. Streams print one item at a time ({@link renderStreamItem}): a JSON line under
 * `json`/`ndjson`, a YAML document under `yaml`.
 */
import type { Painter } from './style.js';
import { toYaml } from './yaml.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How a result reads to a person: `wide` adds columns and full error texts. */
export interface View<T> {
  /** The human rendering, without a trailing newline. */
  table(result: T, options: { readonly wide: boolean; readonly paint: Painter }): string;
}

/** Whether a format is machine-readable (no colour, no progress, no prompts). */
export function isMachineFormat(format: OutputFormat): format is 'json' | 'yaml' | 'ndjson' {
  return format === 'json' || format === 'yaml' || format === 'ndjson';
}

/** The complete stdout text of `result` in `format`, ending in one newline. */
export function renderResult<T>(result: T, format: OutputFormat, view: View<T>, paint: Painter): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'ndjson':
      return `${JSON.stringify(result)}\n`;
    case 'yaml':
      return toYaml(result);
    case 'table':
    case 'wide':
      return `${view.table(result, { wide: format === 'wide', paint })}\n`;
  }
}

/**
 * One item of a stream in a machine format: one JSON line under `json`/`ndjson` (CLI.md:
 * "streams print NDJSON, one object a line"), one YAML document (`---` first) under `yaml`, so
 * the output is a valid YAML stream. Ends in a newline.
 */
export function renderStreamItem(item: unknown, format: 'json' | 'ndjson' | 'yaml'): string {
  return format === 'yaml' ? `---\n${toYaml(item)}` : `${JSON.stringify(item)}\n`;
}
