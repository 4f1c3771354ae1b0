/**
 * Checks of the arguments the public API (src/index.ts) takes, for callers the type checker does
 * not see: plain JavaScript, `as any`, JSON read from a file. Each throws a {@link ConfigError}
 * (exit 2, `sent: false`) whose message names the method and the argument, before anything is
 * dialled, instead of the bare TypeError (`membership.members is not iterable`, `Cannot read
 * properties of undefined`) or the silently wrong call (a string `compress: 'false'` that
 * compresses, a membership whose `role: 'Voter'` matches neither voters nor learners) a wrong
 * argument gave before.
 *
 * The rules: an options argument is an object or absent (`null` is not absent); ids are whole
 * numbers from 1 to 2^32−1 (uint32, 0 meaning "none" on the wire); flags are booleans; a signal
 * is an AbortSignal; deadlines are numbers (not NaN; 0 or less counts as 1 ms, Infinity as no
 * deadline, as call.ts takes them). What the argument holds beyond its type (an address that is
 * not `host:port`, a peer that is not a member) keeps its documented per-peer treatment.
 * Unknown option keys are not refused (no part of raftctl's library refuses them).
 */
import { ConfigError } from '../errors.js';
import type { Membership } from './types.js';

/** The largest node id (uint32 on the wire). */
const MAX_NODE_ID = 0xffffffff;

/** `value` for a message: strings quoted, objects named by kind. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/** A ConfigError for argument `name` of `where` (`sent: false`: nothing was dialled). */
export function badArgument(where: string, name: string, want: string, value: unknown): ConfigError {
  return new ConfigError(`${where}: ${name} must be ${want} (got ${shown(value)})`, { details: { argument: name, sent: false } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object argument (a request, a config). */
export function checkObject(where: string, name: string, value: unknown): void {
  if (!isObject(value)) throw badArgument(where, name, 'an object', value);
}

/** An options argument: an object, or undefined (absent). */
export function checkOptions(where: string, name: string, value: unknown): void {
  if (value !== undefined && !isObject(value)) throw badArgument(where, name, 'an object or absent', value);
}

/** A node id: a whole number from 1 to 2^32−1 (`allowZero`: 0 too, "none"). */
export function checkNodeId(where: string, name: string, value: unknown, { allowZero = false }: { readonly allowZero?: boolean } = {}): void {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= (allowZero ? 0 : 1) && value <= MAX_NODE_ID)) {
    throw badArgument(where, name, `a whole number from ${allowZero ? 0 : 1} to ${MAX_NODE_ID}`, value);
  }
}

export function checkBoolean(where: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw badArgument(where, name, 'true or false', value);
}

/** An optional AbortSignal (a `{signal}` option). */
export function checkSignal(where: string, name: string, value: unknown): void {
  if (value !== undefined && !(value instanceof AbortSignal)) throw badArgument(where, name, 'an AbortSignal or absent', value);
}

/** A deadline in ms: a number, not NaN (0 or less counts as 1 ms, call.ts). */
export function checkDeadline(where: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || Number.isNaN(value)) throw badArgument(where, name, 'a number of milliseconds', value);
}

/**
 * A {@link Membership}: an object with `members`, an array of `{id, address, role}` with `id` a
 * node id, `address` a string and `role` `'voter'` or `'learner'`, and `selfId` absent or a node
 * id. An address string that is not `host:port` is left to the call (a per-peer ConfigError).
 */
export function checkMembership(where: string, value: unknown, name = 'membership'): asserts value is Membership {
  if (!isObject(value)) throw badArgument(where, name, 'an object {members, selfId?}', value);
  if (value.selfId !== undefined) checkNodeId(where, `${name}.selfId`, value.selfId);
  const members = value.members;
  if (!Array.isArray(members)) throw badArgument(where, `${name}.members`, 'an array', members);
  members.forEach((m: unknown, i) => {
    const at = `${name}.members[${i}]`;
    if (!isObject(m)) throw badArgument(where, at, 'an object {id, address, role}', m);
    checkNodeId(where, `${at}.id`, m.id);
    if (typeof m.address !== 'string') throw badArgument(where, `${at}.address`, 'a host:port string', m.address);
    if (m.role !== 'voter' && m.role !== 'learner') throw badArgument(where, `${at}.role`, '"voter" or "learner"', m.role);
  });
}

/** A list of endpoint strings (their content is checked per endpoint, when dialled). */
export function checkEndpointList(where: string, name: string, value: unknown): asserts value is readonly string[] {
  if (!Array.isArray(value)) throw badArgument(where, name, 'an array of host:port strings', value);
  value.forEach((e: unknown, i) => {
    if (typeof e !== 'string') throw badArgument(where, `${name}[${i}]`, 'a host:port string', e);
  });
}

/** `{ deadlineMs, signal? }` (PeerCallOptions), required. */
export function checkPeerCallOptions(where: string, value: unknown, name = 'opts'): void {
  if (!isObject(value)) throw badArgument(where, name, 'an object {deadlineMs, signal?}', value);
  checkDeadline(where, `${name}.deadlineMs`, value.deadlineMs);
  checkSignal(where, `${name}.signal`, value.signal);
}

/**
 * CallOptions, required: `{deadlineMs, signal?, metadata?, connectTimeoutMs?}` (connectTimeoutMs
 * is checked by call.ts with its own message).
 */
export function checkCallOptions(where: string, value: unknown, name = 'opts'): void {
  checkPeerCallOptions(where, value, name);
  const metadata = (value as Record<string, unknown>).metadata;
  if (metadata !== undefined && !(isObject(metadata) && Object.values(metadata).every((v) => typeof v === 'string'))) {
    throw badArgument(where, `${name}.metadata`, 'an object of string values or absent', metadata);
  }
}

/** Optional `{signal?}` (FanOutOptions). */
export function checkFanOutOptions(where: string, value: unknown, name = 'opts'): void {
  checkOptions(where, name, value);
  checkSignal(where, `${name}.signal`, (value as { signal?: unknown } | undefined)?.signal);
}
