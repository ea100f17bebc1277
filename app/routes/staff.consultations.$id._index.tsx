import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { hasRole } from "~/auth/roles";
import { ErrorMessage } from "~/ui/error-summary";
import { DateTimeInput, datePartsFrom } from "~/ui/date-input";
import { Textarea } from "~/ui/fields";
import { WarningText } from "~/ui/warning-text";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { StatusTag } from "~/ui/status-tag";
import { numeric, Table } from "~/ui/table";
import { formatUkDateTime } from "~/lifecycle/lifecycle";
import { isoToUkParts } from "~/lifecycle/uk-time";
import { LIFECYCLE_INTENTS, transition } from "~/lifecycle/transitions";
import { confirmationFor, type Confirmation } from "~/lifecycle/confirmations";
import { openingCheck, type OpeningCheck } from "~/lifecycle/opening-check";
import { CheckSummary } from "~/builder/check-summary";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { applyLifecycleChange, headline } from "~/models/consultation.server";
import { CHANNEL_LABELS, CHANNELS } from "~/responding/channels";
import { responseTotals } from "~/models/answer-counts.server";
import { excludedTotal } from "~/results/totals";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

const DONE_MESSAGES: Record<string, string> = {
  scheduled: "The consultation is scheduled.",
  opened: "The consultation is open.",
  closed: "The consultation is closed.",
  extended: "The closing date has been changed.",
  published: "The results are published.",
  unpublished: "The results are no longer published.",
  created: "The consultation has been created as a draft.",
  copied: "The consultation has been copied as a new draft, with its questions and routing.",
  details: "The details have been saved.",
  version: "The changes have been published as a new version.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const c = await requireStaffConsultation(params.id);
  const totals = await responseTotals(db(), { consultationId: c.id });
  return json({
    ...navData(session),
    consultation: {
      id: c.id,
      ...headline(c),
      resultsPublishedAt: c.resultsPublishedAt,
      whatWeDid: c.whatWeDid,
      version: c.currentVersion?.version ?? null,
      hasUnpublishedChanges: c.hasUnpublishedChanges,
    },
    totals,
    // Passed down: response.server is not in the browser bundle.
    channels: CHANNELS,
    closeParts: isoToUkParts(c.closesAt),
    openParts: isoToUkParts(c.opensAt),
    done: DONE_MESSAGES[new URL(request.url).searchParams.get("done") ?? ""] ?? null,
    // Before it opens: anything to look at first (the year against the title and dates, and so on).
    warnings: c.status === "draft" || c.status === "scheduled" ? openingCheck(c.draftDefinition, { title: c.title, opensAt: c.opensAt, closesAt: c.closesAt }).warnings : [],
  });
}

const IntentSchema = z.enum(LIFECYCLE_INTENTS);

type Errors = { field: string; message: string }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return json({ errors: [{ field: "lifecycle", message: "Choose one of the buttons on this page" }] as Errors }, { status: 400 });
  const t = transition(c, intent.data, {
    opens: datePartsFrom(form, "opens"),
    closes: datePartsFrom(form, "closes"),
    openCloses: datePartsFrom(form, "open-closes"),
    whatWeDid: String(form.get("whatWeDid") ?? ""),
  }, new Date());
  if (!t.ok) return json({ errors: [{ field: t.field, message: t.message }] as Errors, intent: intent.data }, { status: 400 });
  // Public or irreversible: ask first, on a page of its own, with everything the form held.
  const confirmation = intent.data === "publish_results" && c.status === "published" ? null : confirmationFor(intent.data, c.title, !c.currentVersion);
  if (confirmation && form.get("confirm") !== "yes") {
    const fields = [...form].filter(([k, v]) => typeof v === "string" && k !== "_csrf" && k !== "confirm").map(([k, v]) => [k, String(v)] as [string, string]);
    const change = t.change;
    const check = confirmation.withCheck && change.kind === "live" ? openingCheck(c.draftDefinition, { title: c.title, opensAt: change.opensAt, closesAt: change.closesAt }) : null;
    return json({ errors: [] as Errors, confirm: { ...confirmation, fields, check } });
  }
  const { publishedVersion } = await applyLifecycleChange(db(), { id: c.id, change: t.change });
  await recordAudit(db(), { staff: session.staff, action: t.audit, consultationId: c.id, detail: t.detail(publishedVersion) });
  return redirect(`/staff/consultations/${c.id}?done=${t.done}`);
}

