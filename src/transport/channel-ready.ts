/**
 * Waiting, within a time limit, for a client's channel to be READY: what the replication stream
 * does before it opens, since a streaming call has no deadline of its own and would otherwise
 * wait for a node that accepts TCP but never completes the HTTP/2 handshake (a hung or
 * SIGSTOPped process) for as long as grpc-js keeps connecting. It waits through
 * TRANSIENT_FAILURE (reconnect attempts) until the time limit; a caller that must fail fast on
 * a refused connection (the CLI's watch) arms a timer on the call instead.
 */
import { connectivityState, type Client } from '@grpc/grpc-js';
import { raceAbort } from './abort.js';

/** The channel did not become READY: `timeoutMs` passed, or the channel was shut down. */
export class ChannelNotReadyError extends Error {
  override readonly name = 'ChannelNotReadyError';
}

/**
 * Resolves once `client`'s channel is READY (asking an idle one to connect); rejects with
 * {@link ChannelNotReadyError} ("no connection within N ms", or "the channel was closed") when
 * that does not happen within `timeoutMs`, and with `signal.reason` as soon as `signal` aborts.
 *
 * Not grpc-js's `waitForReady`: on every state change it asks the channel to connect again, a
 * closed one too (SHUTDOWN → CONNECTING), and re-arms its deadline timer, so after a close the
 * channel kept dialling and the timer kept a process with nothing else to do alive until the
 * deadline. Here the time limit is one timer, cleared on every outcome; the channel's state is
 * watched without a deadline, and the watch ends (nothing re-armed, no dial) at its next state
 * change once the wait is over or the channel is shut down.
 */
export async function channelReady(client: Client, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const channel = client.getChannel();
  let over = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const settle = (err?: ChannelNotReadyError): void => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      if (err === undefined) resolve();
      else reject(err);
    };
    const check = (): void => {
      if (over) return;
      let state = channel.getConnectivityState(false);
      if (state === connectivityState.SHUTDOWN) return settle(new ChannelNotReadyError('the channel was closed'));
      // An idle channel does not connect by itself: ask it to (once per idle spell). The ask
      // returns the state from before it (IDLE) while the channel moves on to CONNECTING: read
      // it again, or a later CONNECTING → IDLE would not wake the watch and nobody asks again.
      if (state === connectivityState.IDLE) {
        channel.getConnectivityState(true);
        state = channel.getConnectivityState(false);
      }
      if (state === connectivityState.READY) return settle();
      channel.watchConnectivityState(state, Infinity, check);
    };
    timer = setTimeout(() => settle(new ChannelNotReadyError(`no connection within ${timeoutMs} ms`)), timeoutMs);
    check();
  });
  try {
    await raceAbort(ready, signal);
  } finally {
    // Aborted meanwhile: the watch left on a channel still open ends at its next state change.
    over = true;
    clearTimeout(timer);
  }
}
