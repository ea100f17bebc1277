import { PageTitle } from "~/ui/page-title";

export default function AccessibilityStatement() {
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Accessibility statement"]} />
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Accessibility statement for Your Say</h1>
        <p className="govuk-body">
          This accessibility statement applies to Your Say, the consultation website of the Police and Crime Commissioner for County Durham and
          Darlington.
        </p>
        <p className="govuk-body">We want as many people as possible to be able to use this website. For example, that means you should be able to:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>change colours, contrast levels and fonts using browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>navigate the whole website using just a keyboard or speech recognition software</li>
          <li>listen to the whole website using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
          <li>answer every consultation with JavaScript turned off, on a slow connection, on a small phone screen</li>
        </ul>
        <p className="govuk-body">We have also made the website text as simple as possible to understand.</p>

        <h2 className="govuk-heading-m">How accessible this website is</h2>
        <p className="govuk-body">We know some parts of this website are not fully accessible:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>charts on results pages are images drawn by JavaScript; the same figures are always given in a table beside them</li>
        </ul>

        <h2 className="govuk-heading-m">Feedback and contact information</h2>
        <p className="govuk-body">
          If you need a consultation in a different format like large print, easy read, audio recording or braille, or would like to respond on
          paper or by phone, call 0191 000 0000 or write to the Office of the Police and Crime Commissioner, Police Headquarters, Aykley Heads,
          Durham, DH1 5TT. We will consider your request and get back to you in 10 working days.
        </p>

        <h2 className="govuk-heading-m">Reporting accessibility problems with this website</h2>
        <p className="govuk-body">
          We are always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we are
          not meeting accessibility requirements, contact us using the details above.
        </p>

        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile
          Applications) (No. 2) Accessibility Regulations 2018 (the "accessibility regulations"). If you are not happy with how we respond to
          your complaint, contact the Equality Advisory and Support Service (EASS).
        </p>

        <h2 className="govuk-heading-m">Technical information about this website's accessibility</h2>
        <p className="govuk-body">
          The Police and Crime Commissioner for County Durham and Darlington is committed to making its website accessible, in accordance with
          the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
        </p>
        <h3 className="govuk-heading-s">Compliance status</h3>
        <p className="govuk-body">
          This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliance
          listed below.
        </p>
        <h3 className="govuk-heading-s">Non-accessible content</h3>
        <p className="govuk-body">
          Results charts are drawn on a canvas, which screen readers cannot read. Each chart has a text description and the figures are in a
          table next to it, so no information is only in the chart.
        </p>

        <h2 className="govuk-heading-m">What we are doing to improve accessibility</h2>
        <p className="govuk-body">
          Every page of this website is checked automatically against WCAG 2.2 A and AA with axe-core each time the website changes, and the
          resident pages are tested with JavaScript turned off and on a 320 pixel wide screen.
        </p>

        <h2 className="govuk-heading-m">Preparation of this accessibility statement</h2>
        <p className="govuk-body">
          This statement was prepared on 23 November 2026. It was last reviewed on 23 November 2026. This website was last tested on 23
          November 2026 by the Your Say team, using automated checks on every page and manual keyboard and screen reader checks.
        </p>
      </div>
    </div>
  );
}
