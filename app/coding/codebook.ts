import { z } from "zod";
import { ruleRegExp } from "./text";

/**
 * The codebook: nested codes (two levels), each with a definition, include and exclude notes,
 * pinned example answers, optional keyword rules and an optional link to a section of the Police
 * and Crime Plan. This schema is the single source of truth for what a code is, for the forms,
 * the database rows and the JSON/CSV files a codebook is moved in and out as.
 *
 * Changes are versioned: every change raises the codebook's version and is recorded, and the
 * operations that re-point codings (merge, split) say exactly which codings move where, so no
 * coding is ever left pointing at a code that no longer means what it did.
 */

export const CODE_KEY = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

const text = (max: number, what: string) => z.string().trim().max(max, `${what} must be ${max} characters or fewer`);

export const CodeFieldsSchema = z.object({
  name: z.string({ required_error: "Enter a name for the code" }).trim().min(1, "Enter a name for the code").max(80, "Name must be 80 characters or fewer"),
  definition: text(1000, "Definition").default(""),
  include: text(1000, "Include notes").default(""),
  exclude: text(1000, "Exclude notes").default(""),
  examples: z.array(text(500, "Each example").min(1)).max(5, "Pin at most 5 example answers").default([]),
  rules: z
    .array(text(60, "Each keyword rule").min(1))
    .max(20, "Give at most 20 keyword rules")
    .default([])
    .refine((rules) => rules.every((r) => ruleRegExp(r) !== null), "Keyword rules need at least one letter or number"),
  planSection: text(120, "Plan section").nullable().default(null),
});
export type CodeFields = z.infer<typeof CodeFieldsSchema>;

export const CodeSchema = CodeFieldsSchema.extend({
  id: z.string().min(1),
  key: z.string().regex(CODE_KEY, "A code key is lower-case letters, digits, - and _"),
  parentId: z.string().nullable(),
  status: z.enum(["active", "retired"]),
  /** Where its codings went when it was merged or split. */
  replacedBy: z.array(z.string()).default([]),
  position: z.number().int(),
});
export type Code = z.infer<typeof CodeSchema>;

/** A code and its children as a file carries them. */
const FileCodeSchema = CodeFieldsSchema.extend({
  key: z.string().regex(CODE_KEY, "A code key is lower-case letters, digits, - and _"),
  retired: z.boolean().default(false),
});
export const CodebookFileSchema = z
  .object({
    format: z.literal("yoursay-codebook"),
    formatVersion: z.literal(1),
    name: z.string().trim().min(1).max(120),
    codes: z.array(FileCodeSchema.extend({ children: z.array(FileCodeSchema).default([]) })).min(1, "A codebook needs at least one code"),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.codes.forEach((c, i) => {
      for (const [code, path] of [[c, ["codes", i]] as const, ...c.children.map((ch, j) => [ch, ["codes", i, "children", j]] as const)]) {
        if (seen.has(code.key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, "key"], message: `"${code.key}" is used twice` });
        seen.add(code.key);
      }
    });
  });
export type CodebookFile = z.infer<typeof CodebookFileSchema>;

/** A readable key from a name: "Speeding and road safety" → "speeding-and-road-safety". */
export function keyFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "code";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

export function childrenOf(codes: Code[], parentId: string | null): Code[] {
  return codes.filter((c) => c.parentId === parentId).sort((a, b) => a.position - b.position);
}

/** Codes in reading order: each top-level code followed by its children. */
export function inOrder(codes: Code[]): Code[] {
  return childrenOf(codes, null).flatMap((p) => [p, ...childrenOf(codes, p.id)]);
}

/** Active codes, numbered 1..n in reading order: the numbers the keyboard shortcuts use. */
export function activeInOrder(codes: Code[]): Code[] {
  return inOrder(codes).filter((c) => c.status === "active");
}

/** A code's label with its parent: "Crime and disorder › Drugs". */
export function codeLabel(codes: Code[], code: Code): string {
  const parent = code.parentId ? codes.find((c) => c.id === code.parentId) : undefined;
  return parent ? `${parent.name} › ${code.name}` : code.name;
}

/** The ids a code's figure counts: itself and, for a top-level code, its children ("any of these"). */
export function countedIds(codes: Code[], code: Code): string[] {
  return [code.id, ...codes.filter((c) => c.parentId === code.id).map((c) => c.id)];
}

