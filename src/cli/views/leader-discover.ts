/**
 * Human rendering of `leader discover`: a verdict line, then what each endpoint believes.
 * `wide` shows error texts in full; `table` shortens them.
 */
import type { LeaderDiscovery } from '../../app/discover-leader.js';
import type { View } from '../output.js';
import { renderTable } from '../table.js';

/** Error texts in `table` (not `wide`) are cut to this many characters. */
export const SHORT_ERROR_CHARS = 60;

/** Shortens `text` to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const leaderDiscoverView: View<LeaderDiscovery> = {
  table(r, { wide, paint }) {
    const headline =
      r.leaderId !== null
        ? `Leader: ${paint.green(`node ${r.leaderId}`)} at ${r.address ?? '(address unknown)'}, term ${r.term ?? '-'}`
        : paint.yellow('No leader known');
    const rows = r.views.map((v) => [
      v.endpoint,
      v.leaderId,
      v.term,
      v.error === null ? '' : paint.red(wide ? v.error : shorten(v.error, SHORT_ERROR_CHARS)),
    ]);
    return `${headline}\n\n${renderTable(['ENDPOINT', 'LEADER', 'TERM', 'ERROR'], rows, paint)}`;
  },
};
