import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FileUpload, Textarea } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { Table } from "~/ui/table";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { formatCount } from "~/results/statistics";
import { AUTHORITY_AREA_NAMES, AUTHORITY_GSS_CODES } from "~/areas/authority-codes";
import { categoryLabel, missingFigures, variableLabel } from "~/weighting/margins";
import { POPULATION_CSV_HEADER, TOTAL_VARIABLE } from "~/weighting/population-variables";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { currentPopulation, listPopulationVersions, loadPopulationCsv } from "~/models/population.server";
import { requireStaff, requireStaffFileOrPaste } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/**
 * The population figures that "Who responded" and weighted results compare with. Editors load
 * them, as they keep the postcode lookup: both are reference data that change published figures
 * (the public results page shows who responded against them), which is an editor's remit;
 * administrators' is staff accounts and the audit trail.
 */

const MAX_BYTES = 200_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const [population, versions] = await Promise.all([currentPopulation(db()), listPopulationVersions(db())]);
  return json({
    ...navData(session),
    version: population.version,
    missing: missingFigures(population.figures),
    figures: population.figures.map((f) => ({
      line: f.line,
      area: `${AUTHORITY_AREA_NAMES[f.geography]} (${AUTHORITY_GSS_CODES[f.geography]})`,
      variable: f.variable === TOTAL_VARIABLE ? "Total" : variableLabel(f.variable),
      category: f.variable === TOTAL_VARIABLE ? "Everyone" : categoryLabel(f.variable, f.optionIds),
      count: f.count,
      source: f.source,
      referenceDate: f.referenceDate,
      universe: f.universe,
    })),
    versions,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const upload = await requireStaffFileOrPaste(request, "editor", { maxBytes: MAX_BYTES, pasted: "csv", missing: "Choose a CSV file or paste the figures" });
  if ("error" in upload) return json({ errors: [upload.error], csv: "" }, { status: 400 });
  const { session, text: csv } = upload;
  const result = await loadPopulationCsv(db(), { csv, staffEmail: session.staff.email });
  if (!result.ok) return json({ errors: result.errors.slice(0, 30).map((message) => ({ field: "csv", message })), csv }, { status: 400 });
  await recordAudit(db(), { staff: session.staff, action: "population.loaded", detail: `version ${result.version}: ${result.figures} figures` });
  return redirect(`/staff/population?loaded=${result.version}`);
}

export default function Population() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? [];
  const loaded = params.get("loaded");
  return (
    <StaffPage title={["Population figures"]} nav={data} errors={errors}>
      <SuccessBanner message={loaded && !errors.length ? `Version ${loaded} of the population figures is now in use.` : null} />
      <h1 className="govuk-heading-l">Population figures</h1>
      <p className="govuk-body">
        Results compare the people who responded with these figures (&ldquo;Who responded&rdquo;), and analysts can weight results to them. Load only
        figures you can cite, such as the ONS Census 2021 tables or the ONS mid-year population estimates; never estimate or make one up.
      </p>

      <h2 className="govuk-heading-m">In use</h2>
      {data.version ? (
        <p className="govuk-body" id="population-version">
          Version {data.version.version}, {data.version.staffEmail ? `loaded ${formatUkDate(data.version.createdAt)} by ${data.version.staffEmail}` : "shipped with Your Say"}: {data.version.figures}{" "}
          figures.
        </p>
      ) : (
        <p className="govuk-body">No population figures are loaded.</p>
      )}
      {data.missing.length ? (
        <>
          <h3 className="govuk-heading-s">Missing</h3>
          <ul className="govuk-list govuk-list--bullet" id="population-missing">
            {data.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="app-table-scroll" role="region" aria-labelledby="population-caption" tabIndex={0}>
        <Table
          captionId="population-caption"
          caption="Population figures in use"
          captionSize="s"
          head={["Area", "Variable", "Category", { content: "People", format: "numeric" }, "Source", "Reference date", "Universe"]}
          firstCellIsHeader
          rows={data.figures.map((f) => ({
            key: String(f.line),
            cells: [f.area, f.variable, f.category, { content: formatCount(f.count), format: "numeric" }, f.source, f.referenceDate, f.universe],
          }))}
        />
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Load new figures</h2>
          <p className="govuk-body">
            Upload a CSV file whose first line names its columns,{" "}
            {POPULATION_CSV_HEADER.map((h, i) => (
              <span key={h}>
                <code>{h}</code>
                {i < POPULATION_CSV_HEADER.length - 1 ? ", " : ""}
              </span>
            ))}
            , separated by commas, and one line per area, variable and category. The
            area is the ONS code of County Durham ({AUTHORITY_GSS_CODES.durham}) or Darlington ({AUTHORITY_GSS_CODES.darlington}). The variable is{" "}
            <code>total</code> (category <code>all</code>: everyone in the area) or an &ldquo;about you&rdquo; question: <code>age</code>,{" "}
            <code>sex</code>, <code>gender_identity</code>, <code>disability</code> or <code>ethnicity</code>, with the answer ids as categories
            (several joined with <code>+</code>, as in <code>
              asian+<wbr />
              black+<wbr />
              mixed+<wbr />
              other
            </code>). The new figures replace the ones in use as a new
            version, or nothing changes if any line is wrong.
          </p>
          <Form key={loaded ?? "form"} method="post" encType="multipart/form-data" noValidate>
            <Csrf token={data.csrf} />
            <FileUpload name="file" label="Upload a CSV file" labelSize="s" error={errors.find((e) => e.field === "file")?.message} accept=".csv,text/csv" />
            <Textarea
              name="csv"
              label="Or paste the CSV"
              labelSize="s"
              error={errors.filter((e) => e.field === "csv").map((e) => e.message)}
              value={actionData?.csv ?? ""}
              rows={8}
              spellCheck={false}
            />
            <button type="submit" className="govuk-button">
              Load the figures
            </button>
          </Form>
        </div>
      </div>

      <div className="app-table-scroll" role="region" aria-labelledby="versions-caption" tabIndex={0}>
        <Table
          captionId="versions-caption"
          caption="Versions"
          captionSize="m"
          head={["Version", "Loaded", "By", { content: "Figures", format: "numeric" }]}
          firstCellIsHeader
          rows={data.versions.map((v) => ({
            key: v.id,
            cells: [String(v.version), formatUkDate(v.createdAt), v.staffEmail ?? "Shipped with Your Say", { content: String(v.figures), format: "numeric" }],
          }))}
        />
      </div>
    </StaffPage>
  );
}
