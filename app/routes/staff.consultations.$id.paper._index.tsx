import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Radios } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { numeric, Table } from "~/ui/table";
import { db } from "~/server/db.server";
import { CHANNEL_LABELS, CHANNELS, isPaperChannel, PAPER_CHANNELS } from "~/responding/channels";
import { responseTotals } from "~/models/answer-counts.server";
import { requirePaperAllowed, startEntry } from "~/staff-entry/staff-entry.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  requirePaperAllowed(c);
  const url = new URL(request.url);
  const entered = url.searchParams.get("entered");
  const imported = Number(url.searchParams.get("imported") ?? "");
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title, status: c.status },
    totals: await responseTotals(db(), { consultationId: c.id }),
    // Passed down: response.server is not in the browser bundle.
    channels: CHANNELS,
    entered: entered && isPaperChannel(entered) ? entered : null,
    expired: url.searchParams.has("expired"),
    imported: Number.isInteger(imported) && imported > 0 ? imported : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form } = await requireStaffAction(request, "editor");
  const ChannelSchema = z.object({ channel: z.enum(PAPER_CHANNELS, { errorMap: () => ({ message: "Select how the response was received" }) }) });
  const c = await requireStaffConsultation(params.id);
  const parsed = ChannelSchema.safeParse({ channel: form.get("channel") });
  if (!parsed.success) return json({ errors: [{ field: "channel", message: parsed.error.issues[0].message }] }, { status: 400 });
  return startEntry(c, "paper", parsed.data.channel);
}

export default function PaperStart() {
  const { consultation: c, totals, channels, entered, expired, imported, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  return (
    <StaffPage title={["Enter responses", c.title]} nav={nav} errors={errors} back={{ to: `/staff/consultations/${c.id}`, label: "Back to the consultation" }}>
      <SuccessBanner
        message={
          errors.length
            ? null
            : entered
              ? `The ${entered} response has been recorded and counted.`
              : imported
                ? `${imported.toLocaleString("en-GB")} ${imported === 1 ? "response has" : "responses have"} been imported and counted.`
                : null
        }
      />
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">Enter paper, event and phone responses</h1>
      {expired ? <p className="govuk-body">That response was already submitted or has expired after 24 hours. Start the next one.</p> : null}
      <p className="govuk-body">
        Type each response through the same question pages residents use. It is checked in the same way and counted in the results with its channel.
      </p>
      <Table
        id="tally"
        scroll
        caption="Running tally of responses counted"
        captionSize="s"
        head={channels.map((ch) => ({ content: CHANNEL_LABELS[ch].name, format: "numeric" as const }))}
        rows={[{ key: "tally", cells: channels.map((ch) => numeric((totals.byChannel[ch] ?? 0).toLocaleString("en-GB"))) }]}
      />
      <Form method="post" noValidate>
        <Csrf token={nav.csrf} />
        <Radios
          id="channel"
          name="channel"
          legend="How was this response received?"
          error={errors[0]?.message}
          choices={[
            { id: "paper", label: `${CHANNEL_LABELS.paper.how} (a posted or handed-in form)` },
            { id: "event", label: CHANNEL_LABELS.event.how },
            { id: "phone", label: CHANNEL_LABELS.phone.how },
          ]}
          values={[entered ?? ""]}
        />
        <button type="submit" className="govuk-button">{entered ? "Enter the next response" : "Start entering a response"}</button>
      </Form>
      <h2 className="govuk-heading-m">Many forms at once</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/staff/consultations/${c.id}/paper/import`}>
          Import responses from a spreadsheet (CSV)
        </Link>
        , checked in the same way; all of them are imported or none is.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/staff/consultations/${c.id}/questionnaire`}>
          Print the paper questionnaire
        </Link>
      </p>
    </StaffPage>
  );
}
