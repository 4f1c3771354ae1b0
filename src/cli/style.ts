/**
 * Colour for human output: only when the stream it goes to is a TTY, and never when NO_COLOR
 * is set (https://no-color.org) or TERM is "dumb"; FORCE_COLOR=1 forces it on (tests, `less -R`).
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
