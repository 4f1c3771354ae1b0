/**
 * `raftctl kv watch KEY [--prefix]`: d-engine's Watch (reference §6). Events are produced on
 * every node at apply time, so any endpoint will do: the first one that can be connected is
 * used. Each event becomes one JSON-safe object, handed to the caller as it arrives.
 */
import { EXIT, NotReadyError, RaftCtlError, RejectedError, UnreachableError } from '../errors.js';
import { raceAbort } from '../transport/abort.js';
import { ErrorCode, type WatchResponse } from '../transport/messages.js';
import { displayBytes } from './kv-encoding.js';
import { noneConnected, type KvContext } from './kv-route.js';

/** d_engine.client.WatchEventType → the `type` of a watch event. */
const EVENT_TYPES = ['put', 'delete', 'canceled', 'progress'] as const;
export type WatchEventType = (typeof EVENT_TYPES)[number] | 'unknown';

/** One line of `kv watch` (NDJSON). `value` is null for delete, canceled and progress events. */
export interface KvWatchEvent {
  readonly type: WatchEventType;
  readonly key: string;
  readonly keyEncoding: 'utf8' | 'base64';
  readonly value: string | null;
  readonly valueEncoding: 'utf8' | 'base64' | null;
  /** The applied index of the change; null when the server sent none (0, as on a canceled event). */
  readonly revision: number | null;
  /** The previous value with `--prev-kv` when the server sent one, else null. */
  readonly prevValue: string | null;
  readonly prevValueEncoding: 'utf8' | 'base64' | null;
  readonly endpoint: string;
}

export interface KvWatchOptions {
  readonly key: Uint8Array;
  /** Watch every key under `key` (d-engine wants such a key to start and end with "/"). */
  readonly prefix: boolean;
  readonly prevKv: boolean;
  /** Stop after this many put/delete events (progress events are not counted). */
  readonly count?: number;
}

/** Why a watch ended. */
export interface KvWatchSummary {
  readonly events: number;
  /** `count`: `--count` events seen; `server`: the server ended the stream (OK status). */
  readonly reason: 'count' | 'server';
  readonly endpoint: string;
}

/** One wire event as a {@link KvWatchEvent}. */
export function watchEvent(ev: WatchResponse, endpoint: string): KvWatchEvent {
  const type: WatchEventType = EVENT_TYPES[ev.eventType ?? 0] ?? 'unknown';
  const key = displayBytes(ev.key ?? new Uint8Array());
  const hasValue = type === 'put';
  const value = hasValue ? displayBytes(ev.value ?? new Uint8Array()) : null;
  const prev = ev.prevValue && ev.prevValue.length > 0 ? displayBytes(ev.prevValue) : null;
  return {
    type,
    key: key.text,
    keyEncoding: key.encoding,
    value: value?.text ?? null,
    valueEncoding: value?.encoding ?? null,
    revision: ev.revision ? ev.revision : null,
    prevValue: prev?.text ?? null,
    prevValueEncoding: prev?.encoding ?? null,
    endpoint,
  };
}

/**
 * Watches until `count` put/delete events arrived, the server ends the stream, or the command's
 * budget (`--wait-timeout`) aborts it (then the TimeoutError is thrown, exit 5). A stream the
 * server ends (OK status) before `count` events is a WATCH_ENDED error (exit 4), never a success. An endpoint
 * that cannot be connected within `--timeout` (the budget's `timeoutMs`) is skipped, a hung one too. A connection that breaks during
 * the watch, or a node that ends a watch it answered with UNAVAILABLE (a graceful shutdown), is
 * an UnreachableError (exit 4) saying how to resync. So is a CANCELED event (handed to
 * `onEvent` first): the node dropped the watcher (a graceful shutdown, a snapshot restored, the
 * buffer overflowed), so events after it are lost, however the stream then ends. Its message gives the
 * reason the status ending the stream states, when that comes within a second. An endpoint at its
 * watcher limit (RESOURCE_EXHAUSTED) is skipped too, as one without the watch feature
 * (UNIMPLEMENTED): the next one is tried. Any other
 * failure is thrown as the RaftCtlError it is (an UNAVAILABLE answer before any event: exit 3).
 *
 * Backpressure: when `onEvent` returns a promise (its output is full: stdout piped to a slower
 * reader), the next event is not read from the stream until it settles (or the budget aborts).
 * The node's bounded watch buffer then fills and overflows into CANCELED (exit 4, resync), instead
 * of this process buffering every event it could not write yet (a stalled `kv watch | reader`
 * grew by 100 MB per 1,000 events of 100 KB, without end).
 */
