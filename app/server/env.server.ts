import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Nothing else reads process.env
 * (scripts pass their own overrides in through `loadEnv`).
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.string().min(1).default("data/yoursay.sqlite"),
    /**
     * One secret, or several separated by commas for rotation: the first signs cookies and
     * tokens, every one of them verifies (docs/operations.md, "Rotating SESSION_SECRET").
     */
    SESSION_SECRET: z.string().optional(),
    /**
     * The address residents and staff use, scheme, host and port only (https://yoursay.example).
     * The Origin check on every form and every absolute link are made from it, never from the
     * Host header, which a client or a misconfigured proxy controls. Required in production.
     */
    PUBLIC_ORIGIN: z.preprocess(
      // An empty value (as .env.example has it) is unset.
      (v) => (v === "" ? undefined : v),
      z
      .string()
      .url("PUBLIC_ORIGIN must be an address such as https://yoursay.durham-pcc.gov.uk")
      .refine((v) => /^https?:$/.test(new URL(v).protocol), "PUBLIC_ORIGIN must start with https:// (or http:// for a local test)")
      .refine((v) => new URL(v).origin === v.replace(/\/$/, ""), "PUBLIC_ORIGIN must be the scheme, host and port only, with no path, like https://yoursay.example")
      .transform((v) => new URL(v).origin)
      .optional(),
    ),
    SEED_DEMO: z.enum(["true", "false"]).default("true"),
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(10),
    MIN_COMPLETION_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    SUBMISSIONS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(0).default(30),
    /** New answers-in-progress (drafts) one client may start in an hour; 0 turns the limit off. */
    DRAFTS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(0).default(60),
    /** Drafts alive at once across every consultation; past it, new starts get a 503 page. */
    MAX_LIVE_DRAFTS: z.coerce.number().int().min(1).default(100_000),
    /** Who must use two-step sign-in: administrators only, or every staff member. */
    TWO_FACTOR_REQUIRED: z.enum(["admins", "everyone"]).default("admins"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    MAX_BODY_KB: z.coerce.number().int().min(1).max(10_240).default(256),
    /**
     * Worker processes serving requests (node:cluster): unset means one per core the process may
     * use (os.availableParallelism()); 1 is a single process, as before clustering.
     */
    WEB_CONCURRENCY: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(256).optional()),
    /** Where `npm run build` put the server bundle and assets (default build/ and public/build/). */
    BUILD_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    const secrets = splitSecrets(env.SESSION_SECRET);
    if (secrets.length === 0 || secrets.some((s) => s.length < 32)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "SESSION_SECRET must be set to at least 32 random characters in production (each one, when several are given for rotation)",
      });
    }
  });

/**
 * What only the web server needs (scripts such as staff:create run without it): in production,
 * PUBLIC_ORIGIN. server.ts calls this before listening and refuses to start without it.
 */
export function checkServerEnv(env: Env): void {
  if (env.NODE_ENV === "production" && !env.PUBLIC_ORIGIN) {
    throw new Error("Invalid environment variables:\n  PUBLIC_ORIGIN: must be set in production to the address people use, like https://yoursay.durham-pcc.gov.uk");
  }
}

function splitSecrets(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export type Env = Omit<z.infer<typeof EnvSchema>, "SESSION_SECRET"> & {
  /** The signing secret (the first of SESSION_SECRETS). */
  SESSION_SECRET: string;
  /** Every accepted secret, the signing one first. */
  SESSION_SECRETS: string[];
};

// Development and tests may run without a secret; production refuses to start (above).
const DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production";

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  const secrets = splitSecrets(parsed.data.SESSION_SECRET);
  const SESSION_SECRETS = secrets.length ? secrets : [DEVELOPMENT_SECRET];
  return { ...parsed.data, SESSION_SECRET: SESSION_SECRETS[0], SESSION_SECRETS };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Cookie names get the __Host- prefix in production: Secure, Path=/, no Domain (RFC 6265bis §4.1.3.2). */
export function cookieName(name: string): string {
  return env().NODE_ENV === "production" ? `__Host-${name}` : name;
}