// Changes. Each one is checked against the codebook as it stands and returns the new codes, the
// codings to move (from → to) and a summary for the change history and the audit trail (names
// of codes only: never answer text).

export type CodebookChange =
  | { kind: "add"; fields: CodeFields; parentId: string | null }
  | { kind: "edit"; id: string; fields: CodeFields }
  | { kind: "move"; id: string; parentId: string | null }
  | { kind: "retire"; id: string }
  | { kind: "restore"; id: string }
  | { kind: "merge"; sourceIds: string[]; targetId: string }
  | { kind: "split"; id: string; into: string[]; keepWith: number };

export interface PlannedChange {
  codes: Code[];
  /** Codings of `from` become codings of `to` (an answer with both keeps one). */
  moves: { from: string; to: string }[];
  summary: string;
  /** Ids of codes this change created. */
  created: string[];
}

export type ChangeResult = { ok: true; plan: PlannedChange } | { ok: false; field: string; message: string };

const fail = (field: string, message: string): ChangeResult => ({ ok: false, field, message });

export function planChange(codes: Code[], change: CodebookChange, newId: () => string): ChangeResult {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const keys = new Set(codes.map((c) => c.key));
  const nameTaken = (name: string, parentId: string | null, except?: string) =>
    codes.some((c) => c.id !== except && c.status === "active" && c.parentId === parentId && c.name.toLowerCase() === name.toLowerCase());
  const nextPosition = (parentId: string | null) => Math.max(0, ...childrenOf(codes, parentId).map((c) => c.position)) + 1;
  const checkParent = (parentId: string | null, self?: Code): ChangeResult | null => {
    if (parentId === null) return null;
    const parent = byId.get(parentId);
    if (!parent || parent.status !== "active") return fail("parentId", "Choose a group from the list");
    if (parent.parentId !== null) return fail("parentId", "Codes are nested two levels deep: choose a top-level code as the group");
    if (self && (parent.id === self.id || codes.some((c) => c.parentId === self.id && c.status === "active"))) {
      return fail("parentId", `"${self.name}" has codes of its own, so it cannot go inside another code`);
    }
    return null;
  };
  const replace = (id: string, patch: Partial<Code>) => codes.map((c) => (c.id === id ? { ...c, ...patch } : c));

  switch (change.kind) {
    case "add": {
      const bad = checkParent(change.parentId);
      if (bad) return bad;
      if (nameTaken(change.fields.name, change.parentId)) return fail("name", `There is already a code called "${change.fields.name}" here`);
      const id = newId();
      const code: Code = {
        ...change.fields,
        id,
        key: keyFromName(change.fields.name, keys),
        parentId: change.parentId,
        status: "active",
        replacedBy: [],
        position: nextPosition(change.parentId),
      };
      return { ok: true, plan: { codes: [...codes, code], moves: [], summary: `Added "${code.name}"`, created: [id] } };
    }
    case "edit": {
      const code = byId.get(change.id);
      if (!code) return fail("id", "That code is not in this codebook");
      if (nameTaken(change.fields.name, code.parentId, code.id)) return fail("name", `There is already a code called "${change.fields.name}" here`);
      const renamed = code.name !== change.fields.name;
      return {
        ok: true,
        plan: {
          codes: replace(code.id, change.fields),
          moves: [],
          summary: renamed ? `Renamed "${code.name}" to "${change.fields.name}"` : `Edited "${code.name}"`,
          created: [],
        },
      };
    }
    case "move": {
      const code = byId.get(change.id);
      if (!code) return fail("id", "That code is not in this codebook");
      const bad = checkParent(change.parentId, code);
      if (bad) return bad;
      const where = change.parentId ? `into "${byId.get(change.parentId)!.name}"` : "to the top level";
      return {
        ok: true,
        plan: {
          codes: replace(code.id, { parentId: change.parentId, position: nextPosition(change.parentId) }),
          moves: [],
          summary: `Moved "${code.name}" ${where}`,
          created: [],
        },
      };
    }
    case "retire": {
      const code = byId.get(change.id);
      if (!code || code.status !== "active") return fail("id", "That code is not an active code of this codebook");
      if (codes.some((c) => c.parentId === code.id && c.status === "active")) return fail("id", `Retire or move the codes inside "${code.name}" first`);
      return { ok: true, plan: { codes: replace(code.id, { status: "retired" }), moves: [], summary: `Retired "${code.name}"`, created: [] } };
    }
    case "restore": {
      const code = byId.get(change.id);
      if (!code || code.status !== "retired") return fail("id", "That code is not a retired code of this codebook");
      if (code.replacedBy.length) return fail("id", `"${code.name}" was merged or split; its codings have moved, so it cannot come back`);
      if (code.parentId && byId.get(code.parentId)?.status !== "active") return fail("id", "Restore its group first");
      return { ok: true, plan: { codes: replace(code.id, { status: "active" }), moves: [], summary: `Restored "${code.name}"`, created: [] } };
    }
    case "merge": {
      const target = byId.get(change.targetId);
      if (!target || target.status !== "active") return fail("targetId", "Choose the code to merge into");
      const sources = [...new Set(change.sourceIds)].filter((id) => id !== target.id).map((id) => byId.get(id));
      if (!sources.length || sources.some((s) => !s || s.status !== "active")) return fail("sourceIds", "Choose at least one other active code to merge");
      let next = codes;
      for (const s of sources as Code[]) {
        const children = codes.filter((c) => c.parentId === s.id && c.status === "active");
        if (children.length && target.parentId !== null)
          return fail("sourceIds", `"${s.name}" has codes of its own: merge it into a top-level code, or move them first`);
        // A merged group's codes join the target group.
        next = next.map((c) => (c.parentId === s.id && c.status === "active" ? { ...c, parentId: target.id } : c));
        if (target.parentId === s.id) return fail("targetId", "A code cannot be merged into one of its own codes");
        next = next.map((c) => (c.id === s.id ? { ...c, status: "retired" as const, replacedBy: [target.id] } : c));
      }
      return {
        ok: true,
        plan: {
          codes: next,
          moves: (sources as Code[]).map((s) => ({ from: s.id, to: target.id })),
          summary: `Merged ${(sources as Code[]).map((s) => `"${s.name}"`).join(", ")} into "${target.name}"`,
          created: [],
        },
      };
    }
    case "split": {
      const code = byId.get(change.id);
      if (!code || code.status !== "active") return fail("id", "Choose an active code to split");
      if (codes.some((c) => c.parentId === code.id && c.status === "active"))
        return fail("id", `"${code.name}" has codes of its own: split one of those instead`);
      const names = change.into.map((n) => n.trim()).filter(Boolean);
      if (names.length < 2) return fail("into", "Enter at least two names for the new codes");
      if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) return fail("into", "Give each new code a different name");
      const clash = names.find((n) => nameTaken(n, code.parentId, code.id));
      if (clash) return fail("into", `There is already a code called "${clash}" here`);
      if (change.keepWith < 0 || change.keepWith >= names.length) return fail("keepWith", "Choose which new code keeps the existing codings");
      const taken = new Set(keys);
      let position = nextPosition(code.parentId);
      const created: Code[] = names.map((name) => {
        const key = keyFromName(name, taken);
        taken.add(key);
        return {
          name,
          definition: "",
          include: "",
          exclude: "",
          examples: [],
          rules: [],
          planSection: code.planSection,
          id: newId(),
          key,
          parentId: code.parentId,
          status: "active",
          replacedBy: [],
          position: position++,
        };
      });
      const keeper = created[change.keepWith];
      // The keeper inherits the definition and notes, which the analyst then narrows.
      keeper.definition = code.definition;
      keeper.include = code.include;
      keeper.exclude = code.exclude;
      keeper.rules = code.rules;
      const next = [...replace(code.id, { status: "retired", replacedBy: created.map((c) => c.id) }), ...created];
      return {
        ok: true,
        plan: {
          codes: next,
          moves: [{ from: code.id, to: keeper.id }],
          summary: `Split "${code.name}" into ${names.map((n) => `"${n}"`).join(", ")}; existing codings moved to "${keeper.name}"`,
          created: created.map((c) => c.id),
        },
      };
    }
  }
}

