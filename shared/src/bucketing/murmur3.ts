import murmurhash from 'murmurhash';

// murmurhash@2 hashes UTF-8 bytes (it encodes strings with TextEncoder); we encode into a
// reused scratch buffer instead, which avoids one allocation per call on the SDK hot path.
const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as an unsigned 32-bit integer. */
export function murmur3(text: string, seed = 0): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return murmurhash.v3(scratch.subarray(0, written), seed);
}
