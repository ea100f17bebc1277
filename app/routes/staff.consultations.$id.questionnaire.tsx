import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Textarea } from "~/ui/fields";
import { WarningText } from "~/ui/warning-text";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { formatUkDateTime } from "~/lifecycle/lifecycle";
import { paperQuestionnaire } from "~/staff-entry/questionnaire";
import { QuestionnaireView } from "~/staff-entry/questionnaire-view";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { getReturnAddress, setReturnAddress } from "~/models/paper.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

/**
 * The printable paper questionnaire, generated from the version residents answer online (or the
 * working copy before the first is published), with the return address staff set here. Printed
 * from the browser ("Save as PDF" for the print shop); the print stylesheet drops everything but
 * the questionnaire.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const definition = c.currentVersion?.definition ?? c.draftDefinition;
  const origin = new URL(request.url).origin;
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title, version: c.currentVersion?.version ?? null, hasUnpublishedChanges: c.hasUnpublishedChanges },
    paper: paperQuestionnaire(definition),
    details: {
      title: c.title,
      summary: c.summary,
      estimatedMinutes: definition.estimatedMinutes,
      returnBy: c.closesAt ? formatUkDateTime(c.closesAt) : null,
      returnAddress: await getReturnAddress(db(), { consultationId: c.id }),
      onlineAt: `${origin}/consultations/${c.slug}`,
      privacyAt: `${origin}/privacy`,
    },
    saved: new URL(request.url).searchParams.get("done") === "address",
  });
}

const AddressSchema = z
  .string()
  .trim()
  .min(1, "Enter the address completed forms go back to")
  .max(500, "Enter an address of 500 characters or fewer")
  .refine((a) => a.split(/\r?\n/).length <= 8, "Enter the address on 8 lines or fewer");

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const parsed = AddressSchema.safeParse(String(form.get("returnAddress") ?? ""));
  if (!parsed.success) return json({ errors: [{ field: "returnAddress", message: parsed.error.issues[0].message }], value: String(form.get("returnAddress") ?? "") }, { status: 400 });
  const address = parsed.data.replace(/\r\n/g, "\n");
  await setReturnAddress(db(), { consultationId: c.id, address });
  await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: "return address for the paper questionnaire set" });
  return redirect(`/staff/consultations/${c.id}/questionnaire?done=address`);
}

export default function PaperQuestionnaire() {
  const { consultation: c, paper, details, saved, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  return (
    <>
      <div className="app-no-print">
        <StaffPage title={["Paper questionnaire", c.title]} nav={nav} errors={errors} back={{ to: `/staff/consultations/${c.id}`, label: "Back to the consultation" }}>
          <SuccessBanner message={saved && !errors.length ? "The return address has been saved." : null} />
          <p className="govuk-body">
            The questionnaire below is made from {c.version ? `version ${c.version}, the questions residents answer online` : "the working copy (not yet published)"}, so paper and
            online ask the same questions. Print it from your browser, or choose &ldquo;Save as PDF&rdquo; for the print shop: the navigation and
            this box are left out.
            {c.version && c.hasUnpublishedChanges ? " Changes in the builder that are not yet published are not included." : ""}
          </p>
          {!details.returnAddress ? <WarningText>Set the return address before printing: without it the form asks people to hand it to a member of staff.</WarningText> : null}
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <Textarea
              name="returnAddress"
              label="Return address"
              labelSize="s"
              hint="Where completed forms go back to, one line per line of the address, for example a Freepost address."
              error={errors[0]?.message}
              rows={5}
              value={actionData?.value ?? details.returnAddress ?? ""}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--secondary">
                Save the return address
              </button>
              <Link className="govuk-link" to={`/staff/consultations/${c.id}/paper`}>
                Enter completed forms
              </Link>
            </div>
          </Form>
        </StaffPage>
      </div>
      <QuestionnaireView paper={paper} details={details} />
    </>
  );
}
