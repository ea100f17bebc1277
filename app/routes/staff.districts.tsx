import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FileUpload, Textarea } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { Table } from "~/ui/table";
import { AUTHORITIES } from "~/areas/postcode";
import { db } from "~/server/db.server";
import { listDistricts, replaceDistrictsFromCsv } from "~/models/district.server";
import { requireStaff, requireStaffFileOrPaste } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/** The postcode district → local authority lookup that "Where you live" answers are mapped with. */

const MAX_BYTES = 200_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), districts: await listDistricts(db()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const upload = await requireStaffFileOrPaste(request, "editor", { maxBytes: MAX_BYTES, pasted: "csv", missing: "Choose a CSV file or paste the lookup" });
  if ("error" in upload) return json({ errors: [upload.error], csv: "" }, { status: 400 });
  const { session, text: csv } = upload;
  const result = await replaceDistrictsFromCsv(db(), csv, { staff: session.staff, source: "uploaded by staff" });
  if (!result.ok) return json({ errors: result.errors.slice(0, 20).map((message) => ({ field: "csv", message })), csv }, { status: 400 });
  return redirect(`/staff/districts?replaced=${result.districts}&changed=${result.changed}`);
}

export default function Districts() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? [];
  const fileError = errors.find((e) => e.field === "file")?.message;
  const csvErrors = errors.filter((e) => e.field === "csv").map((e) => e.message);
  const replaced = params.get("replaced");
  const changed = params.get("changed");
  return (
    <StaffPage title={["Postcode areas"]} nav={data} errors={errors.map((e) => ({ field: e.field, message: e.message }))}>
      <SuccessBanner
        message={
          replaced && !errors.length
            ? `The lookup now has ${replaced} postcode districts.${changed && changed !== "0" ? ` ${changed} stored answers now have a different area.` : ""}`
            : null
        }
      />
      <h1 className="govuk-heading-l">Postcode areas</h1>
      <p className="govuk-body">
        When residents give a postcode, only its first part (the outward code, like DH1) is kept. This table maps it to a local authority and an
        area for results. Codes that are not in the table are counted as not recognised. Replacing the table looks up every stored answer&apos;s outward
        code again, so answers counted as not recognised are recognised once their district is added.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Replace the lookup</h2>
          <p className="govuk-body">
            Upload a CSV file with the header <code>outward,authority,area</code> and one line per outward code. The authority is one of{" "}
            {Object.keys(AUTHORITIES).join(", ")}. The whole table is replaced, or nothing is if any line is wrong.
          </p>
          {/* Keyed by the outcome so a chosen file does not linger in the form after a replacement. */}
          <Form key={replaced ?? "form"} method="post" encType="multipart/form-data" noValidate>
            <Csrf token={data.csrf} />
            <FileUpload name="file" label="Upload a CSV file" labelSize="s" error={fileError} accept=".csv,text/csv" />
            <Textarea name="csv" label="Or paste the CSV" labelSize="s" error={csvErrors} value={actionData?.csv ?? ""} rows={8} spellCheck={false} />
            <button type="submit" className="govuk-button">
              Replace the lookup
            </button>
          </Form>
        </div>
      </div>
      <Table
        id="districts"
        scroll
        caption={`Current lookup (${data.districts.length} districts)`}
        captionSize="m"
        head={["Outward code", "Local authority", "Area"]}
        rows={data.districts.map((d) => ({ key: d.outward, cells: [d.outward, AUTHORITIES[d.authority] ?? d.authority, d.area] }))}
      />
    </StaffPage>
  );
}
