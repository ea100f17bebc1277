import { sql, type Kysely, type RawBuilder } from "kysely";
import { PostgresAdapter } from "kysely";
import type { SearchTerm } from "../app/coding/search";

export type { SearchTerm };

/**
 * Full-text search over written (free-text) answers: the one module beside db/connection.ts that
 * knows how the two databases search text.
 *
 * - SQLite: an FTS5 table (https://www.sqlite.org/fts5.html) holding a copy of each free-text
 *   answer under the answer row's rowid, kept in step by triggers on `answers` (free-text rows are
 *   the ones with option_id = ''), with the unicode61 tokenizer and no stemmer.
 * - PostgreSQL: an expression GIN index on to_tsvector('simple', value_text) for the same rows
 *   (https://www.postgresql.org/docs/15/textsearch-tables.html), with the 'simple' configuration:
 *   no stemming and no stop words.
 *
 * Neither side stems, so both find the same answers: a word matches a whole word, "speed*"
 * matches words that start with "speed", and "two words" in quotes match as a phrase. Words are
 * letters and digits; everything else separates them on both sides.
 */

export type SearchDialect = "sqlite" | "postgres";

export function dialectOfDb(db: Kysely<any>): SearchDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Frozen with migration 2026-11-28T0100_coding: it creates the search structures. */
export async function createAnswerTextSearch(db: Kysely<any>): Promise<void> {
  if (dialectOfDb(db) === "postgres") {
    await sql`CREATE INDEX answers_text_search ON answers USING GIN (to_tsvector('simple', value_text)) WHERE option_id = ''`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE answer_text_search USING fts5(text, tokenize = 'unicode61')`.execute(db);
  await sql`INSERT INTO answer_text_search (rowid, text) SELECT rowid, value_text FROM answers WHERE option_id = '' AND value_text IS NOT NULL`.execute(db);
  await sql`CREATE TRIGGER answers_text_search_insert AFTER INSERT ON answers WHEN new.option_id = '' AND new.value_text IS NOT NULL
    BEGIN INSERT INTO answer_text_search (rowid, text) VALUES (new.rowid, new.value_text); END`.execute(db);
  await sql`CREATE TRIGGER answers_text_search_delete AFTER DELETE ON answers WHEN old.option_id = '' AND old.value_text IS NOT NULL
    BEGIN DELETE FROM answer_text_search WHERE rowid = old.rowid; END`.execute(db);
}

export async function dropAnswerTextSearch(db: Kysely<any>): Promise<void> {
  if (dialectOfDb(db) === "postgres") {
    await sql`DROP INDEX IF EXISTS answers_text_search`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS answers_text_search_insert`.execute(db);
  await sql`DROP TRIGGER IF EXISTS answers_text_search_delete`.execute(db);
  await sql`DROP TABLE IF EXISTS answer_text_search`.execute(db);
}

/**
 * A condition on answer rows aliased `a` (free-text rows of `answers`) that is true when the
 * answer matches every term.
 */
export function answerMatches(db: Kysely<any>, terms: SearchTerm[]): RawBuilder<boolean> {
  if (dialectOfDb(db) === "postgres") {
    const query = terms
      .map((t) => t.words.map((w, i) => `'${w}'${t.prefix && i === t.words.length - 1 ? ":*" : ""}`).join(" <-> "))
      .map((q) => `(${q})`)
      .join(" & ");
    return sql<boolean>`(a.option_id = '' AND to_tsvector('simple', a.value_text) @@ to_tsquery('simple', ${query}))`;
  }
  const query = terms.map((t) => `"${t.words.join(" ")}"${t.prefix ? "*" : ""}`).join(" AND ");
  return sql<boolean>`a.rowid IN (SELECT rowid FROM answer_text_search WHERE answer_text_search MATCH ${query})`;
}