/** Moves applied to one answer's codes: the codes it has after the change. */
export function applyMoves(codeIds: Iterable<string>, moves: { from: string; to: string }[]): string[] {
  const to = new Map(moves.map((m) => [m.from, m.to]));
  return [...new Set([...codeIds].map((id) => to.get(id) ?? id))];
}

// Files: JSON (nested, as CodebookFileSchema) and CSV (one row a code, parent_key for nesting).

export function toFile(name: string, codes: Code[]): CodebookFile {
  const strip = (c: Code) => ({
    key: c.key,
    name: c.name,
    definition: c.definition,
    include: c.include,
    exclude: c.exclude,
    examples: c.examples,
    rules: c.rules,
    planSection: c.planSection,
    retired: c.status === "retired",
  });
  // Merged and split codes are history, not part of a codebook to reuse.
  const kept = codes.filter((c) => c.replacedBy.length === 0);
  return {
    format: "yoursay-codebook",
    formatVersion: 1,
    name,
    codes: childrenOf(kept, null).map((p) => ({ ...strip(p), children: childrenOf(kept, p.id).map(strip) })),
  };
}

export const CODEBOOK_CSV_HEADER = ["key", "parent_key", "name", "definition", "include", "exclude", "keyword_rules", "plan_section", "examples", "retired"];

