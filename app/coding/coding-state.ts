import { z } from "zod";

/**
 * What an analyst records about one whole answer: the codes it carries (several), a stance where
 * the question asks for a view, whether it is evidence-rich (it gives facts, a concrete example or
 * a detailed experience), and optionally an excerpt proposed as a quote.
 */

export const STANCES = ["support", "oppose", "mixed", "unclear"] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = { support: "Support", oppose: "Oppose", mixed: "Mixed", unclear: "Unclear" };

/** "main": the coding that counts; "blind": the independent second coding of the sample. */
export type Pass = "main" | "blind";

export interface CodingState {
  codes: string[];
  stance: Stance | null;
  evidenceRich: boolean;
  excerpt: string | null;
}

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The coding form, as the workspace and the blind page post it. */
export const CodingFormSchema = z.object({
  responseId: z.string({ required_error: "Choose an answer to code" }).min(1, "Choose an answer to code"),
  codes: z.preprocess(asArray, z.array(z.string().min(1)).max(40, "Apply at most 40 codes to one answer")),
  stance: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STANCES, { errorMap: () => ({ message: "Choose a stance from the list" }) }).optional()),
  evidenceRich: z.preprocess((v) => v === "yes" || v === "on" || v === "true", z.boolean()),
  excerpt: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
    z.string().max(600, "Keep the excerpt to 600 characters or fewer").optional()
  ),
  quoteCodeId: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
});
export type CodingForm = z.infer<typeof CodingFormSchema>;

/** The coding form's fields as posted (the blind and settling forms have no excerpt). */
export function parseCodingForm(form: FormData) {
  const optional = (name: string) => form.get(name) ?? undefined;
  return CodingFormSchema.safeParse({
    responseId: form.get("responseId") ?? "",
    codes: form.getAll("codes").map(String),
    stance: optional("stance"),
    evidenceRich: optional("evidenceRich"),
    excerpt: optional("excerpt"),
    quoteCodeId: optional("quoteCodeId"),
  });
}

export function stateFromForm(form: CodingForm): CodingState {
  return { codes: [...new Set(form.codes)].sort(), stance: form.stance ?? null, evidenceRich: form.evidenceRich, excerpt: form.excerpt ?? null };
}

/** An excerpt must be the resident's words as stored: a quote is never edited into something they did not write. */
export function excerptProblem(excerpt: string | null, text: string): string | null {
  if (!excerpt) return null;
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  return squash(text).includes(squash(excerpt)) ? null : "The excerpt must be copied exactly from the answer (a quote is never edited)";
}
