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
    SESSION_SECRET: z.string().optional(),
    SEED_DEMO: z.enum(["true", "false"]).default("true"),
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(10),
    MIN_COMPLETION_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    SUBMISSIONS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(0).default(30),
    MAX_BODY_KB: z.coerce.number().int().min(1).max(10_240).default(256),
    /** Where `npm run build` put the server bundle and assets (default build/ and public/build/). */
    BUILD_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "SESSION_SECRET must be set to at least 32 random characters in production",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

// Development and tests may run without a secret; production refuses to start (above).
const DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production";

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEVELOPMENT_SECRET };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
