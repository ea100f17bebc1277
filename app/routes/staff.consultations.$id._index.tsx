import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { hasRole } from "~/auth/roles";
import { ErrorMessage } from "~/ui/error-summary";
import { DateTimeInput, datePartsFrom } from "~/ui/date-input";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { StatusTag } from "~/ui/status-tag";
import { formatUkDateTime } from "~/lifecycle/lifecycle";
import { isoToUkParts, ukPartsToIso } from "~/lifecycle/uk-time";
import { db } from "~/server/db.server";
import { recordAudit, type AuditAction } from "~/models/audit.server";
import { setConsultationDates, setLiveWithDates, setResultsPublished } from "~/models/consultation.server";
import { CHANNELS } from "~/responding/channels";
import { responseTotals } from "~/models/answer-counts.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

const CHANNEL_LABELS: Record<string, string> = { online: "Online", paper: "Paper", event: "Event", phone: "Phone" };

const DONE_MESSAGES: Record<string, string> = {
  scheduled: "The consultation is scheduled.",
  opened: "The consultation is open.",
  closed: "The consultation is closed.",
  extended: "The closing date has been changed.",
  published: "The results are published.",
  unpublished: "The results are no longer published.",
  created: "The consultation has been created as a draft.",
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
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
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
  });
}

const IntentSchema = z.enum(["schedule", "open", "close", "extend", "publish_results", "unpublish_results"]);

type Errors = { field: string; message: string }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return json({ errors: [{ field: "lifecycle", message: "Choose one of the buttons on this page" }] as Errors }, { status: 400 });
  const now = new Date();
  const nowIso = now.toISOString();
  const audit = (action: AuditAction, detail: string) => recordAudit(db(), { staff: session.staff, action, consultationId: c.id, detail });
  const fail = (field: string, message: string) => json({ errors: [{ field, message }] as Errors, intent: intent.data }, { status: 400 });
  const back = (done: string) => redirect(`/staff/consultations/${c.id}?done=${done}`);

  switch (intent.data) {
    case "schedule": {
      if (c.status !== "draft" && c.status !== "scheduled") return fail("opens", "Only a draft or forthcoming consultation can be scheduled");
      const opens = ukPartsToIso(datePartsFrom(form, "opens"), "the opening date", { optional: false });
      if (!opens.ok) return fail("opens", opens.message);
      const closes = ukPartsToIso(datePartsFrom(form, "closes"), "the closing date", { optional: false });
      if (!closes.ok) return fail("closes", closes.message);
      if (opens.iso! <= nowIso) return fail("opens", "The opening date must be in the future; to open it now, use Open now");
      if (closes.iso! <= opens.iso!) return fail("closes", "The closing date must be after the opening date");
      const { publishedVersion } = await setLiveWithDates(db(), { id: c.id, opensAt: opens.iso, closesAt: closes.iso });
      await audit(
        "consultation.scheduled",
        `opens ${formatUkDateTime(opens.iso)}, closes ${formatUkDateTime(closes.iso)}${publishedVersion ? `; version ${publishedVersion} published` : ""}`,
      );
      return back("scheduled");
    }
    case "open": {
      if (c.status !== "draft" && c.status !== "scheduled") return fail("open-closes", "Only a draft or forthcoming consultation can be opened");
      const given = ukPartsToIso(datePartsFrom(form, "open-closes"), "the closing date", { optional: false });
      if (!given.ok) return fail("open-closes", given.message);
      if (given.iso! <= nowIso) return fail("open-closes", "The closing date must be in the future");
      const { publishedVersion } = await setLiveWithDates(db(), { id: c.id, opensAt: nowIso, closesAt: given.iso });
      await audit("consultation.opened", `opened by hand; closes ${formatUkDateTime(given.iso)}${publishedVersion ? `; version ${publishedVersion} published` : ""}`);
      return back("opened");
    }
    case "close": {
      if (c.status !== "open") return fail("close", "Only an open consultation can be closed");
      await setConsultationDates(db(), { id: c.id, opensAt: c.opensAt, closesAt: nowIso });
      await audit("consultation.closed", `closed early; was due to close ${formatUkDateTime(c.closesAt)}`);
      return back("closed");
    }
    case "extend": {
      if (c.status !== "open" && c.status !== "closed") return fail("closes", "Only an open or closed consultation can be extended");
      const closes = ukPartsToIso(datePartsFrom(form, "closes"), "the new closing date", { optional: false });
      if (!closes.ok) return fail("closes", closes.message);
      if (closes.iso! <= nowIso) return fail("closes", "The new closing date must be in the future");
      await setConsultationDates(db(), { id: c.id, opensAt: c.opensAt, closesAt: closes.iso });
      await audit("consultation.extended", `closing date changed from ${formatUkDateTime(c.closesAt)} to ${formatUkDateTime(closes.iso)}`);
      return back("extended");
    }
    case "publish_results": {
      if (c.status !== "closed" && c.status !== "published") return fail("whatWeDid", "Results can be published only after the consultation has closed");
      const text = String(form.get("whatWeDid") ?? "").trim();
      if (!text) return fail("whatWeDid", "Enter what the Commissioner did with the results");
      if (text.length > 5000) return fail("whatWeDid", "Enter 5,000 characters or fewer for what we did");
      await setResultsPublished(db(), { id: c.id, whatWeDid: text, published: true });
      await audit("results.published", c.status === "published" ? "\"what we did\" text updated" : "results published");
      return back("published");
    }
    case "unpublish_results": {
      if (c.status !== "published") return fail("unpublish", "The results are not published");
      await setResultsPublished(db(), { id: c.id, whatWeDid: c.whatWeDid, published: false });
      await audit("results.unpublished", "results unpublished");
      return back("unpublished");
    }
  }
}

