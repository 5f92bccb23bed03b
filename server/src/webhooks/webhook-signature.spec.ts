import { signatureHeader, verifySignature } from './webhook-signature';

// Reference computed outside Node:
//   printf '%s' '1700000000.{"id":"e1","type":"verdict.changed"}' | openssl dgst -sha256 -hmac 'whsec_test'
const BODY = '{"id":"e1","type":"verdict.changed"}';
const REFERENCE = 'ee0a306e5b05a990ed111e0317e16404e10260b1c10424054ca9843d94889150';

describe('webhook signature', () => {
  it('is HMAC-SHA256 of "<t>.<body>" in hex, as openssl computes it', () => {
    expect(signatureHeader('whsec_test', BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${REFERENCE}`);
  });

  it('verifies its own header and refuses a changed body, secret, timestamp or an old one', () => {
    const header = `t=1700000000,v1=${REFERENCE}`;
    expect(verifySignature('whsec_test', BODY, header, 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_test', `${BODY} `, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_other', BODY, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_test', BODY, `t=1700000001,v1=${REFERENCE}`, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_test', BODY, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature('whsec_test', BODY, 'garbage', 1_700_000_100)).toBe(false);
  });
});
