import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field encryption for personal data: AES-256-GCM with a random 96-bit nonce, and an HMAC-SHA256 keyed hash
 * for exact look-up and de-duplication (equal inputs give equal hashes; the hash reveals nothing without the key).
 * Both keys are derived from GEARBRIDGE_SECRET with HKDF, each for its own purpose.
 *
 * Stored form: "v1.<nonce b64url>.<ciphertext b64url>.<tag b64url>"; the version lets keys rotate later.
 */
export interface FieldCipher {
  encrypt(plain: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
  /** Keyed hash of a normalised value; use the same normalisation on look-up. */
  hash(value: string): string;
}

export class TamperedError extends Error {
  constructor() {
    super('encrypted value failed authentication (tampered, truncated or wrong key)');
  }
}

export function createFieldCipher(secret: string): FieldCipher {
  if (secret.length < 32) throw new Error('secret must be at least 32 characters');
  const ikm = Buffer.from(secret, 'utf8');
  const encKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.from('gearbridge'), Buffer.from('pii-encryption-v1'), 32));
  const macKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.from('gearbridge'), Buffer.from('pii-lookup-hash-v1'), 32));
  return {
    encrypt(plain, context = '') {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, nonce);
      // The context (e.g. "users.phone") is bound as associated data: a value copied to another column fails.
      c.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', nonce.toString('base64url'), body.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(sealed, context = '') {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== 'v1') throw new TamperedError();
      const [, n, b, t] = parts;
      const nonce = Buffer.from(n, 'base64url');
      const tag = Buffer.from(t, 'base64url');
      if (nonce.length !== 12 || tag.length !== 16) throw new TamperedError();
      try {
        const d = createDecipheriv('aes-256-gcm', encKey, nonce);
        d.setAAD(Buffer.from(context, 'utf8'));
        d.setAuthTag(tag);
        return Buffer.concat([d.update(Buffer.from(b, 'base64url')), d.final()]).toString('utf8');
      } catch {
        throw new TamperedError();
      }
    },
    hash(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest('base64url');
    },
  };
}

/** Constant-time comparison of two strings (tokens). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
