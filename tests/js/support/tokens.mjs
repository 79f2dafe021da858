// Tokens for the glue's tests: RS256-shaped, with a signature of the right size that nothing
// verifies (checkToken has no key, so it checks only the signature's shape).
import { Buffer } from 'node:buffer';

/** The Unix second the tests judge tokens at, as tests/cases/tokens.json does. */
export const NOW = 1_800_000_000;

const part = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** 256 bytes, as an RS256 signature by a 2048-bit key has. */
export const SIGNATURE = Buffer.alloc(256, 7).toString('base64url');

/** The claims of a valid token at `now`: valid for 15 minutes, issued a minute ago. */
export function claimsAt(now = NOW) {
  return {
    iss: 'contosohelp.com',
    sub: '87b4d06c-abc2-e811-a9b0-000d3a10e09e',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 840,
    lwicontexts: JSON.stringify({ msdyn_cartvalue: '10000', msdyn_isvip: 'false' }),
  };
}

/**
 * A token with the valid claims at `now`, overridden by `claims` (an undefined value removes a
 * claim); `payload` replaces the payload's JSON text entirely.
 */
export function makeToken(claims = {}, { now = NOW, header = { alg: 'RS256', typ: 'JWT' }, payload, signature = SIGNATURE } = {}) {
  const merged = { ...claimsAt(now), ...claims };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  return `${part(header)}.${part(payload ?? merged)}.${signature}`;
}

/** A valid token at `now` whose claims differ by a marker, to tell tokens apart. */
export function tokenNumber(n, now = NOW, exp = now + 840) {
  return makeToken({ jti: `token-${n}`, exp }, { now });
}