export async function kvWatch(ctx: KvContext, options: KvWatchOptions, onEvent: (event: KvWatchEvent) => void | Promise<void>): Promise<KvWatchSummary> {
  let lastError: unknown = null;
  const unreachable = new Map<string, RaftCtlError>();
  /** Endpoints that answered UNIMPLEMENTED: d-engine nodes built without the `watch` feature. */
  const unsupported: string[] = [];
  /** Endpoints at their watcher limit. */
  const full: string[] = [];
  for (const endpoint of ctx.endpoints) {
    ctx.budget.check();
    let received = 0;
    let events = 0;
    try {
      // A stream has no deadline: --timeout bounds the connect, so a hung endpoint is skipped.
      // `ended` cancels this stream alone, once its end is no longer worth waiting for.
      const ended = new AbortController();
      const signal = AbortSignal.any([ctx.budget.signal, ended.signal]);
      const stream = ctx.client.watch(endpoint, { clientId: 0, key: options.key, prefix: options.prefix, prevKv: options.prevKv }, { signal, connectTimeoutMs: ctx.budget.timeoutMs });
      for await (const raw of stream) {
        received++;
        const event = watchEvent(raw, endpoint);
        const written = onEvent(event);
        if (written) await raceAbort(written, ctx.budget.signal);
        if (event.type === 'put' || event.type === 'delete') events++;
        if (event.type === 'canceled') throw watchCanceled(endpoint, events, raw.error === ErrorCode.WATCH_BUFFER_OVERFLOW, await endReason(stream, endpoint, ended));
        if (options.count !== undefined && events >= options.count) return { events, reason: 'count', endpoint };
      }
      // `--count N` promises N changes on exit 0: a stream that ended before them proves none
      // of the missing ones (a script waiting for "the next change" must not go on).
      if (options.count !== undefined) throw watchEndedEarly(endpoint, events, options.count);
      return { events, reason: 'server', endpoint };
    } catch (error) {
      if (error instanceof WatchCanceledError) throw error;
      ctx.budget.check();
      if (connectionLost(error) || nodeWentAway(error, received)) throw watchLost(endpoint, events, error);
      // A d-engine node built without its `watch` feature answers UNIMPLEMENTED (reference §6):
      // not a node down, and another endpoint may serve it.
      if (received === 0 && error instanceof RaftCtlError && error.details?.grpcCode === UNIMPLEMENTED) {
        unsupported.push(endpoint);
        lastError = watchUnsupported(unsupported, error);
        continue;
      }
      // A node at its watcher limit (RESOURCE_EXHAUSTED): the limit is per node, and every node
      // produces the same events, so another endpoint may serve the watch.
      if (received === 0 && error instanceof RejectedError && error.code === 'RESOURCE_EXHAUSTED') {
        full.push(endpoint);
        lastError = watchersFull(full, error);
        continue;
      }
      if (!(error instanceof RaftCtlError) || error.details?.sent !== false || received > 0) throw prefixRefused(error, options) ?? error;
      unreachable.set(endpoint, error);
      lastError = noneConnected(error, unreachable);
    }
  }
  throw lastError;
}

/**
 * A `--prefix` watch the node refused as invalid (INVALID_ARGUMENT) for a key without "/" at
 * both ends (d-engine's rule, raftctl nodes keep it): the same error with a hint naming the key
 * to use instead of the generic "changed nothing". Null for any other failure.
 */
function prefixRefused(error: unknown, options: KvWatchOptions): RejectedError | null {
  if (!options.prefix || !(error instanceof RejectedError) || error.code !== 'INVALID_ARGUMENT') return null;
  const key = displayBytes(options.key);
  if (key.encoding !== 'utf8' || (key.text.startsWith('/') && key.text.endsWith('/'))) return null;
  const suggested = `/${key.text.replace(/^\/+|\/+$/g, '')}/`;
  return new RejectedError(error.code, error.message, {
    cause: error,
    ...(error.details === undefined ? {} : { details: error.details }),
    hint: `watch a prefix with "/" at both ends, as d-engine requires: \`raftctl kv watch ${suggested} --prefix\``,
  });
}

const UNIMPLEMENTED = 12;

