import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { activeInOrder, type Code } from "~/coding/codebook";
import { crossValidate, score, train, uncertainty, type CodeAgreement, type Example } from "~/coding/classifier";
import { clusterTexts } from "~/coding/clusters";
import type { CodingState } from "~/coding/coding-state";
import type { ThemeCounts } from "~/coding/figures";
import { reliabilityByCode, stanceReliability, type CodeReliability } from "~/coding/reliability";
import { drawSample, sampleSize } from "~/coding/sampling";
import { matchingRules, readableTerm, termSet, tokens } from "~/coding/text";
import { CHANNEL_TARGET_ID, type SubgroupFilter } from "~/evidence/evidence";
import { commaList } from "../../db/connection";
import { recordAudit } from "./audit.server";
import {
  answeredCount,
  getCodebook,
  readState,
  getMainCoding,
  getWrittenAnswer,
  respondentsToQuestion,
  saveSettledCoding,
  type AnswerKey,
  type Staffer,
  type StoredCoding,
} from "./coding.server";

/**
 * What is computed from codings: suggestions (kept apart; never read by a figure), candidate
 * themes, the double-coding sample and its reliability, settling disagreements, theme counts and
 * quotes.
 */

type Db = Kysely<Database>;
const now = () => new Date().toISOString();

// Suggestions -----------------------------------------------------------------------------------

/** Every written answer to a question with its main codes (empty when not yet coded). */
async function answersWithCodes(db: Db, consultationId: string, questionId: string) {
  const [texts, codings, coded] = await Promise.all([
    respondentsToQuestion(db, consultationId, questionId, null).select(["a.response_id", "a.value_text"]).orderBy("a.response_id").execute(),
    db
      .selectFrom("codings")
      .select(["response_id", "code_id"])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .where("pass", "=", "main")
      .execute(),
    db
      .selectFrom("coded_answers")
      .select("response_id")
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .where("pass", "=", "main")
      .execute(),
  ]);
  const codes = new Map<string, Set<string>>();
  for (const c of codings) {
    let s = codes.get(c.response_id);
    if (!s) codes.set(c.response_id, (s = new Set()));
    s.add(c.code_id);
  }
  const isCoded = new Set(coded.map((c) => c.response_id));
  return texts.map((t) => ({
    responseId: t.response_id,
    text: t.value_text ?? "",
    coded: isCoded.has(t.response_id),
    codes: codes.get(t.response_id) ?? new Set<string>(),
  }));
}

export interface ModelRun {
  trainedAt: string;
  examples: number;
  suggested: number;
  byCode: CodeAgreement[];
  overall: CodeAgreement;
}

const AgreementSchema = z.object({
  codeId: z.string(),
  f1: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  answers: z.number(),
  approximate: z.boolean(),
});
const RunSchema = z.object({ suggested: z.number(), byCode: z.array(AgreementSchema), overall: AgreementSchema });

/** Pure: trains on the coded answers and scores the rest. Separate so the bench can time it alone. */
export function suggestFor(
  codes: Code[],
  answers: { responseId: string; text: string; coded: boolean; codes: ReadonlySet<string> }[],
  { crossValidation = true } = {}
) {
  const active = activeInOrder(codes);
  const activeIds = active.map((c) => c.id);
  const examples: Example[] = answers.filter((a) => a.coded).map((a) => ({ terms: termSet(a.text), codes: a.codes }));
  const model = train(examples, activeIds);
  const rows: { responseId: string; codeId: string; source: "rule" | "model"; probability: number; because: string[] }[] = [];
  const summaries: { responseId: string; uncertainty: number; top: number }[] = [];
  for (const a of answers) {
    if (a.coded) continue;
    const scored = score(model, termSet(a.text), { explainTop: 3 });
    for (const s of scored.filter((x) => x.probability >= 0.2).slice(0, 3)) {
      rows.push({
        responseId: a.responseId,
        codeId: s.codeId,
        source: "model",
        probability: s.probability,
        because: s.because.map((t) => readableTerm(t, [a.text])),
      });
    }
    for (const c of active) {
      const matched = c.rules.length ? matchingRules(a.text, c.rules) : [];
      if (matched.length) rows.push({ responseId: a.responseId, codeId: c.id, source: "rule", probability: 1, because: matched });
    }
    summaries.push({ responseId: a.responseId, uncertainty: uncertainty(scored), top: scored[0]?.probability ?? 0 });
  }
  const agreement =
    crossValidation && examples.length >= 10
      ? crossValidate(examples, activeIds)
      : { byCode: [], overall: { codeId: "", f1: null, low: null, high: null, answers: 0, approximate: true } };
  return { rows, summaries, examples: examples.length, agreement };
}

