/**
 * Colour for human output: only when the stream it goes to is a TTY, and never when NO_COLOR
 * is set (https://no-color.org) or TERM is "dumb"; FORCE_COLOR=1 forces it on (tests, `less -R`).
 * Redrawing in place: only on a TTY whose TERM is not "dumb" ({@link liveTerminal}).
 */

export interface Painter {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

/** Whether output to `stream` should be coloured. */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const wrap = (on: boolean, open: number, close: number) => (s: string): string => (on && s !== '' ? `\u001b[${open}m${s}\u001b[${close}m` : s);

/** A painter that colours when `enabled` and returns text unchanged otherwise. */
export function painter(enabled: boolean): Painter {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
  };
}

/**
 * Whether `stream` is a terminal that can be redrawn in place (cursor up, clear to end: a live
 * view such as the playground's status table): a TTY whose TERM is not "dumb" (Emacs' shell, some
 * CI pseudo-terminals), which would print the escape sequences as text. NO_COLOR says nothing
 * about cursor movement.
 */
export function liveTerminal(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}
