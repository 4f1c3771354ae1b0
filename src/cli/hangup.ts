/**
 * Stop signals: which one repeats a stop already asked for, and ending a process after SIGHUP
 * (its terminal closed).
 *
 * A command that handles SIGHUP (to stop its nodes and clean up) must not then exit normally:
 * when its stdio was a terminal, Node's exit path restores the terminal's mode, and on a hung-up
 * terminal that fails (EIO) and Node aborts ("Assertion failed" in node::ResetStdio, SIGABRT or
 * SIGSEGV, Node 20). So once the clean-up is done the process ends the way an unhandled SIGHUP
 * would have ended it: our listener removed, the signal raised again at ourselves (shells report
 * 129, 128 + SIGHUP), which skips that reset.
 */

/** A signal this soon after the first one, and the same, is the same request to stop. */
export const SAME_SIGNAL_MS = 100;

/** The signal that started a stop, and when (performance.now()). */
export interface FirstStopSignal {
  readonly sig: string;
  readonly at: number;
}

/**
 * Whether `sig`, arriving after `first` started a stop, repeats that request rather than asking
 * for a faster one: any SIGHUP (a closing terminal hangs up its foreground job and the shell then
 * forwards SIGHUP to its jobs too: measured 7 ms apart under an interactive bash), or the same
 * signal within {@link SAME_SIGNAL_MS} (`timeout -s INT` signals the command, then its process
 * group, which holds the command too). False before any stop.
 */
export function repeatsStop(first: FirstStopSignal | null, sig: string, now = performance.now()): boolean {
  return first !== null && (sig === 'SIGHUP' || (sig === first.sig && now - first.at < SAME_SIGNAL_MS));
}

/** The exit status a shell reports for a process ended by SIGHUP; also what a session returns to mean "end by SIGHUP now". */
export const HANGUP_EXIT_CODE = 129;

/**
 * Ends this process by SIGHUP. Call it only once no SIGHUP listener of the caller is left (the
 * default disposition then applies). Never resolves; should the signal not end the process (some
 * other listener), it exits 129 after a second.
 */
export function endByHangup(): Promise<never> {
  setTimeout(() => process.exit(HANGUP_EXIT_CODE), 1000);
  process.kill(process.pid, 'SIGHUP');
  return new Promise<never>(() => undefined);
}