/**
 * Retrains on the question's coded answers and replaces the suggestions for the answers not yet
 * coded (keyword rules and the classifier). Codings are not touched.
 */
export async function refreshSuggestions(
  db: Db,
  { consultationId, questionId, staff }: { consultationId: string; questionId: string; staff: Staffer | null }
): Promise<ModelRun> {
  const book = await getCodebook(db, { consultationId });
  const answers = await answersWithCodes(db, consultationId, questionId);
  const { rows, summaries, examples, agreement } = suggestFor(book?.codes ?? [], answers);
  const trainedAt = now();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("coding_suggestions").where("consultation_id", "=", consultationId).where("question_id", "=", questionId).execute();
    await trx.deleteFrom("coding_suggestion_answers").where("consultation_id", "=", consultationId).where("question_id", "=", questionId).execute();
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto("coding_suggestions")
        .values(
          rows.slice(i, i + 200).map((r) => ({
            consultation_id: consultationId,
            question_id: questionId,
            response_id: r.responseId,
            code_id: r.codeId,
            source: r.source,
            probability: r.probability,
            because: JSON.stringify(r.because),
          }))
        )
        .execute();
    }
    for (let i = 0; i < summaries.length; i += 300) {
      await trx
        .insertInto("coding_suggestion_answers")
        .values(
          summaries
            .slice(i, i + 300)
            .map((s) => ({
              consultation_id: consultationId,
              question_id: questionId,
              response_id: s.responseId,
              uncertainty: s.uncertainty,
              top_probability: s.top,
            }))
        )
        .execute();
    }
    await trx
      .insertInto("coding_model_runs")
      .values({
        id: randomUUID(),
        consultation_id: consultationId,
        question_id: questionId,
        trained_at: trainedAt,
        staff_id: staff?.id ?? null,
        examples,
        metrics: JSON.stringify({ suggested: summaries.length, byCode: agreement.byCode, overall: agreement.overall }),
      })
      .execute();
  });
  return { trainedAt, examples, suggested: summaries.length, byCode: agreement.byCode, overall: agreement.overall };
}

