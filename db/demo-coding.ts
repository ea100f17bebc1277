import type { Kysely } from "kysely";
import { POLICING_CODEBOOK } from "../app/coding/policing-codebook";
import { createCodebook, saveCoding } from "../app/models/coding.server";
import { decideQuote, markQuote, refreshSuggestions } from "../app/models/coding-analysis.server";
import { drawSample, sampleSize } from "../app/coding/sampling";
import { seededRandom } from "./seeded-random";
import type { Database } from "./schema";

/**
 * Demo coding for the Police and Crime Survey's written comments, so a newcomer sees themes,
 * reliability and a provisional code on first start: the starting codebook, 60% of comments coded
 * by one (demo) analyst, the double-coding sample coded blind by another, suggestions learned
 * for the rest, and one approved quote. The second coder reads "Response times" more widely than
 * the first, so that code comes out provisional, as a genuinely ambiguous code would. Demo coders are not staff accounts: nobody can sign in as them.
 */

const CODER_A = { id: "demo-coder-a", email: "demo-coder-a@yoursay.example" };
const CODER_B = { id: "demo-coder-b", email: "demo-coder-b@yoursay.example" };

export async function seedCodingDemo(
  db: Kysely<Database>,
  consultationId: string,
  comments: { responseId: string; text: string; codes: string[] }[]
): Promise<void> {
  const created = await createCodebook(db, { consultationId, file: POLICING_CODEBOOK, staff: null, source: "the starting policing codebook" });
  if (!created.ok) throw new Error(created.message);
  const id = new Map(created.codebook.codes.map((c) => [c.key, c.id]));
  const rng = seededRandom(2015);
  const key = (responseId: string) => ({ consultationId, questionId: "comments", responseId });
  // In the order they were generated, not by (random) response id, so the demo is the same every time.
  const sorted = comments;
  // The sample as drawDoubleCodingSample draws it, but from the generation order.
  const sample = drawSample(
    sorted.map((c) => c.responseId),
    sampleSize(sorted.length),
    2021,
  );
  await db
    .insertInto("coding_samples")
    .values(sample.map((response_id) => ({ consultation_id: consultationId, question_id: "comments", response_id, drawn_at: new Date().toISOString(), drawn_by: null })))
    .execute();
  const sampled = new Set(sample);
  // Coder A codes the sample and more, 60% in all, as the codebook intends with an occasional slip.
  const toCode = [...sorted.filter((c) => sampled.has(c.responseId)), ...sorted.filter((c) => !sampled.has(c.responseId))].slice(
    0,
    Math.round(sorted.length * 0.6)
  );
  const coded = new Set<string>();
  for (const c of toCode) {
    const codes = c.codes.filter(() => rng() > 0.03).map((k) => id.get(k)!);
    const outcome = await saveCoding(db, {
      key: key(c.responseId),
      pass: "main",
      staff: CODER_A,
      state: { codes, stance: null, evidenceRich: c.text.length > 110, excerpt: null },
    });
    if (!outcome.ok) throw new Error(`demo coding: ${outcome.reason}`);
    coded.add(c.responseId);
  }
  const byId = new Map(comments.map((c) => [c.responseId, c]));
  // Coder B codes the sample blind, bar a few left for a newcomer to try. B reads "Contacting the
  // police and 101" more widely than A: complaints about getting through often get "Response
  // times" from B too.
  const blind = sample.filter((r) => coded.has(r));
  for (const responseId of blind.slice(0, Math.max(0, blind.length - 6))) {
    const c = byId.get(responseId)!;
    const keys = c.codes.flatMap((k) => (k === "contact" ? [k, "response"] : [k])).filter(() => rng() > 0.03);
    const outcome = await saveCoding(db, {
      key: key(responseId),
      pass: "blind",
      staff: CODER_B,
      state: { codes: [...new Set(keys)].map((k) => id.get(k)!), stance: null, evidenceRich: c.text.length > 110, excerpt: null },
    });
    if (!outcome.ok) throw new Error(`demo blind coding: ${outcome.reason}`);
  }
  await refreshSuggestions(db, { consultationId, questionId: "comments", staff: null });
  // One quote proposed by A and approved by B; one waiting for approval.
  const quotable = sorted.filter((c) => coded.has(c.responseId) && c.codes.length === 1);
  const quote = (c: (typeof sorted)[number]) => ({
    key: key(c.responseId),
    codeId: id.get(c.codes[0])!,
    excerpt: c.text.split(/(?<=\.)\s/)[0],
    staff: CODER_A,
  });
  const speeding = quotable.find((c) => c.codes[0] === "speeding");
  if (speeding) {
    await markQuote(db, quote(speeding));
    const [q] = await db.selectFrom("coding_quotes").select("id").where("response_id", "=", speeding.responseId).execute();
    await decideQuote(db, { consultationId, id: q.id, staff: CODER_B, approve: true });
  }
  const visible = quotable.find((c) => c.codes[0] === "visible");
  if (visible) await markQuote(db, quote(visible));
}
