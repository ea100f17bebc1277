import type { ConsultationDefinition } from "../definition/definition";
import type { SubgroupFilter } from "../evidence/evidence";
import { filterChoices, parseFilterValue, type SelectOption } from "../results/query";
import { parseSearch, type SearchTerm } from "./search";

/**
 * The workspace's filters, as a GET form: they live in the address, so links and the back button
 * keep them and everything works without JavaScript.
 */

export interface WorkspaceQuery {
  status: "uncoded" | "coded" | "all";
  codeId: string | null;
  confidence: "high" | "medium" | "low" | null;
  subgroup: SubgroupFilter | null;
  search: SearchTerm[] | null;
  order: "uncertain" | "fixed";
  /** The raw values, to fill the form back in and carry along. */
  values: Record<"status" | "code" | "confidence" | "filter" | "q" | "order", string>;
}

const STATUS = ["uncoded", "coded", "all"] as const;
const CONFIDENCE = ["high", "medium", "low"] as const;

export function parseWorkspaceQuery(
  params: URLSearchParams,
  def: ConsultationDefinition,
  codeIds: ReadonlySet<string>
): { query: WorkspaceQuery; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const get = (k: string) => (params.get(k) ?? "").trim();
  const status = (STATUS as readonly string[]).includes(get("status")) ? (get("status") as WorkspaceQuery["status"]) : "uncoded";
  const code = get("code");
  if (code && !codeIds.has(code)) errors.push({ field: "code", message: "Choose a code from the list" });
  const confidence = (CONFIDENCE as readonly string[]).includes(get("confidence")) ? (get("confidence") as WorkspaceQuery["confidence"]) : null;
  const filterValue = get("filter");
  const subgroup = filterValue ? parseFilterValue(def, filterValue) : null;
  if (filterValue && !subgroup) errors.push({ field: "filter", message: "Choose a group from the list" });
  const q = get("q").slice(0, 200);
  const search = q ? parseSearch(q) : null;
  if (q && !search) errors.push({ field: "q", message: "Enter words to search for (letters or numbers)" });
  const order = get("order") === "fixed" ? "fixed" : "uncertain";
  return {
    query: {
      status,
      codeId: code && codeIds.has(code) ? code : null,
      confidence,
      subgroup,
      search,
      order,
      values: { status, code: code && codeIds.has(code) ? code : "", confidence: confidence ?? "", filter: subgroup ? filterValue : "", q, order },
    },
    errors,
  };
}

/** The address of an answer under the same filters. */
export function workspaceHref(base: string, values: WorkspaceQuery["values"], responseId: string | null, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v && !(k === "status" && v === "uncoded") && !(k === "order" && v === "uncertain")) p.set(k, v);
  if (responseId) p.set("r", responseId);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const qs = p.toString();
  return qs ? `${base}?${qs}` : base;
}

export function subgroupChoices(def: ConsultationDefinition): SelectOption[] {
  return [{ value: "", label: "Everyone" }, ...filterChoices(def)];
}
