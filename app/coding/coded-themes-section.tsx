import { StanceFigures, ThemeFigures } from "./coding-ui";
import type { QuestionThemes } from "./themes.server";

/**
 * Coded themes in a results page or the panel pack: for each coded free-text question, its main
 * themes as sentences, the figures table and any quotes that may be shown. Written answers
 * themselves never appear; quotes only when approved and allowed (themes.server.ts decides).
 */
export function CodedThemesSection({
  themes,
  intervals = false,
  linkTo,
}: {
  themes: QuestionThemes[];
  intervals?: boolean;
  linkTo?: (questionId: string) => string;
}) {
  if (!themes.length) return null;
  return (
    <section id="coded-themes" aria-labelledby="coded-themes-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="coded-themes-heading">
        What people wrote: themes
      </h2>
      <p className="govuk-body">
        Analysts read the written answers and coded each one with the themes it mentions, using a shared codebook; a sample was coded twice, independently, to
        check the coding is reliable. These are the views of the people who wrote in, not of everyone, and what they say has not been checked for accuracy.
      </p>
      {themes.map((t) => (
        <section key={t.question.id} id={`themes-${t.question.id}`} aria-labelledby={`themes-h-${t.question.id}`}>
          <h3 className="govuk-heading-m" id={`themes-h-${t.question.id}`}>
            {t.question.title}
          </h3>
          {t.statements.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {t.statements.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : null}
          {t.stance ? <StanceFigures table={t.stance} caption={`Stance in answers to "${t.question.title}"`} intervals={intervals} /> : null}
          <ThemeFigures table={t.table} caption={`Themes in answers to "${t.question.title}"`} intervals={intervals} />
          {t.quotes.length ? (
            <>
              <h4 className="govuk-heading-s">In their words</h4>
              {t.quotes.map((q) => (
                <figure key={q.id} className="app-quote-figure">
                  <blockquote className="app-quote">&ldquo;{q.excerpt}&rdquo;</blockquote>
                  <figcaption className="govuk-body-s">A respondent, on {q.codeLabel.toLowerCase()}</figcaption>
                </figure>
              ))}
            </>
          ) : null}
          {linkTo ? (
            <p className="govuk-body">
              <a className="govuk-link" href={linkTo(t.question.id)}>
                Coding, reliability and breakdowns for this question
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </section>
  );
}
