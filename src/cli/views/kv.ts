/**
 * Human rendering of the kv commands. `get` prints the value alone (base64 values are marked),
 * writes print `OK` (etcdctl's habit) or what went wrong, `scan` a KEY/VALUE table, `watch` one
 * line per event.
 */
import type { KvGetResult, KvScanResult, KvWriteResult } from '../../app/kv.js';
import type { KvWatchEvent } from '../../app/kv-watch.js';
import type { View } from '../output.js';
import type { Painter } from '../style.js';
import { dataText, renderTable } from '../table.js';

function shown(text: string | null, encoding: 'utf8' | 'base64' | null): string {
  if (text === null) return '-';
  return encoding === 'base64' ? `base64:${text}` : dataText(text);
}

export const kvWriteView: View<KvWriteResult> = {
  table(r, { paint }) {
    if (r.outcome === 'unknown') return paint.yellow(`outcome unknown: ${r.error ?? 'no answer'}`);
    if (r.op === 'cas' && !r.succeeded) return paint.yellow('compare failed: nothing changed');
    return 'OK';
  },
};

export const kvGetView: View<KvGetResult> = {
  table(r) {
    // The value itself, byte for byte (a script's `$(raftctl kv get k)`); tables and watch lines escape.
    if (!r.found || r.value === null) return '';
    return r.valueEncoding === 'base64' ? `base64:${r.value}` : r.value;
  },
};

export const kvScanView: View<KvScanResult> = {
  table(r, { paint }) {
    const head = `${r.count} ${r.count === 1 ? 'key' : 'keys'} with prefix "${shown(r.prefix, r.prefixEncoding)}" at revision ${r.revision}`;
    if (r.count === 0) return head;
    const rows = r.entries.map((e) => [shown(e.key, e.keyEncoding), shown(e.value, e.valueEncoding)]);
    return `${head}\n\n${renderTable(['KEY', 'VALUE'], rows, paint)}`;
  },
};

/** One human line for a watch event. */
export function watchEventLine(e: KvWatchEvent, paint: Painter): string {
  const rev = paint.dim(`rev ${e.revision ?? '-'}`);
  // With --prev-kv the previous value, when the server sent one.
  const prev = e.prevValue !== null ? paint.dim(`  (was ${shown(e.prevValue, e.prevValueEncoding)})`) : '';
  switch (e.type) {
    case 'put':
      return `${paint.green('PUT')}    ${shown(e.key, e.keyEncoding)} = ${shown(e.value, e.valueEncoding)}  ${rev}${prev}`;
    case 'delete':
      return `${paint.red('DELETE')} ${shown(e.key, e.keyEncoding)}  ${rev}${prev}`;
    case 'progress':
      return paint.dim(`PROGRESS rev ${e.revision ?? '-'}`);
    default:
      return paint.yellow(`${e.type.toUpperCase()} ${shown(e.key, e.keyEncoding)}`);
  }
}
