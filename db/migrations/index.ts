import type { Migration } from "kysely";
import * as init from "./2026-11-23T0200_init";
import * as staff from "./2026-11-23T0300_staff";
import * as evidence from "./2026-11-23T0400_evidence";
import * as exportOrder from "./2026-11-23T0410_export_order";
import * as coding from "./2026-11-28T0100_coding";
import * as paper from "./2026-11-28T0900_paper";
import * as countsRevision from "./2026-11-28T1000_counts_revision";
import * as security from "./2026-11-30T0100_security";
import * as codingAnswerIndex from "./2026-11-30T0200_coding_answer_index";
import * as weighting from "./2026-11-30T0200_weighting";
import * as answerRowsPending from "./2026-12-01T0100_answer_rows_pending";

/**
 * Migrations listed statically (not read from the folder) so that the bundled server, the
 * scripts run by tsx and the tests all run exactly the same set. Add new files here, in order.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-23T0200_init": init,
  "2026-11-23T0300_staff": staff,
  "2026-11-23T0400_evidence": evidence,
  "2026-11-23T0410_export_order": exportOrder,
  "2026-11-28T0100_coding": coding,
  "2026-11-28T0900_paper": paper,
  "2026-11-28T1000_counts_revision": countsRevision,
  "2026-11-30T0100_security": security,
  "2026-11-30T0200_coding_answer_index": codingAnswerIndex,
  "2026-11-30T0200_weighting": weighting,
  "2026-12-01T0100_answer_rows_pending": answerRowsPending,
};
