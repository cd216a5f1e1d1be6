import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const KEYLEN = 32;

/** scrypt (memory-hard) with a random salt; the parameters travel in the stored string. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const r = 8;
  const p = 1;
  const key = await scrypt(password.normalize("NFC"), salt, KEYLEN, { N: cost, r, p, maxmem: 256 * cost * r + 1024 * 1024 });
  return `scrypt$${cost}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split("$");
  if (alg !== "scrypt") return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(key, "base64url");
  const got = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: 256 * N * R + 1024 * 1024,
  });
  return crypto.timingSafeEqual(got, expected);
}

/** A random bearer token (256 bit) and the only form we store: its sha256. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A readable one-time password for the first admin when none was configured. */
export function generatePassword(): string {
  return crypto.randomBytes(12).toString("base64url");
}
