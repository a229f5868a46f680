import type { Problem } from './problem.js';

/** Largest file accepted: 1 MiB. An update is a few kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; problem: Problem };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes → text an author wrote: rejects empty, oversized and non-UTF-8 files
 * with a located message; strips a UTF-8 BOM and normalises CRLF/CR to LF.
 */
export function decodeText(path: string, bytes: Uint8Array): Decoded {
  if (bytes.byteLength === 0) {
    return fail({ path, field: 'file', message: 'file is empty; write the front matter and text, or delete it' });
  }
  if (bytes.byteLength > MAX_FILE_BYTES) {
    // Round up: a file just over the limit must not read as "1024 KiB; the limit is 1024 KiB".
    const kib = Math.ceil(bytes.byteLength / 1024);
    return fail({ path, field: 'file', message: `file is ${kib} KiB; the limit is ${MAX_FILE_BYTES / 1024} KiB — link to large documents instead of pasting them` });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    return fail({
      path,
      line: lines.length,
      col: (lines.at(-1)?.length ?? 0) + 1,
      field: 'encoding',
      message: `file is not UTF-8 (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at}); save it as UTF-8`,
    });
  }
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

function fail(problem: Problem): Decoded {
  return { ok: false, problem };
}

/** Offset of the first byte that breaks UTF-8, found by decoding growing prefixes' validity per sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 0b110 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || bytes[i + k]! >> 6 !== 0b10) return i;
    if (len > 1) {
      try {
        utf8.decode(bytes.subarray(i, i + len));
      } catch {
        return i;
      }
    }
    i += len;
  }
  return 0;
}
