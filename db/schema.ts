import type { Selectable } from "kysely";
import type { Role } from "../app/auth/roles";
import type { ConsultationKind, StoredStatus } from "../app/lifecycle/lifecycle";
import type { Channel, DraftChannel } from "../app/responding/channels";
import type { ResponseStatus } from "../app/results/totals";

import type { Generated } from "kysely";

// The Kysely view of the tables. Dates are ISO-8601 text on both databases; JSON is text and is
// parsed with zod where it is read (app/models). Only the Database type is used in queries.
// Enumerated columns take their union type from the one module that defines the values; the
// database holds only values written through these types (the migrations add no CHECK).

export interface ConsultationTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: ConsultationKind;
  status: StoredStatus;
  opens_at: string | null;
  closes_at: string | null;
  draft_definition: string;
  current_version_id: string | null;
  results_published_at: string | null;
  what_we_did: string | null;
  /** Raised whenever stored answers are re-derived, so kept figures are counted afresh. */
  counts_revision: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ConsultationVersionTable {
  id: string;
  consultation_id: string;
  version: number;
  definition: string;
  created_at: string;
}

export interface ResponseTable {
  id: string;
  consultation_id: string;
  version_id: string;
  channel: Channel;
  submitted_on: string;
  status: ResponseStatus;
  excluded_reason: string | null;
  answers_json: string;
}

export interface AnswerTable {
  response_id: string;
  consultation_id: string;
  question_id: string;
  item_id: string;
  option_id: string;
  value_num: number | null;
  value_text: string | null;
}

/**
 * Responses whose answer rows are still to be written (app/models/answer-rows.server.ts): the
 * submit stores the answers as JSON and a line here; the rows follow in batches.
 */
export interface AnswerRowsPendingTable {
  seq: Generated<number>;
  response_id: string;
  consultation_id: string;
}

export interface AnswerCountTable {
  consultation_id: string;
  question_id: string;
  item_id: string;
  option_id: string;
  n: number;
}

export interface DraftTable {
  id: string;
  consultation_id: string;
  version_id: string;
  channel: DraftChannel;
  answers: string;
  started_at: string;
  expires_at: string;
  /** JSON array of question ids recorded as "Not answered" in staff entry; null otherwise. */
  not_answered: string | null;
}

export interface SpentTokenTable {
  nonce: string;
  expires_at: string;
}

export interface PostcodeDistrictTable {
  outward: string;
  authority: string;
  area: string;
}

export interface StaffTable {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  removed_at: string | null;
  /** Base32 TOTP secret, encrypted (app/auth/secret-box.server.ts); null until enrolled. */
  totp_secret: string | null;
  /** A secret shown for enrolment and not yet confirmed with a code (encrypted). */
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
  totp_last_step: number | null;
  last_failed_login_at: string | null;
}