export async function latestModelRun(db: Db, { consultationId, questionId }: { consultationId: string; questionId: string }): Promise<ModelRun | null> {
  const row = await db
    .selectFrom("coding_model_runs")
    .select(["trained_at", "examples", "metrics"])
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", questionId)
    .orderBy("trained_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const m = RunSchema.parse(JSON.parse(row.metrics));
  return { trainedAt: row.trained_at, examples: Number(row.examples), ...m };
}

export interface StoredSuggestion {
  codeId: string;
  source: "rule" | "model";
  probability: number;
  because: string[];
}

export async function suggestionsFor(db: Db, key: AnswerKey): Promise<StoredSuggestion[]> {
  const rows = await db
    .selectFrom("coding_suggestions")
    .select(["code_id", "source", "probability", "because"])
    .where("consultation_id", "=", key.consultationId)
    .where("question_id", "=", key.questionId)
    .where("response_id", "=", key.responseId)
    .orderBy("probability", "desc")
    .execute();
  return rows.map((r) => ({
    codeId: r.code_id,
    source: r.source === "rule" ? "rule" : "model",
    probability: Number(r.probability),
    because: z.array(z.string()).parse(JSON.parse(r.because)),
  }));
}

// Candidate themes ------------------------------------------------------------------------------

export interface CandidateTheme {
  size: number;
  terms: string[];
  examples: { responseId: string; text: string }[];
}

/** Clusters of the answers nobody has coded yet (at most `limit`, the first by reference). */
export async function candidateThemes(
  db: Db,
  { consultationId, questionId, limit = 3000 }: { consultationId: string; questionId: string; limit?: number }
): Promise<{ uncoded: number; themes: CandidateTheme[] }> {
  const all = await answersWithCodes(db, consultationId, questionId);
  const uncoded = all.filter((a) => !a.coded);
  const pool = uncoded.slice(0, limit);
  const clusters = clusterTexts(pool.map((a) => tokens(a.text)));
  return {
    uncoded: uncoded.length,
    themes: clusters.map((c) => ({
      size: c.members.length,
      terms: c.topTerms.map((t) =>
        readableTerm(
          t,
          c.members.slice(0, 20).map((i) => pool[i].text)
        )
      ),
      examples: c.members.slice(0, 3).map((i) => ({ responseId: pool[i].responseId, text: pool[i].text })),
    })),
  };
}

// The double-coding sample ----------------------------------------------------------------------

export async function drawDoubleCodingSample(
  db: Db,
  {
    consultationId,
    questionId,
    staff,
    fraction,
    minimum,
    seed = Date.now(),
  }: { consultationId: string; questionId: string; staff: Staffer | null; fraction: number; minimum: number; seed?: number }
): Promise<{ drawn: number; already: boolean }> {
  const existing = await db
    .selectFrom("coding_samples")
    .select("response_id")
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", questionId)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { drawn: 0, already: true };
  const ids = (await respondentsToQuestion(db, consultationId, questionId, null).select("a.response_id").orderBy("a.response_id").execute()).map(
    (r) => r.response_id
  );
  const size = sampleSize(ids.length, fraction, minimum);
  const chosen = drawSample(ids, size, seed);
  const at = now();
  for (let i = 0; i < chosen.length; i += 300) {
    await db
      .insertInto("coding_samples")
      .values(
        chosen
          .slice(i, i + 300)
          .map((response_id) => ({ consultation_id: consultationId, question_id: questionId, response_id, drawn_at: at, drawn_by: staff?.id ?? null }))
      )
      .execute();
  }
  await recordAudit(db, {
    staff,
    action: "coding.sample_drawn",
    consultationId,
    detail: `${questionId}: ${chosen.length} of ${ids.length} answers drawn at random for blind double coding (${Math.round(
      fraction * 100
    )}%, at least ${minimum})`,
  });
  return { drawn: chosen.length, already: false };
}

/**
 * The sample as the blind coder sees it: ids only, whether they coded each one blind, and
 * whether they may (not if they made the main coding). Never the main coding itself.
 */
export async function blindQueue(db: Db, { consultationId, questionId, staff }: { consultationId: string; questionId: string; staff: Staffer }) {
  const rows = await db
    .selectFrom("coding_samples as s")
    .leftJoin("coded_answers as b", (j) =>
      j
        .onRef("b.response_id", "=", "s.response_id")
        .onRef("b.question_id", "=", "s.question_id")
        .onRef("b.consultation_id", "=", "s.consultation_id")
        .on("b.pass", "=", "blind")
    )
    .leftJoin("coded_answers as m", (j) =>
      j
        .onRef("m.response_id", "=", "s.response_id")
        .onRef("m.question_id", "=", "s.question_id")
        .onRef("m.consultation_id", "=", "s.consultation_id")
        .on("m.pass", "in", ["main", "first"])
        .on("m.coder_id", "=", staff.id)
    )
    .select(["s.response_id", "b.coder_id as blind_coder", sql<number>`count(m.response_id)`.as("mine")])
    .where("s.consultation_id", "=", consultationId)
    .where("s.question_id", "=", questionId)
    .groupBy(["s.response_id", "b.coder_id"])
    .orderBy("s.response_id")
    .execute();
  return rows.map((r) => ({
    responseId: r.response_id,
    codedByMe: r.blind_coder === staff.id,
    codedByOther: r.blind_coder !== null && r.blind_coder !== staff.id,
    mainCodedByMe: Number(r.mine) > 0,
  }));
}

// Reliability -----------------------------------------------------------------------------------

interface Pair {
  responseId: string;
  first: Set<string>;
  second: Set<string>;
  firstStance: string | null;
  secondStance: string | null;
  firstCoder: string;
  secondCoder: string;
  settledAt: string | null;
}

/** Each double-coded answer: the first coding (as it was before any settlement) and the blind one. */
async function doubleCoded(db: Db, consultationId: string, questionId: string): Promise<Pair[]> {
  // Only answers in the sample can have a blind coding: read just those.
  const sampled = db.selectFrom("coding_samples").select("response_id").where("consultation_id", "=", consultationId).where("question_id", "=", questionId);
  const [answers, codes] = await Promise.all([
    db
      .selectFrom("coded_answers")
      .select(["response_id", "pass", "coder_id", "stance", "settled_at"])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .where("response_id", "in", sampled)
      .execute(),
    db
      .selectFrom("codings")
      .select(["response_id", "pass", "code_id"])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .where("response_id", "in", sampled)
      .execute(),
  ]);
  const by = new Map<string, Map<string, (typeof answers)[number]>>();
  for (const a of answers) {
    let m = by.get(a.response_id);
    if (!m) by.set(a.response_id, (m = new Map()));
    m.set(a.pass, a);
  }
  const codeSets = new Map<string, Set<string>>();
  for (const c of codes) {
    const k = `${c.response_id} ${c.pass}`;
    let s = codeSets.get(k);
    if (!s) codeSets.set(k, (s = new Set()));
    s.add(c.code_id);
  }
  const pairs: Pair[] = [];
  for (const [responseId, passes] of by) {
    const blind = passes.get("blind");
    const first = passes.get("first") ?? passes.get("main");
    if (!blind || !first) continue;
    pairs.push({
      responseId,
      first: codeSets.get(`${responseId} ${first.pass}`) ?? new Set(),
      second: codeSets.get(`${responseId} blind`) ?? new Set(),
      firstStance: first.stance,
      secondStance: blind.stance,
      firstCoder: first.coder_id,
      secondCoder: blind.coder_id,
      settledAt: passes.get("main")?.settled_at ?? null,
    });
  }
  return pairs.sort((a, b) => a.responseId.localeCompare(b.responseId));
}

export async function reliabilityFor(
  db: Db,
  { consultationId, questionId, codes }: { consultationId: string; questionId: string; codes: Code[] },
): Promise<{ units: number; byCode: CodeReliability[]; stance: CodeReliability }> {
  const pairs = await doubleCoded(db, consultationId, questionId);
  // A top-level code is present when it or any code inside it is, as its figure counts it.
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  const withGroups = (set: Set<string>) => new Set([...set, ...[...set].map((id) => parent.get(id)).filter((p): p is string => Boolean(p))]);
  return {
    units: pairs.length,
    byCode: reliabilityByCode(
      codes.map((c) => c.id),
      pairs.map((p) => ({ first: withGroups(p.first), second: withGroups(p.second) })),
    ),
    stance: stanceReliability(pairs.map((p) => ({ first: p.firstStance, second: p.secondStance }))),
  };
}

/** Double-coded answers where the two codings differ and nobody has settled it yet. */
export async function disagreements(db: Db, { consultationId, questionId }: { consultationId: string; questionId: string }) {
  const pairs = await doubleCoded(db, consultationId, questionId);
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  return pairs
    .filter((p) => !p.settledAt && (!same(p.first, p.second) || p.firstStance !== p.secondStance))
    .map((p) => ({
      responseId: p.responseId,
      onlyFirst: [...p.first].filter((x) => !p.second.has(x)),
      onlySecond: [...p.second].filter((x) => !p.first.has(x)),
      coders: [p.firstCoder, p.secondCoder],
    }));
}

export type SettleOutcome = { ok: true } | { ok: false; reason: "not-double-coded" | "own-coding" | "not-an-answer" };

/** Both codings of a disagreement, for a third analyst only (never one of the two coders). */
export async function disagreementFor(
  db: Db,
  key: AnswerKey,
  staff: Staffer
): Promise<{ ok: true; first: StoredCoding; blind: StoredCoding } | { ok: false; reason: "not-double-coded" | "own-coding" }> {
  const pairs = (await doubleCoded(db, key.consultationId, key.questionId)).filter((p) => p.responseId === key.responseId);
  if (!pairs.length) return { ok: false, reason: "not-double-coded" };
  if (pairs[0].firstCoder === staff.id || pairs[0].secondCoder === staff.id) return { ok: false, reason: "own-coding" };
  const read = (pass: string) => readState(db, key, pass);
  const first = (await read("first")) ?? (await read("main"));
  const blind = await read("blind");
  if (!first || !blind) return { ok: false, reason: "not-double-coded" };
  return { ok: true, first, blind };
}

/**
 * A third analyst settles a disagreement: the main coding (what counts) becomes their decision;
 * the first coder's original is kept as the "first" pass so reliability still compares the two
 * independent codings.
 */
export async function settleDisagreement(db: Db, { key, staff, state }: { key: AnswerKey; staff: Staffer; state: CodingState }): Promise<SettleOutcome> {
  const both = await disagreementFor(db, key, staff);
  if (!both.ok) return both;
  if (!(await getWrittenAnswer(db, key))) return { ok: false, reason: "not-an-answer" };
  const main = await getMainCoding(db, key);
  await db.transaction().execute(async (trx) => {
    const hasFirst = await trx
      .selectFrom("coded_answers")
      .select("response_id")
      .where("consultation_id", "=", key.consultationId)
      .where("question_id", "=", key.questionId)
      .where("response_id", "=", key.responseId)
      .where("pass", "=", "first")
      .executeTakeFirst();
    if (!hasFirst && main) {
      await trx
        .insertInto("coded_answers")
        .expression(
          trx
            .selectFrom("coded_answers")
            .select([
              "consultation_id",
              "question_id",
              "response_id",
              sql<string>`'first'`.as("pass"),
              "coder_id",
              "coded_at",
              "stance",
              "evidence_rich",
              "excerpt",
              "settled_by",
              "settled_at",
            ])
            .where("consultation_id", "=", key.consultationId)
            .where("question_id", "=", key.questionId)
            .where("response_id", "=", key.responseId)
            .where("pass", "=", "main")
        )
        .execute();
      if (main.codes.length) {
        await trx
          .insertInto("codings")
          .values(
            main.codes.map((code_id) => ({
              consultation_id: key.consultationId,
              question_id: key.questionId,
              response_id: key.responseId,
              pass: "first",
              code_id,
            }))
          )
          .execute();
      }
    }
  });
  await saveSettledCoding(db, { key, staff, state });
  await recordAudit(db, {
    staff,
    action: "coding.disagreement_settled",
    consultationId: key.consultationId,
    detail: `${key.questionId}: one double-coded answer settled`,
  });
  return { ok: true };
}

// Theme counts ----------------------------------------------------------------------------------

/**
 * Counts for the theme figures, from accepted (main) codings only. Without a subgroup, codings are
 * counted directly (only counted responses can be coded); within one, the question's respondents
 * in the subgroup are the derived table the counts start from.
 */
export async function themeCounts(
  db: Db,
  { consultationId, questionId, filter, stance = true }: { consultationId: string; questionId: string; filter: SubgroupFilter | null; stance?: boolean }
): Promise<ThemeCounts> {
  const grouped = await themeCountsBy(db, { consultationId, questionId, filter, by: null, stance });
  return grouped.get("") ?? { answered: 0, coded: 0, byCode: new Map(), byGroup: new Map() };
}

/** Per group of a breakdown (or one group "" without one). */
export async function themeCountsBy(
  db: Db,
  {
    consultationId,
    questionId,
    filter,
    by,
    stance = true,
  }: {
    consultationId: string;
    questionId: string;
    filter: SubgroupFilter | null;
    by: { questionId: string; itemId: string } | null;
    /** Count stances too (only questions that ask for a view have them: the others skip reading each coded answer's row). */
    stance?: boolean;
  }
): Promise<Map<string, ThemeCounts>> {
  const out = new Map<string, ThemeCounts>();
  const get = (g: string) => {
    let t = out.get(g);
    if (!t) out.set(g, (t = { answered: 0, coded: 0, byCode: new Map(), byGroup: new Map() }));
    return t;
  };
  if (!filter && !by) {
    const [answered, coded, byCode, byGroup, byStance] = await Promise.all([
      answeredCount(db, consultationId, questionId),
      db
        .selectFrom("coded_answers")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("consultation_id", "=", consultationId)
        .where("question_id", "=", questionId)
        .where("pass", "=", "main")
        .executeTakeFirst(),
      db
        .selectFrom("codings")
        .select((eb) => ["code_id", eb.fn.countAll<number>().as("n")])
        .where("consultation_id", "=", consultationId)
        .where("question_id", "=", questionId)
        .where("pass", "=", "main")
        .groupBy("code_id")
        .execute(),
      // A top-level code counts each respondent once, whichever of its codes they have: one
      // COUNT(DISTINCT) per group over the codings index (twice as fast as joining codes).
      codesOf(db, consultationId).then((codes) =>
          Promise.all(
            codes
              .filter((c) => c.parent_id === null)
              .map(async (top) => {
                const ids = [top.id, ...codes.filter((c) => c.parent_id === top.id).map((c) => c.id)];
                const row = await db
                  .selectFrom("codings")
                  .select((eb) => eb.fn.count<number>("response_id").distinct().as("n"))
                  .where("consultation_id", "=", consultationId)
                  .where("question_id", "=", questionId)
                  .where("pass", "=", "main")
                  .where("code_id", "in", ids)
                  .executeTakeFirst();
                return { grp: top.id, n: Number(row?.n ?? 0) };
              }),
          ),
        ),
      stance
        ? db
            .selectFrom("coded_answers")
            .select((eb) => ["stance", eb.fn.countAll<number>().as("n")])
            .where("consultation_id", "=", consultationId)
            .where("question_id", "=", questionId)
            .where("pass", "=", "main")
            .where("stance", "is not", null)
            .groupBy("stance")
            .execute()
        : Promise.resolve([]),
    ]);
    const t = get("");
    for (const r of byStance) stanceMap(t).set(r.stance!, Number(r.n));
    t.answered = answered;
    t.coded = Number(coded?.n ?? 0);
    for (const r of byCode) t.byCode.set(r.code_id, Number(r.n));
    for (const r of byGroup) t.byGroup.set(r.grp, Number(r.n));
    return out;
  }
  // Within a subgroup or by group. By a question's answer, each count starts from the group's
  // answers (one range of the (question, option) index, response ids in order) and finds each
  // respondent's answer and codes by one index seek each (codings_answer, led by response id): never by reading the
  // group's answer rows, which hold the written text. CROSS JOIN keeps that order on SQLite,
  // which has no statistics here; PostgreSQL plans the same SQL as hash joins. By channel, the
  // coded answers drive and each response's channel is looked up by its key.
  const extra = (idColumn: string) => {
    if (filter && filter.questionId === CHANNEL_TARGET_ID) {
      return sql` and ${sql.ref(idColumn)} in (select id from responses where consultation_id = ${consultationId} and channel in (${sql.join(filter.optionIds)}))`;
    }
    if (filter) {
      return sql` and ${sql.ref(idColumn)} in (select f.response_id from answers f where f.consultation_id = ${consultationId} and f.question_id = ${filter.questionId} and f.item_id = ${filter.itemId} and f.option_id in (${sql.join(filter.optionIds)}))`;
    }
    return sql``;
  };
  const scope = (column: "a" | "ca") => {
    const cond =
      column === "a"
        ? sql`a.consultation_id = ${consultationId} and a.question_id = ${questionId} and a.item_id = '' and a.option_id = ''
          and a.response_id not in (select id from responses where consultation_id = ${consultationId} and status = 'excluded')`
        : sql`ca.consultation_id = ${consultationId} and ca.question_id = ${questionId} and ca.pass = 'main'`;
    const table = column === "a" ? sql`answers a` : sql`coded_answers ca`;
    const id = `${column}.response_id`;
    if (by && by.questionId !== CHANNEL_TARGET_ID) {
      return {
        grp: sql<string>`g.option_id`,
        from: sql`answers g cross join ${table}`,
        where: sql`g.consultation_id = ${consultationId} and g.question_id = ${by.questionId} and g.item_id = ${by.itemId}
          and ${sql.ref(id)} = g.response_id and ${cond}${extra(id)}`,
      };
    }
    if (by) return { grp: sql<string>`gr.channel`, from: sql`${table} inner join responses gr on gr.id = ${sql.ref(id)}`, where: sql`${cond}${extra(id)}` };
    return { grp: sql<string>`''`, from: table, where: sql`${cond}${extra(id)}` };
  };
  const a = scope("a");
  const ca = scope("ca");
  // One row per group, stance and set of codes (a few hundred at most): the coded answers and
  // each one's codes in one pass, so a group-level code counts each respondent once.
  const [answeredRows, codedRows, codes] = await Promise.all([
    // A breakdown's bases are the coded respondents in each group: who answered is counted only without one.
    by ? Promise.resolve({ rows: [] as { grp: string; n: number }[] }) : sql<{ grp: string; n: number }>`select ${a.grp} as grp, count(*) as n from ${a.from} where ${a.where} group by 1`.execute(db),
    sql<{ grp: string; stance: string | null; codes: string | null; n: number }>`select grp, stance, codes, count(*) as n from (
      select ${ca.grp} as grp, ${stance ? sql`ca.stance` : sql`null`} as stance,
        (select ${commaList(db, sql`x.code_id`)} from codings x where x.consultation_id = ${consultationId} and x.question_id = ${questionId} and x.pass = 'main' and x.response_id = ca.response_id) as codes
      from ${ca.from} where ${ca.where}) t
      group by grp, stance, codes`.execute(db),
    codesOf(db, consultationId),
  ]);
  const parent = new Map(codes.map((c) => [c.id, c.parent_id ?? c.id]));
  for (const r of answeredRows.rows) get(String(r.grp)).answered = Number(r.n);
  for (const r of codedRows.rows) {
    const t = get(String(r.grp));
    const n = Number(r.n);
    t.coded += n;
    if (r.stance) stanceMap(t).set(r.stance, (stanceMap(t).get(r.stance) ?? 0) + n);
    const ids = new Set(r.codes ? r.codes.split(",") : []);
    for (const id of ids) t.byCode.set(id, (t.byCode.get(id) ?? 0) + n);
    for (const top of new Set([...ids].map((id) => parent.get(id) ?? id))) t.byGroup.set(top, (t.byGroup.get(top) ?? 0) + n);
  }
  return out;
}

function codesOf(db: Db, consultationId: string) {
  return db
    .selectFrom("codes as k")
    .innerJoin("codebooks as b", "b.id", "k.codebook_id")
    .select(["k.id", "k.parent_id"])
    .where("b.consultation_id", "=", consultationId)
    .execute();
}

function stanceMap(t: ThemeCounts): Map<string, number> {
  return (t.byStance ??= new Map());
}

// Quotes ----------------------------------------------------------------------------------------

export type QuoteStatus = "proposed" | "approved" | "rejected";

export interface Quote {
  id: string;
  questionId: string;
  responseId: string;
  codeId: string;
  excerpt: string;
  status: QuoteStatus;
  markedBy: string;
  markedByEmail: string | null;
  markedAt: string;
  decidedByEmail: string | null;
  decidedAt: string | null;
}

/** Marks (or replaces) the analyst's proposed quote for an answer. */
export async function markQuote(db: Db, { key, codeId, excerpt, staff }: { key: AnswerKey; codeId: string; excerpt: string; staff: Staffer }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("coding_quotes")
      .where("consultation_id", "=", key.consultationId)
      .where("question_id", "=", key.questionId)
      .where("response_id", "=", key.responseId)
      .where("status", "=", "proposed")
      .execute();
    await trx
      .insertInto("coding_quotes")
      .values({
        id: randomUUID(),
        consultation_id: key.consultationId,
        question_id: key.questionId,
        response_id: key.responseId,
        code_id: codeId,
        excerpt,
        status: "proposed",
        marked_by: staff.id,
        marked_at: now(),
        decided_by: null,
        decided_at: null,
      })
      .execute();
  });
  await recordAudit(db, {
    staff,
    action: "coding.quote_marked",
    consultationId: key.consultationId,
    detail: `${key.questionId}: an excerpt proposed as a quote`,
  });
}

