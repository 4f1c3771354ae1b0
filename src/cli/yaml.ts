/**
 * A small YAML 1.2 emitter for JSON-safe values (what every raftctl result is): objects,
 * arrays, strings, finite numbers, booleans and null, in block style. Strings are emitted
 * plain only when a YAML 1.1 or 1.2 parser cannot read them as anything but that string;
 * otherwise double-quoted with JSON escapes (a JSON string literal is a valid YAML
 * double-quoted scalar). Parsing the output with any YAML parser gives back `JSON.parse(
 * JSON.stringify(value))`. `undefined` object members are skipped, as JSON.stringify does.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Words YAML 1.1 reads as booleans or null (so they must be quoted to stay strings). */
const RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;
/** A conservative plain-scalar alphabet: no indicators, no `: ` or ` #`, no leading/trailing space. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@-]*(?:[ ][A-Za-z0-9_./@-]+)*$/;

/** A string as a YAML scalar: plain when unambiguous, else double-quoted. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !RESERVED.test(s) && !/^[-+.]?\d/.test(s) && !/^\.(?:inf|nan)$/i.test(s)) return s;
  return JSON.stringify(s);
}

function scalar(value: Json): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return yamlString(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (!Array.isArray(value) && Object.keys(value).filter((k) => value[k] !== undefined).length === 0) return '{}';
  return undefined;
}

function emit(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = scalar(item);
      if (s !== undefined) {
        out.push(`${indent}- ${s}`);
        continue;
      }
      // A nested collection: its first line shares the dash, the rest align under it.
      const inner: string[] = [];
      emit(item, `${indent}  `, inner);
      out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
    }
    return;
  }
  const obj = value as { [key: string]: Json };
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    const k = yamlString(key);
    const s = scalar(v);
    if (s !== undefined) out.push(`${indent}${k}: ${s}`);
    else {
      out.push(`${indent}${k}:`);
      emit(v, `${indent}  `, out);
    }
  }
}

/**
 * The YAML document for `value` (one trailing newline). `value` goes through JSON first, so
 * toJSON methods apply and non-JSON values (functions, undefined members) vanish exactly as
 * they would under `--json`.
 */
export function toYaml(value: unknown): string {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  const s = scalar(json);
  if (s !== undefined) return `${s}\n`;
  const out: string[] = [];
  emit(json, '', out);
  return `${out.join('\n')}\n`;
}
