import type { ReactNode } from "react";
import { assertNever } from "~/definition/definition";
import { numeric, Table } from "~/ui/table";
import { formatPounds, formatWeekly } from "~/precept/precept-bands";
import { goToText, type PaperBody, type PaperChoice, type PaperQuestion, type PaperQuestionnaire } from "./questionnaire";

/**
 * The paper questionnaire as a printable page (print stylesheet in app.scss: A4, page numbers,
 * no site chrome, no question split across pages). Boxes are drawn, not form controls: the page
 * is for printing, and its text reads in order for anyone checking it on screen.
 */

const Box = () => <span className="app-tickbox" aria-hidden="true" />;

function GoTo({ goTo }: { goTo?: number | "end" }) {
  if (goTo === undefined) return null;
  const text = goToText(goTo);
  return <strong className="app-questionnaire__goto">→ {text.charAt(0).toUpperCase() + text.slice(1)}</strong>;
}

function Choices({ choices }: { choices: PaperChoice[] }) {
  return (
    <ul className="app-questionnaire__choices">
      {choices.map((c, i) => (
        <li key={i}>
          <Box />
          <span>
            {c.label}
            {c.hint ? <span className="app-questionnaire__hint"> ({c.hint})</span> : null}
            {c.writeIn ? <span className="app-questionnaire__write-in"> please write in: ____________________</span> : null}
            {c.goTo !== undefined ? " " : null}
            <GoTo goTo={c.goTo} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="govuk-body-s app-questionnaire__note">{children}</p>;
}

function Grid({ id, caption, columns, rows }: { id: string; caption: string; columns: string[]; rows: string[] }) {
  // Printed, a grid fills the page's width; on a phone it scrolls in its own focusable region.
  return (
    <Table
      id={id}
      scroll
      className="app-questionnaire__grid"
      caption={caption}
      captionClassName="govuk-visually-hidden"
      head={[{ content: <span className="govuk-visually-hidden">Row</span> }, ...columns]}
      rows={rows.map((r) => ({ key: r, cells: [r, ...columns.map(() => ({ content: <Box />, className: "app-questionnaire__cell" }))] }))}
      firstCellIsHeader
    />
  );
}

function Body({ question, body }: { question: PaperQuestion; body: PaperBody }): ReactNode {
  switch (body.kind) {
    case "tick":
      return (
        <>
          <Note>{body.note}</Note>
          <Choices choices={body.choices} />
        </>
      );
    case "grid":
      return (
        <>
          <Note>{body.note}</Note>
          <Grid id={`q${question.number}-grid`} caption={`Answers to question ${question.number}`} columns={body.columns} rows={body.rows} />
        </>
      );
    case "rank":
      return (
        <>
          <Note>{body.note}</Note>
          <ul className="app-questionnaire__choices">
            {body.items.map((item) => (
              <li key={item}>
                <span className="app-writebox app-writebox--digit" aria-hidden="true" />
                <span>{item}</span>
              </li>
            ))}
          </ul>
        </>
      );
    case "write":
      return (
        <>
          <Note>{body.note}</Note>
          <div className="app-writebox" aria-hidden="true">
            {Array.from({ length: body.lines }, (_, i) => (
              <div key={i} className="app-writebox__line" />
            ))}
          </div>
        </>
      );
    case "number":
      return (
        <>
          <Note>{body.note}</Note>
          <p className="govuk-body">
            <span className="app-writebox app-writebox--number" aria-hidden="true" /> {body.suffix ?? ""}
          </p>
        </>
      );
    case "postcode":
      return (
        <>
          <Note>{body.note}</Note>
          <p className="govuk-body">
            <span className="app-writebox app-writebox--postcode" aria-hidden="true" />
          </p>
        </>
      );
    case "precept":
      return (
        <>
          <p className="govuk-body">{body.intro}</p>
          {body.proposals.map((p, i) => (
            <div key={p.label} className="app-questionnaire__proposal">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{p.label}</p>
              <p className="govuk-body">{p.summary}</p>
              <Table
                id={`q${question.number}-bands-${i + 1}`}
                scroll
                className="govuk-table--small-text-until-tablet app-questionnaire__bands"
                caption="What this means for each council tax band"
                captionSize="s"
                head={["Band", ...["Now, a year", "Rise a year", "Rise a week", "New total a year"].map((h) => ({ content: h, format: "numeric" as const }))]}
                rows={p.effects.map((e) => ({
                  key: e.band,
                  cells: [e.band, numeric(formatPounds(e.currentYearly)), numeric(formatPounds(e.increaseYearly)), numeric(formatWeekly(e.increaseWeekly)), numeric(formatPounds(e.proposedYearly))],
                }))}
                firstCellIsHeader
              />
            </div>
          ))}
          <Body question={question} body={body.answer} />
        </>
      );
    case "about_you":
      return (
        <>
          <Note>Each of these is optional. Tick one box for each you answer.</Note>
          {body.parts.map((part) => (
            <div key={part.question} className="app-questionnaire__part">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{part.question}</p>
              <Choices choices={part.choices} />
            </div>
          ))}
        </>
      );
    default:
      return assertNever(body);
  }
}

export interface QuestionnaireDetails {
  title: string;
  summary: string;
  estimatedMinutes: number;
  /** "5:00pm GMT on 31 January 2028", or null when no closing date is set. */
  returnBy: string | null;
  returnAddress: string | null;
  onlineAt: string;
  privacyAt: string;
}

export function QuestionnaireView({ paper, details: d }: { paper: PaperQuestionnaire; details: QuestionnaireDetails }) {
  return (
    <article className="app-questionnaire" aria-labelledby="questionnaire-title">
      <header className="app-questionnaire__cover">
        <p className="govuk-caption-m">Office of the Police and Crime Commissioner for County Durham and Darlington</p>
        <h1 className="govuk-heading-l" id="questionnaire-title">
          {d.title}
        </h1>
        <p className="govuk-body">{d.summary}</p>
        <p className="govuk-body">
          It takes about {d.estimatedMinutes} minutes. You do not need to give your name.
          {d.returnBy ? ` Please return it by ${d.returnBy}.` : ""} You can also answer online at <strong className="app-break-anywhere">{d.onlineAt}</strong>.
        </p>
        <h2 className="govuk-heading-s">How to fill in this form</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Use a black or blue pen.</li>
          <li>Tick the box beside your answer. Tick one box unless the question says you can tick more.</li>
          <li>Where an answer says &ldquo;go to question&rdquo; a number, go straight to that question.</li>
          <li>You can leave out any question you do not want to answer.</li>
        </ul>
      </header>
      {paper.sections.map((s) => (
        <section key={s.id} className="app-questionnaire__section" aria-labelledby={`section-${s.id}`}>
          <h2 className="govuk-heading-m" id={`section-${s.id}`}>
            {s.title}
          </h2>
          {s.filter ? <p className="govuk-body app-questionnaire__filter">{s.filter}</p> : null}
          {s.intro ? <p className="govuk-body">{s.intro}</p> : null}
          {s.questions.map((q) => (
            <div key={q.id} className="app-questionnaire__question" id={`question-${q.number}`}>
              <h3 className="govuk-heading-s app-questionnaire__title">
                <span className="app-questionnaire__number">{q.number}.</span> {q.title}
                {q.optional ? <span className="app-questionnaire__optional"> (optional)</span> : null}
              </h3>
              {q.filter ? <p className="govuk-body app-questionnaire__filter">{q.filter}</p> : null}
              {q.hint ? <p className="govuk-body-s app-questionnaire__hint">{q.hint}</p> : null}
              <Body question={q} body={q.body} />
              {q.routing.length ? <p className="govuk-body-s app-questionnaire__routing">{q.routing.join(" ")}</p> : null}
            </div>
          ))}
        </section>
      ))}
      <section className="app-questionnaire__section app-questionnaire__privacy" aria-labelledby="privacy-heading">
        <h2 className="govuk-heading-m" id="privacy-heading">
          How we use your answers
        </h2>
        <p className="govuk-body-s">
          The Police and Crime Commissioner for County Durham and Darlington is the data controller. The Commissioner must ask local people
          and victims of crime for their views on the Police and Crime Plan and the policing precept (Police Act 1996, section 96); our lawful
          basis is public task (UK GDPR Article 6(1)(e)).
        </p>
        <p className="govuk-body-s">
          We do not ask for your name or contact details. Staff type your answers into Your Say as a paper response. We keep only the first
          part of a postcode, and we remove email addresses, phone numbers, postcodes and vehicle registrations from anything you write. The
          &ldquo;About you&rdquo; questions are optional and are used only to check that we hear from every part of our communities.
        </p>
        <p className="govuk-body-s">
          We publish totals and percentages only, never a figure based on fewer than 10 people. Individual responses are deleted 12 months
          after the consultation closes. Because your response is anonymous we cannot find it again to give you a copy or delete it. You can
          complain to the Information Commissioner&apos;s Office (ico.org.uk, 0303 123 1113). The full privacy notice is at {d.privacyAt}.
        </p>
      </section>
      <section className="app-questionnaire__section app-questionnaire__return" aria-labelledby="return-heading">
        <h2 className="govuk-heading-m" id="return-heading">
          Thank you. Please return this form
        </h2>
        {d.returnAddress ? (
          <>
            <p className="govuk-body">
              {d.returnBy ? `By ${d.returnBy}, to:` : "To:"}
            </p>
            <address className="govuk-body app-questionnaire__address">{d.returnAddress}</address>
          </>
        ) : (
          <p className="govuk-body">Hand it to a member of staff.</p>
        )}
      </section>
    </article>
  );
}
