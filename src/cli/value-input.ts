/**
 * Values given on the command line (CLI.md, `kv put KEY VALUE`): `-` reads standard input to
 * its end, `@path` reads the file at path (user input, hence here in src/cli), anything else is
 * the value itself as UTF-8. A value that must start with "@" literally is passed on stdin.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/** Largest value read from stdin or a file (d-engine's 4 MiB message limit leaves room for the rest). */
export const MAX_VALUE_BYTES = 4 * 1024 * 1024 - 64 * 1024;

/** Reads all of `stream` into one buffer, refusing more than `limit` bytes. */
export async function readAll(stream: NodeJS.ReadableStream, limit = MAX_VALUE_BYTES, what = 'stdin'): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new UsageError(`${what}: the value is larger than ${limit} bytes`, { hint: 'values must fit in one gRPC message (4 MiB)' });
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The bytes of a VALUE argument named `argName`: `-` → stdin, `@path` → the file's contents,
 * otherwise the UTF-8 text. A missing or unreadable file is a usage error (exit 2).
 */
export async function readValueArgument(text: string, argName = 'VALUE', stdin: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  if (text === '-') return readAll(stdin);
  if (text.startsWith('@') && text.length > 1) {
    const path = text.slice(1);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new UsageError(`${argName}: cannot read file "${path}" (${reason})`, { hint: 'check the path after "@"; to store a value that starts with "@", pass it on stdin with "-"' });
    }
    if (bytes.length > MAX_VALUE_BYTES) throw new UsageError(`${argName}: file "${path}" is larger than ${MAX_VALUE_BYTES} bytes`, { hint: 'values must fit in one gRPC message (4 MiB)' });
    return new Uint8Array(bytes);
  }
  return new TextEncoder().encode(text);
}

/** How a KEY or PREFIX argument is written (`--key-encoding`). */
export const KEY_ENCODINGS = ['utf8', 'base64'] as const;
export type KeyEncoding = (typeof KEY_ENCODINGS)[number];

/**
 * The bytes of a key-like argument written in `encoding`: UTF-8 text, or standard padded base64
 * (what `kv get/scan/watch` print with `keyEncoding: "base64"`, so a key that is not UTF-8 can be
 * passed back). Only the canonical form is taken, the one the kv commands print: text that does
 * not encode back to itself is a usage error (Buffer's decoder skips bad characters and ignores
 * the unused bits of the last character, so "AB==" would address the key "AA==" names).
 */
export function bytesArgument(text: string, argName: string, encoding: KeyEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) {
    throw new UsageError(`${argName} "${text}" is not valid base64`, { hint: 'pass standard base64 with padding (A-Z a-z 0-9 + /, "=" at the end), exactly as keyEncoding "base64" output prints it; or drop --key-encoding base64' });
  }
  return new Uint8Array(bytes);
}

/** A KEY argument as bytes (`encoding` as {@link bytesArgument}); an empty key is a usage error. */
export function keyArgument(text: string, argName = 'KEY', encoding: KeyEncoding = 'utf8'): Uint8Array {
  if (text === '') throw new UsageError(`${argName} must not be empty`, { hint: 'pass a non-empty key' });
  return bytesArgument(text, argName, encoding);
}
