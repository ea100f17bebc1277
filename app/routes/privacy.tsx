import { PageTitle } from "~/ui/page-title";

export default function PrivacyNotice() {
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Privacy notice"]} />
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Privacy notice</h1>
        <p className="govuk-body-l">How the Police and Crime Commissioner uses your answers when you take part in a consultation on Your Say.</p>

        <h2 className="govuk-heading-m">Who we are</h2>
        <p className="govuk-body">
          The Police and Crime Commissioner (PCC) for County Durham and Darlington is the data controller for Your Say. The PCC is a corporation
          sole under the Police Reform and Social Responsibility Act 2011. You can contact our Data Protection Officer by writing to the Office
          of the Police and Crime Commissioner, Police Headquarters, Aykley Heads, Durham, DH1 5TT.
        </p>

        <h2 className="govuk-heading-m">What we collect</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>your answers to the questions, and the date (not the time) you sent them</li>
          <li>whether you answered online, on paper, at an event or by phone</li>
          <li>if you give a postcode, only its first part (for example DH1), which tells us your local authority area</li>
          <li>if you answer the optional "About you" questions, your age band, sex, ethnic group, disability and similar details</li>
        </ul>
        <p className="govuk-body">We do not ask for your name or contact details. We do not store your IP address, your browser details or any identifier with your answers.</p>
        <p className="govuk-body">
          Before anything you type is stored, we automatically replace email addresses, phone numbers, postcodes, vehicle registrations and
          National Insurance numbers with "[redacted]". Staff read written answers before any are quoted.
        </p>
        <p className="govuk-body">
          To stop one person or a computer program sending many responses, we use your IP address and browser details for a moment to make
          a code that changes every day and is never written down. The code is forgotten within 48 hours and cannot be linked to your answers.
        </p>

        <h2 className="govuk-heading-m">Why we use it, and our lawful basis</h2>
        <p className="govuk-body">
          The PCC must obtain the views of local people and victims of crime on the Police and Crime Plan and on the policing precept (Police
          Act 1996, section 96). Our lawful basis is public task (UK GDPR Article 6(1)(e)). The optional "About you" questions are special
          category data; we use them only to check that we hear from every part of our communities (Data Protection Act 2018, Schedule 1,
          paragraph 8, equality of opportunity or treatment), under our Appropriate Policy Document.
        </p>

        <h2 className="govuk-heading-m">Who sees it</h2>
        <p className="govuk-body">
          Only authorised staff in the Office of the Police and Crime Commissioner can see individual responses. We publish totals and
          percentages only, and we never publish a figure based on fewer than 10 people. Your Say is hosted in the UK. Your answers are not
          transferred outside the UK and are not used for automated decision-making or profiling.
        </p>

        <h2 className="govuk-heading-m">How long we keep it</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>answers in progress: until you submit, close your browser, or 24 hours pass</li>
          <li>individual responses: 12 months after the consultation closes, then deleted automatically (the published totals are kept)</li>
          <li>published totals: kept permanently, as they are anonymous</li>
        </ul>

        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          Because your response is anonymous we cannot find it again, so we cannot give you a copy, change it or delete it. You have the right
          to object, and to complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).
        </p>

        <h2 className="govuk-heading-m">Cookies</h2>
        <p className="govuk-body">
          We use one strictly necessary cookie while you answer, and one when staff sign in. See the <a className="govuk-link" href="/cookies">cookies page</a>.
        </p>
      </div>
    </div>
  );
}