export function toCsvRows(file: CodebookFile): string[][] {
  const row = (c: CodebookFile["codes"][number] | CodebookFile["codes"][number]["children"][number], parent: string) => [
    c.key,
    parent,
    c.name,
    c.definition,
    c.include,
    c.exclude,
    c.rules.join("; "),
    c.planSection ?? "",
    c.examples.join(" | "),
    c.retired ? "yes" : "",
  ];
  return file.codes.flatMap((p) => [row(p, ""), ...p.children.map((ch) => row(ch, p.key))]);
}

/** Rows of a CSV (with its header) back into a codebook file; errors name the row and column. */
export function fromCsvRows(name: string, records: Record<string, string>[]): { ok: true; file: CodebookFile } | { ok: false; errors: string[] } {
  const missing = CODEBOOK_CSV_HEADER.slice(0, 3).filter((h) => records.length && !(h in records[0]));
  if (missing.length) return { ok: false, errors: [`The CSV needs the columns ${CODEBOOK_CSV_HEADER.join(", ")} (missing: ${missing.join(", ")})`] };
  const split = (v: string | undefined, sep: string) =>
    (v ?? "")
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  const codes = records.map((r) => ({
    key: (r.key ?? "").trim(),
    parent: (r.parent_key ?? "").trim(),
    name: r.name ?? "",
    definition: r.definition ?? "",
    include: r.include ?? "",
    exclude: r.exclude ?? "",
    rules: split(r.keyword_rules, ";"),
    planSection: (r.plan_section ?? "").trim() || null,
    examples: split(r.examples, "|"),
    retired: /^(yes|true|1)$/i.test((r.retired ?? "").trim()),
  }));
  const errors: string[] = [];
  const tops = new Set(codes.filter((c) => !c.parent).map((c) => c.key));
  codes.forEach((c, i) => {
    if (c.parent && !tops.has(c.parent)) errors.push(`Row ${i + 2}: parent_key "${c.parent}" is not the key of a top-level code`);
  });
  if (errors.length) return { ok: false, errors };
  const strip = ({ parent: _p, ...rest }: (typeof codes)[number]) => rest;
  return parseFile({
    format: "yoursay-codebook",
    formatVersion: 1,
    name,
    codes: codes.filter((c) => !c.parent).map((p) => ({ ...strip(p), children: codes.filter((c) => c.parent === p.key).map(strip) })),
  });
}

export function parseFile(input: unknown): { ok: true; file: CodebookFile } | { ok: false; errors: string[] } {
  const parsed = CodebookFileSchema.safeParse(input);
  if (parsed.success) return { ok: true, file: parsed.data };
  return { ok: false, errors: parsed.error.issues.slice(0, 10).map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`) };
}

/** Codes of a file as new codes (fresh ids), ready to be stored. */
export function codesFromFile(file: CodebookFile, newId: () => string): Code[] {
  const out: Code[] = [];
  file.codes.forEach((p, i) => {
    const { children, retired, ...fields } = p;
    const id = newId();
    out.push({ ...fields, id, parentId: null, status: retired ? "retired" : "active", replacedBy: [], position: i + 1 });
    children.forEach((ch, j) => {
      const { retired: r, ...f } = ch;
      out.push({ ...f, id: newId(), parentId: id, status: r || retired ? "retired" : "active", replacedBy: [], position: j + 1 });
    });
  });
  return out;
}