/** No endpoint tried serves Watch (UNIMPLEMENTED): exit 6, saying why and what to do instead. */
function watchUnsupported(endpoints: readonly string[], cause: RaftCtlError): RejectedError {
  const which = endpoints.length === 1 ? `${endpoints[0]} does` : `${endpoints.join(', ')} do`;
  return new RejectedError('WATCH_UNSUPPORTED', `${which} not serve Watch (${cause.message})`, {
    cause,
    details: { ...cause.details, endpoints: endpoints.join(',') },
    hint: 'd-engine serves Watch only when built with its `watch` feature: give an endpoint of a node that has it, or poll with `raftctl kv get` / `kv scan`',
  });
}

/** Every endpoint tried that refused the watch was at its watcher limit: exit 6, naming the limit. */
function watchersFull(endpoints: readonly string[], cause: RejectedError): RejectedError {
  return new RejectedError(cause.code, cause.message, {
    cause,
    details: { ...cause.details, endpoints: endpoints.join(',') },
    hint: `${endpoints.join(', ')} ${endpoints.length === 1 ? 'is' : 'are'} at the watcher limit (10,000 watchers on a raftctl node): give another endpoint, or retry once other watches have closed`,
  });
}

/** A watch whose connection broke (the node stopped, the network failed): status.ts maps that to UNREACHABLE with the request sent. */
function connectionLost(error: unknown): boolean {
  return error instanceof UnreachableError && error.details?.sent === true;
}

/**
 * A node that answered the watch and then ended it with UNAVAILABLE (exit 3 class): a graceful
 * shutdown (raftctl and d-engine both end watch streams that way), which for the watcher is the
 * node going away, as when its connection breaks. The node answered when an event arrived, or
 * when it had opened the stream (`streamOpened`: its response headers came): a d-engine node
 * shutting down sends no CANCELED event first, so a quiet watch ends with UNAVAILABLE alone. An
 * UNAVAILABLE refusal without headers (trailers-only) stays "not ready".
 */
function nodeWentAway(error: unknown, received: number): boolean {
  return error instanceof NotReadyError && (received > 0 || error.details?.streamOpened === true);
}

/** How long, after a CANCELED event, the status that ends the stream is waited for. */
const END_WAIT_MS = 1000;

/**
 * Why the node canceled the watch, from the UNAVAILABLE status that follows a CANCELED event (a
 * raftctl node's details say: shutting down, snapshot restored, buffer overflowed), without the
 * "watch canceled: " both carry; null when the stream ends otherwise or not within
 * {@link END_WAIT_MS} (the stream is then cancelled through `ended`, so leaving it cannot hang).
 */
async function endReason(stream: AsyncGenerator<WatchResponse>, endpoint: string, ended: AbortController): Promise<string | null> {
  const timer = setTimeout(() => ended.abort(), END_WAIT_MS);
  try {
    await stream.next();
    return null;
  } catch (error) {
    if (ended.signal.aborted || !(error instanceof NotReadyError)) return null;
    return error.message.replace(`${endpoint}: `, '').replace(/^watch canceled: /, '') || null;
  } finally {
    clearTimeout(timer);
  }
}

/** The node canceled the watch (exit 4, like a lost connection: watch again and resync). */
class WatchCanceledError extends RaftCtlError {}

const RESYNC_HINT = 'watch again (another endpoint will do); events applied meanwhile are not replayed, so read or scan the keys to resync';

function watchCanceled(endpoint: string, events: number, overflow: boolean, reason: string | null): WatchCanceledError {
  const why = reason ?? (overflow ? 'this client read too slowly and its buffer overflowed' : 'the node is stopping or restored a snapshot, or this client read too slowly');
  return new WatchCanceledError('WATCH_CANCELED', EXIT.UNREACHABLE, `the watch on ${endpoint} was canceled by the node after ${events} event${events === 1 ? '' : 's'} (${why})`, {
    details: { endpoint, events },
    hint: RESYNC_HINT,
  });
}

function watchEndedEarly(endpoint: string, events: number, count: number): WatchCanceledError {
  return new WatchCanceledError('WATCH_ENDED', EXIT.UNREACHABLE, `the node ${endpoint} ended the watch after ${events} of the ${count} event${count === 1 ? '' : 's'} --count asked for`, {
    details: { endpoint, events },
    hint: RESYNC_HINT,
  });
}

function watchLost(endpoint: string, events: number, cause: unknown): UnreachableError {
  return new UnreachableError(`the watch on ${endpoint} lost its connection after ${events} event${events === 1 ? '' : 's'} (the node stopped or the network failed)`, {
    cause,
    details: { endpoint, events },
    hint: RESYNC_HINT,
  });
}