export async function listQuotes(
  db: Db,
  { consultationId, questionId, status }: { consultationId: string; questionId?: string; status?: QuoteStatus }
): Promise<Quote[]> {
  let q = db
    .selectFrom("coding_quotes as q")
    .leftJoin("staff as m", "m.id", "q.marked_by")
    .leftJoin("staff as d", "d.id", "q.decided_by")
    .select([
      "q.id",
      "q.question_id",
      "q.response_id",
      "q.code_id",
      "q.excerpt",
      "q.status",
      "q.marked_by",
      "m.email as marked_email",
      "q.marked_at",
      "d.email as decided_email",
      "q.decided_at",
    ])
    .where("q.consultation_id", "=", consultationId);
  if (questionId) q = q.where("q.question_id", "=", questionId);
  if (status) q = q.where("q.status", "=", status);
  const rows = await q.orderBy("q.marked_at").orderBy("q.id").execute();
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    responseId: r.response_id,
    codeId: r.code_id,
    excerpt: r.excerpt,
    status: r.status as QuoteStatus,
    markedBy: r.marked_by,
    markedByEmail: r.marked_email ?? null,
    markedAt: r.marked_at,
    decidedByEmail: r.decided_email ?? null,
    decidedAt: r.decided_at,
  }));
}

export type DecideOutcome = { ok: true } | { ok: false; reason: "not-found" | "own-quote" | "decided" };

/** Approve or reject a proposed quote: never by the analyst who proposed it. */
export async function decideQuote(
  db: Db,
  { consultationId, id, staff, approve }: { consultationId: string; id: string; staff: Staffer; approve: boolean }
): Promise<DecideOutcome> {
  const quote = await db.selectFrom("coding_quotes").selectAll().where("id", "=", id).where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!quote) return { ok: false, reason: "not-found" };
  if (quote.marked_by === staff.id) return { ok: false, reason: "own-quote" };
  if (quote.status !== "proposed") return { ok: false, reason: "decided" };
  await db
    .updateTable("coding_quotes")
    .set({ status: approve ? "approved" : "rejected", decided_by: staff.id, decided_at: now() })
    .where("id", "=", id)
    .where("status", "=", "proposed")
    .execute();
  await recordAudit(db, {
    staff,
    action: approve ? "coding.quote_approved" : "coding.quote_rejected",
    consultationId,
    detail: `${quote.question_id}: quote ${approve ? "approved" : "rejected"}`,
  });
  return { ok: true };
}
