import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { murmur3 } from './murmur3';

// GET /sdk/config is read by browsers, so it never lists a unit id in clear: focus-group
// members and forced-variant ids appear as `sha256(configSalt + ":" + unitId)` in hex, and the
// SDK hashes a unit before looking it up. @noble/hashes is a synchronous, audited SHA-256 that
// runs the same in Node and in browsers (WebCrypto's digest is asynchronous, and evaluation is
// a synchronous call).

/** How GET /sdk/config names a unit: lowercase hex `sha256(salt + ":" + unitId)` of its UTF-8 bytes. */
export function hashUnitId(salt: string, unitId: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${salt}:${unitId}`)));
}

/**
 * A 32-bit tag of the same input (MurmurHash3, as bucketing uses). The config lists the tags
 * of its hashed ids, so the SDK computes a SHA-256 only for a unit whose tag is listed: the
 * cheap check keeps evaluation at bucketing speed. A tag says no more about an id than its
 * SHA-256 already does.
 */
export function unitIdTag(salt: string, unitId: string): number {
  return murmur3(`${salt}:${unitId}`, 0);
}
