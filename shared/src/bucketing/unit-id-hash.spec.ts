import { murmur3 } from './murmur3';
import { hashUnitId, unitIdTag } from './unit-id-hash';

describe('hashUnitId', () => {
  // References from coreutils, e.g. printf '%s' 'salt-1:alice@example.com' | sha256sum
  it.each([
    ['salt-1', 'alice@example.com', '93a0020cbdeb2ca041bdfcb9fe847f1834dfe282d994a671f3fe72ee717d084b'],
    ['s', '', '05d8bd490f04e608c530dc30d63647d5d5685512ba40ce9dbd61a5fe509fa5df'],
    ['ab12', '用户-42', 'dc92363365ca7ff5d54a701e0b0ae16c3e215d0c9c0d7abe072c2ec5870b9d31'],
  ])('hashes %p:%p like sha256sum', (salt, unitId, expected) => {
    expect(hashUnitId(salt, unitId)).toBe(expected);
  });
});

describe('unitIdTag', () => {
  it('is the MurmurHash3 of the same input', () => {
    expect(unitIdTag('salt-1', 'alice@example.com')).toBe(murmur3('salt-1:alice@example.com', 0));
  });
});