export default function ConsultationOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const c = data.consultation;
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const editor = hasRole(data.staff.role, "editor");
  const base = `/staff/consultations/${c.id}`;
  const totalExcluded = excludedTotal(data.totals.excluded);
  const confirm = (actionData as { confirm?: Confirmation & { fields: [string, string][]; check: OpeningCheck | null } } | undefined)?.confirm ?? null;
  if (confirm) {
    return (
      <StaffPage title={["Are you sure?", c.title]} nav={data} back={{ to: base, label: "No, go back to the consultation" }}>
        <span className="govuk-caption-l">{c.title}</span>
        <h1 className="govuk-heading-l">{confirm.heading}</h1>
        {confirm.warning ? <WarningText>{confirm.consequence}</WarningText> : <p className="govuk-body">{confirm.consequence}</p>}
        {confirm.check ? <CheckSummary check={confirm.check} /> : null}
        <Form method="post" noValidate>
          <Csrf token={data.csrf} />
          {confirm.fields.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirm" value="yes" />
          <div className="govuk-button-group">
            <button type="submit" className={`govuk-button${confirm.warning ? " govuk-button--warning" : ""}`}>
              {confirm.button}
            </button>
            <Link className="govuk-link" to={base}>
              No, go back
            </Link>
          </div>
        </Form>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={[c.title]} nav={data} errors={errors} back={{ to: "/staff", label: "All consultations" }}>
      <SuccessBanner message={errors.length ? null : data.done} />
      <span className="govuk-caption-l">Consultation</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <StatusTag status={c.status} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Opens</dt>
          <dd className="govuk-summary-list__value">{c.opensAt ? formatUkDateTime(c.opensAt) : "Not set"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Closes</dt>
          <dd className="govuk-summary-list__value">{c.closesAt ? formatUkDateTime(c.closesAt) : "Not set"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Questions</dt>
          <dd className="govuk-summary-list__value">
            {c.version ? `Version ${c.version} is what residents see.` : "Not yet published."}
            {c.hasUnpublishedChanges && c.version ? " There are changes not yet published." : ""}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Public page</dt>
          <dd className="govuk-summary-list__value">{c.status === "draft" ? "None while it is a draft" : <Link className="govuk-link" to={`/consultations/${c.slug}`}>/consultations/{c.slug}</Link>}</dd>
        </div>
      </dl>

      {editor && data.warnings.length ? (
        <div id="overview-warnings">
          {data.warnings.map((w) => (
            <WarningText key={w}>{w}</WarningText>
          ))}
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/check`}>
              Check before you open
            </Link>
          </p>
        </div>
      ) : null}
      <h2 className="govuk-heading-m">Work on this consultation</h2>
      <ul className="govuk-list">
        {editor ? (
          <>
            <li>
              <Link className="govuk-link" to={`${base}/edit`}>Edit title, summary and dates</Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/definition`}>Edit questions (builder){c.hasUnpublishedChanges && c.version ? " and publish changes" : ""}</Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/preview`}>Preview as a resident will see it</Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/questionnaire`}>Print the paper questionnaire</Link>
            </li>
            {c.status === "draft" || c.status === "scheduled" ? (
              <li>
                <Link className="govuk-link" to={`${base}/check`}>Check before you open</Link>
              </li>
            ) : null}
            <li>
              <Link className="govuk-link" to={`/staff/consultations/new?copy=${c.id}`}>Copy as a new draft (for next year)</Link>
            </li>
            {c.status !== "draft" && c.status !== "scheduled" ? (
              <li>
                <Link className="govuk-link" to={`${base}/paper`}>Enter paper, event and phone responses</Link>
              </li>
            ) : null}
          </>
        ) : null}
        <li>
          <Link className="govuk-link" to={`${base}/results`}>Results</Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/coding`}>Code written answers (themes)</Link>
        </li>
        {hasRole(data.staff.role, "admin") ? (
          <li>
            <Link className="govuk-link" to={`/staff/audit?consultation=${c.id}`}>Audit trail for this consultation</Link>
          </li>
        ) : null}
      </ul>

      <h2 className="govuk-heading-m">Responses</h2>
      <Table
        caption="Responses counted, by channel"
        captionSize="s"
        head={["Channel", { content: "Responses", format: "numeric" }]}
        firstCellIsHeader
        rows={[
          ...data.channels.map((ch) => ({ key: ch, cells: [CHANNEL_LABELS[ch].name, numeric((data.totals.byChannel[ch] ?? 0).toLocaleString("en-GB"))] })),
          { key: "all", cells: ["All channels", numeric(<strong>{data.totals.counted.toLocaleString("en-GB")}</strong>)] },
        ]}
      />
      {totalExcluded ? (
        <Table
          caption={`Responses held apart and not counted (${totalExcluded.toLocaleString("en-GB")})`}
          captionSize="s"
          head={["Reason", { content: "Responses", format: "numeric" }]}
          rows={data.totals.excluded.map((e) => ({ key: e.reason, cells: [e.reason, numeric(e.n.toLocaleString("en-GB"))] }))}
        />
      ) : (
        <p className="govuk-body">No responses have been held apart.</p>
      )}

      {editor ? (
        <>
          <h2 className="govuk-heading-m" id="lifecycle">Opening and closing</h2>
          <ErrorMessage id="lifecycle-error" message={err.lifecycle} />
          {c.status === "draft" || c.status === "scheduled" ? (
            <>
              <Form method="post" noValidate>
                <Csrf token={data.csrf} />
                <h3 className="govuk-heading-s">Open now</h3>
                <p className="govuk-body">Residents can respond from now until the closing date.{c.status === "draft" ? " The questions as they stand are published as version 1." : ""}</p>
                <DateTimeInput name="open-closes" legend="Closing date" error={err["open-closes"]} value={data.closeParts} />
                <button type="submit" name="intent" value="open" className="govuk-button">Open now</button>
              </Form>
              <Form method="post" noValidate>
                <Csrf token={data.csrf} />
                <h3 className="govuk-heading-s">{c.status === "scheduled" ? "Change the schedule" : "Schedule"}</h3>
                <p className="govuk-body">It opens and closes by itself at these times.</p>
                <DateTimeInput name="opens" legend="Opening date" error={err.opens} value={data.openParts} />
                <DateTimeInput name="closes" legend="Closing date" error={err.closes} value={data.closeParts} />
                <button type="submit" name="intent" value="schedule" className="govuk-button govuk-button--secondary">Schedule</button>
              </Form>
            </>
          ) : null}
          {c.status === "open" ? (
            <Form method="post" noValidate>
              <Csrf token={data.csrf} />
              <h3 className="govuk-heading-s">Close early</h3>
              <p className="govuk-body">Responses stop at once. You can extend it again afterwards.</p>
              <ErrorMessage id="close-error" message={err.close} />
              <button type="submit" name="intent" value="close" className="govuk-button govuk-button--warning" id="close">Close now</button>
            </Form>
          ) : null}
          {c.status === "open" || c.status === "closed" ? (
            <Form method="post" noValidate>
              <Csrf token={data.csrf} />
              <h3 className="govuk-heading-s">{c.status === "closed" ? "Reopen with a new closing date" : "Extend"}</h3>
              <DateTimeInput name="closes" legend="New closing date" error={err.closes} value={data.closeParts} />
              <button type="submit" name="intent" value="extend" className="govuk-button govuk-button--secondary">
                {c.status === "closed" ? "Reopen" : "Extend"}
              </button>
            </Form>
          ) : null}
          {c.status === "closed" || c.status === "published" ? (
            <>
              <h2 className="govuk-heading-m">Results</h2>
              <Form method="post" noValidate>
                <Csrf token={data.csrf} />
                <Textarea
                  name="whatWeDid"
                  label="What we did"
                  labelSize="s"
                  hint="Published with the results: what the Commissioner decided, in the light of what people said."
                  error={err.whatWeDid}
                  value={c.whatWeDid ?? ""}
                  rows={6}
                />
                <button type="submit" name="intent" value="publish_results" className="govuk-button">
                  {c.status === "published" ? "Update what we did" : "Publish results"}
                </button>
              </Form>
              {c.status === "published" ? (
                <Form method="post" noValidate>
                  <Csrf token={data.csrf} />
                  <ErrorMessage id="unpublish-error" message={err.unpublish} />
                  <button type="submit" name="intent" value="unpublish_results" className="govuk-button govuk-button--warning" id="unpublish">
                    Unpublish results
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </StaffPage>
  );
}