export interface StaffRecoveryCodeTable {
  id: string;
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface StaffSessionTable {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** A random public reference, for listing and ending sessions. */
  ref: string;
  /** When the second factor was proved in this session (null: password only). */
  second_factor_at: string | null;
  /** When this session last proved the password (and code): sign-in or re-authentication. */
  authenticated_at: string;
  /** JSON shown once after sign-in (failed attempts since the last sign-in). */
  notice: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  staff_id: string | null;
  staff_email: string | null;
  action: string;
  consultation_id: string | null;
  detail: string | null;
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface AuditChainTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RateLimitTable {
  scope: string;
  key: string;
  window_index: number;
  hits: number;
  last_at: string;
  expires_at: string;
}

export interface RateLimitSaltTable {
  day: string;
  salt: string;
}

export interface PlanSectionTable {
  id: string;
  name: string;
  position: number;
  created_at: string;
}

export interface EvidenceIndicatorTable {
  id: string;
  consultation_id: string;
  section_id: string;
  question_id: string;
  item_id: string;
  option_ids: string;
  filter_question_id: string | null;
  filter_item_id: string | null;
  filter_option_ids: string | null;
  template: string;
  previous_indicator_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PopulationVersionTable {
  id: string;
  version: number;
  created_at: string;
  staff_email: string | null;
  figures: number;
}

export interface PopulationFigureTable {
  version_id: string;
  line: number;
  geography: string;
  variable: string;
  category: string;
  count: number;
  source: string;
  reference_date: string;
  universe: string;
}

export interface ColumnStoreTable {
  consultation_id: string;
  responses: number;
  generation: string;
  chunk_size: number;
  layout: string;
  updated_at: string;
}

export interface ColumnStoreChunkTable {
  consultation_id: string;
  chunk: number;
  responses: number;
  data: string;
}

export interface CodingSettingsTable {
  consultation_id: string;
  no_public_quotes: number;
  alpha_threshold: number;
  sample_fraction: number;
  sample_minimum: number;
  stance_question_ids: string;
  updated_at: string;
}

export interface CodebookTable {
  id: string;
  consultation_id: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CodeTable {
  id: string;
  codebook_id: string;
  key: string;
  parent_id: string | null;
  name: string;
  definition: string;
  include_notes: string;
  exclude_notes: string;
  examples: string;
  rules: string;
  plan_section: string | null;
  status: string;
  replaced_by: string;
  position: number;
  updated_at: string;
}

export interface CodebookChangeTable {
  id: string;
  codebook_id: string;
  version: number;
  at: string;
  staff_id: string | null;
  staff_email: string | null;
  summary: string;
  change: string;
  codings_moved: number;
}

export interface CodedAnswerTable {
  consultation_id: string;
  question_id: string;
  response_id: string;
  pass: string;
  coder_id: string;
  coded_at: string;
  stance: string | null;
  evidence_rich: number;
  excerpt: string | null;
  settled_by: string | null;
  settled_at: string | null;
}

export interface CodingTable {
  consultation_id: string;
  question_id: string;
  response_id: string;
  pass: string;
  code_id: string;
}

export interface CodingHistoryTable {
  id: string;
  seq: number;
  consultation_id: string;
  question_id: string;
  response_id: string;
  pass: string;
  at: string;
  staff_id: string | null;
  reason: string;
  state: string | null;
}

export interface CodingSuggestionTable {
  consultation_id: string;
  question_id: string;
  response_id: string;
  code_id: string;
  source: string;
  probability: number;
  because: string;
}

export interface CodingSuggestionAnswerTable {
  consultation_id: string;
  question_id: string;
  response_id: string;
  uncertainty: number;
  top_probability: number;
}

export interface CodingModelRunTable {
  id: string;
  consultation_id: string;
  question_id: string;
  trained_at: string;
  staff_id: string | null;
  examples: number;
  metrics: string;
}

export interface CodingSampleTable {
  consultation_id: string;
  question_id: string;
  response_id: string;
  drawn_at: string;
  drawn_by: string | null;
}

export interface CodingQuoteTable {
  id: string;
  consultation_id: string;
  question_id: string;
  response_id: string;
  code_id: string;
  excerpt: string;
  status: string;
  marked_by: string;
  marked_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ConsultationPaperTable {
  consultation_id: string;
  return_address: string;
  updated_at: string;
}

export interface Database {
  consultations: ConsultationTable;
  consultation_versions: ConsultationVersionTable;
  responses: ResponseTable;
  answers: AnswerTable;
  answer_counts: AnswerCountTable;
  answer_rows_pending: AnswerRowsPendingTable;
  drafts: DraftTable;
  spent_tokens: SpentTokenTable;
  postcode_districts: PostcodeDistrictTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  rate_limits: RateLimitTable;
  rate_limit_salts: RateLimitSaltTable;
  plan_sections: PlanSectionTable;
  evidence_indicators: EvidenceIndicatorTable;
  population_versions: PopulationVersionTable;
  population_figures: PopulationFigureTable;
  column_stores: ColumnStoreTable;
  column_store_chunks: ColumnStoreChunkTable;
  coding_settings: CodingSettingsTable;
  codebooks: CodebookTable;
  codes: CodeTable;
  codebook_changes: CodebookChangeTable;
  coded_answers: CodedAnswerTable;
  codings: CodingTable;
  coding_history: CodingHistoryTable;
  coding_suggestions: CodingSuggestionTable;
  coding_suggestion_answers: CodingSuggestionAnswerTable;
  coding_model_runs: CodingModelRunTable;
  coding_samples: CodingSampleTable;
  coding_quotes: CodingQuoteTable;
  consultation_paper: ConsultationPaperTable;
}

export type ConsultationRow = Selectable<ConsultationTable>;
