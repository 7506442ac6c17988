/**
 * Sparkplug B payload compression (Sparkplug 3.0, "Payload compression"; Eclipse Tahu's PayloadUtil): an edge node
 * may wrap a payload as an outer payload whose `uuid` is "SPBV1.0_COMPRESSED", whose `body` holds the inner
 * payload's bytes compressed, and whose String metric `algorithm` names DEFLATE or GZIP — without it, DEFLATE.
 * The inner payload carries the message's seq and timestamp (Tahu copies the seq onto the wrapper as well, which is
 * taken when the inner one has none). Pure: bytes in, bytes out, synchronously (node:zlib).
 *
 * DEFLATE is the zlib stream (RFC 1950) that Tahu's java.util.zip.Deflater and its JavaScript client's pako.deflate
 * write; a body without a zlib header is read as a raw DEFLATE stream (RFC 1951), as some other libraries write it.
 * Inflating stops at `maxBytes`: a small message that would inflate into gigabytes (a zip bomb) is a dead letter,
 * never a buffer.
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { PayloadError, type RawPayload } from './codec';

export const COMPRESSED_UUID = 'SPBV1.0_COMPRESSED';
/**
 * Most bytes a compressed payload may inflate to. The ingest has no limit of its own on a message's size (the
 * broker's maximum packet size is the one there is), so this is chosen: 16 MiB is a BIRTH of some 200,000 metrics,
 * far beyond any edge node's, and small enough that a flood of bombs cannot exhaust memory one message at a time.
 */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export const isCompressed = (p: RawPayload) => p.uuid === COMPRESSED_UUID;

/** A zlib header (RFC 1950 §2.2): method 8 (deflate), window ≤ 32 KiB, and the check bits. */
const zlibHeader = (b: Uint8Array) => b.length >= 2 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0;

/** The algorithm a compressed payload names: its `algorithm` metric's String value, else DEFLATE. */
function algorithmOf(p: RawPayload): string {
  const m = p.metrics.find((x) => x.name === 'algorithm');
  if (!m) return 'DEFLATE';
  const v = m.wire.stringValue;
  if (!Object.hasOwn(m.wire, 'stringValue') || typeof v !== 'string') throw new PayloadError('bad_compression', 'the "algorithm" metric of a compressed payload is not a String');
  return v.toUpperCase();
}

/** The inner payload's bytes of a compressed payload (`isCompressed`); PayloadError 'bad_compression' when it cannot be had. */
export function inflateBody(p: RawPayload, maxBytes = MAX_INFLATED_BYTES): Buffer {
  const algorithm = algorithmOf(p);
  if (algorithm !== 'DEFLATE' && algorithm !== 'GZIP') {
    throw new PayloadError('bad_compression', `unknown compression algorithm ${JSON.stringify(algorithm.slice(0, 40))} (DEFLATE or GZIP)`);
  }
  const body = p.body;
  if (!body || body.length === 0) throw new PayloadError('bad_compression', 'compressed payload without a body');
  const options = { maxOutputLength: maxBytes };
  try {
    if (algorithm === 'GZIP') return gunzipSync(body, options);
    return zlibHeader(body) ? inflateSync(body, options) : inflateRawSync(body, options);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PayloadError('bad_compression', `${algorithm} body inflates past ${maxBytes} bytes`);
    }
    throw new PayloadError('bad_compression', `${algorithm} body cannot be decompressed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
