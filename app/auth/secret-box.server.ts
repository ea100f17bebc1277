import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Small secrets kept in the database (TOTP seeds) are sealed with AES-256-GCM under a key
 * derived from SESSION_SECRET, so a copy of the database (a backup, a dump) does not hand out
 * anyone's second factor. With several secrets (rotation), the first seals and each one is
 * tried to open; `opened.stale` says the value should be sealed again under the first.
 */

const keyFor = (secret: string) => createHmac("sha256", secret).update("yoursay secret-box v1").digest();

export function seal(secrets: string[], plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secrets[0]), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function open(secrets: string[], sealed: string): { plain: string; stale: boolean } | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  for (const [i, secret] of secrets.entries()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
      return { plain, stale: i > 0 };
    } catch {
      // Not this secret: try the next.
    }
  }
  return null;
}