export default function ConsultationOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const c = data.consultation;
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const editor = hasRole(data.staff.role, "editor");
  const base = `/staff/consultations/${c.id}`;
  const totalExcluded = data.totals.excluded.reduce((s, e) => s + e.n, 0);
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
        {hasRole(data.staff.role, "admin") ? (
          <li>
            <Link className="govuk-link" to={`/staff/audit?consultation=${c.id}`}>Audit trail for this consultation</Link>
          </li>
        ) : null}
      </ul>

      <h2 className="govuk-heading-m">Responses</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Responses counted, by channel</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Channel</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Responses</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.channels.map((ch) => (
            <tr key={ch} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">{CHANNEL_LABELS[ch]}</th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{(data.totals.byChannel[ch] ?? 0).toLocaleString("en-GB")}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">All channels</th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              <strong>{data.totals.counted.toLocaleString("en-GB")}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {totalExcluded ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Responses held apart and not counted ({totalExcluded.toLocaleString("en-GB")})</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Reason</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Responses</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.totals.excluded.map((e) => (
              <tr key={e.reason} className="govuk-table__row">
                <td className="govuk-table__cell">{e.reason}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{e.n.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
                <div className={`govuk-form-group${err.whatWeDid ? " govuk-form-group--error" : ""}`}>
                  <label className="govuk-label govuk-label--s" htmlFor="whatWeDid">What we did</label>
                  <div id="whatWeDid-hint" className="govuk-hint">Published with the results: what the Commissioner decided, in the light of what people said.</div>
                  <ErrorMessage id="whatWeDid-error" message={err.whatWeDid} />
                  <textarea
                    className={`govuk-textarea${err.whatWeDid ? " govuk-textarea--error" : ""}`}
                    id="whatWeDid"
                    name="whatWeDid"
                    rows={6}
                    defaultValue={c.whatWeDid ?? ""}
                    aria-describedby={`whatWeDid-hint${err.whatWeDid ? " whatWeDid-error" : ""}`}
                  />
                </div>
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
