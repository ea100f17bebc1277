import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
// A fixed hash with the same parameters (was: made on the first unknown address, which made that
// one answer slower than any other). Its password is not secret: nothing signs in with it.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$K9qVSxzFTX1/aVGpTuJ3kA$AD0F8Oo3mx+wRgnElyG8iPSYWwzrZXHeAz1APRWD3Ic";
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}
