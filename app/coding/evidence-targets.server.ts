import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { activeInOrder, codeLabel, countedIds } from "./codebook";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import type { ChoiceTarget, SubgroupFilter } from "../evidence/evidence";
import { getCodebook } from "../models/coding.server";
import { themeCounts } from "../models/coding-analysis.server";
import { respondentsToQuestion } from "../models/coding.server";

/**
 * Coded free-text questions as evidence targets: a code is used like an answer option, and the
 * base is the respondents who answered the question and whose answer has been coded.
 */

export const CODED_BASE_DESCRIPTION = "respondents who answered the question and whose answer was coded";

export async function codedTargets(db: Kysely<Database>, consultationId: string, def: ConsultationDefinition): Promise<ChoiceTarget[]> {
  const book = await getCodebook(db, { consultationId });
  if (!book) return [];
  const options = activeInOrder(book.codes).map((c) => ({ id: c.id, label: codeLabel(book.codes, c) }));
  return allQuestions(def)
    .filter((q) => q.type === "free_text")
    .map((q) => ({ questionId: q.id, itemId: "", label: `${q.title} (coded themes)`, options, exclusive: false }));
}

/** Respondents with any of the codes (a top-level code counts with its codes), of the coded respondents. */
export async function codedProportion(
  db: Kysely<Database>,
  { consultationId, questionId, codeIds, filter }: { consultationId: string; questionId: string; codeIds: string[]; filter: SubgroupFilter | null }
): Promise<{ count: number; base: number }> {
  const book = await getCodebook(db, { consultationId });
  const ids = [
    ...new Set(
      codeIds.flatMap((id) => {
        const code = book?.codes.find((c) => c.id === id);
        return code && book ? countedIds(book.codes, code) : [id];
      })
    ),
  ];
  const base = (await themeCounts(db, { consultationId, questionId, filter })).coded;
  if (!ids.length) return { count: 0, base };
  let q = db
    .selectFrom("codings as x")
    .select((eb) => eb.fn.count<number>("x.response_id").distinct().as("n"))
    .where("x.consultation_id", "=", consultationId)
    .where("x.question_id", "=", questionId)
    .where("x.pass", "=", "main")
    .where("x.code_id", "in", ids);
  if (filter) q = q.where("x.response_id", "in", respondentsToQuestion(db, consultationId, questionId, filter).select("a.response_id"));
  const row = await q.executeTakeFirst();
  return { count: Number(row?.n ?? 0), base };
}
