/**
 * `--endpoints` parsing (CLI.md, "endpoints"): `host:port[,host:port...]`, no scheme. Hosts are
 * names, IPv4 addresses or bracketed IPv6 addresses; ports are 1..65535 (transport/address.ts). Bad input is a usage
 * error (exit 2) that names the offending item.
 */
import { UsageError } from '../errors.js';
import { isHostPort } from '../transport/address.js';

/** Validates one `host:port` and returns it trimmed. Throws a {@link UsageError} otherwise. */
export function parseEndpoint(text: string, flagName = 'endpoints'): string {
  const item = text.trim();
  if (!isHostPort(item)) {
    const scheme = /^[a-z]+:\/\//i.test(item) ? ' (drop the scheme)' : '';
    // Endpoints one a line (RAFTCTL_ENDPOINTS=$(cat file)) or separated by spaces: say so, and
    // show the item as a JSON string, since the error line folds a newline into "; ".
    const spaced = /\s/.test(item);
    throw new UsageError(`--${flagName}: ${JSON.stringify(item)} is not host:port${scheme}`, {
      hint: spaced ? 'separate endpoints with commas, not spaces or newlines: e.g. --endpoints 127.0.0.1:9081,127.0.0.1:9082' : 'e.g. --endpoints 127.0.0.1:9081,127.0.0.1:9082',
    });
  }
  return item;
}

/**
 * Parses a comma-separated endpoint list, dropping empty items and duplicates (first
 * occurrence wins, order kept). An empty list is a usage error.
 */
export function parseEndpoints(text: string, flagName = 'endpoints'): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const ep = parseEndpoint(part, flagName);
    if (!out.includes(ep)) out.push(ep);
  }
  if (out.length === 0) {
    throw new UsageError(`--${flagName}: no endpoint given`, { hint: 'pass -e host:port[,host:port...] or set RAFTCTL_ENDPOINTS' });
  }
  return out;
}
