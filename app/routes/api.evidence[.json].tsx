import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { EvidenceApiSchema, intervalNote, type EvidenceApi } from "~/evidence/evidence";
import { db } from "~/server/db.server";
import { publicOrigin } from "~/server/origin.server";
import { listConsultations } from "~/models/consultation.server";
import { listSections } from "~/models/evidence.server";
import { resultsFor } from "~/models/results.server";

/**
 * GET /api/evidence.json: the evidence statements as a stable JSON document (docs/evidence-api.md).
 * Public by design: it holds only statements from consultations whose results staff have
 * published, with the same disclosure control as the public results page (a figure resting on
 * fewer than SUPPRESSION_THRESHOLD respondents is withheld). Unpublished work stays behind the
 * staff sign-in (/staff/evidence and its Markdown and CSV downloads).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const section = url.searchParams.get("section");
  const consultation = url.searchParams.get("consultation");
  const [sections, consultations] = await Promise.all([listSections(db()), listConsultations(db())]);
  const errors: { path: string; message: string }[] = [];
  const sectionRow = section ? sections.find((s) => s.id === section || s.name.toLowerCase() === section.toLowerCase()) : null;
  if (section && !sectionRow) errors.push({ path: "section", message: `No plan section "${section}": use a section id or name from "sections"` });
  // Unpublished consultations are indistinguishable from unknown ones here.
  const consultationRow = consultation ? consultations.find((c) => c.slug === consultation && c.resultsPublishedAt) : null;
  if (consultation && !consultationRow) errors.push({ path: "consultation", message: `No consultation with published results has the slug "${consultation}"` });
  for (const key of url.searchParams.keys()) {
    if (key !== "section" && key !== "consultation") errors.push({ path: key, message: `Unknown parameter "${key}": filter by "section" or "consultation"` });
  }
  if (errors.length) return json({ errors }, { status: 400, headers: { "Cache-Control": "no-store" } });

  const results = resultsFor(db(), "public");
  const statements = await results.statements({ sectionId: sectionRow?.id, consultationId: consultationRow?.id });
  const body: EvidenceApi = {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    suppressionThreshold: results.threshold,
    intervalNote: intervalNote(),
    filters: { section: sectionRow?.id ?? null, consultation: consultationRow?.slug ?? null },
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
    statements: statements.map((s) => results.shown(s, `${publicOrigin(request)}/consultations/${s.consultation.slug}/results#q-${s.question.id}`)),
  };
  // The schema is the contract: a response that breaks it is a bug, so fail loudly here.
  return json(EvidenceApiSchema.parse(body), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
