/**
 * How keys and values appear in JSON results (CLI.md, "JSON shapes", `kv get`): valid UTF-8 as
 * text with encoding `utf8`; anything else as base64 with encoding `base64`. Keys given on the
 * command line are UTF-8 text.
 */

/** The text form of some bytes and which encoding it is in. */
export interface DisplayBytes {
  readonly text: string;
  readonly encoding: 'utf8' | 'base64';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** `bytes` as UTF-8 text when they are valid UTF-8, otherwise as base64. */
export function displayBytes(bytes: Uint8Array): DisplayBytes {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), encoding: 'base64' };
  }
}

/** The UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Byte-wise order (for sorting scan results by key). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
