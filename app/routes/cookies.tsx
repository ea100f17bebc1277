import { PageTitle } from "~/ui/page-title";

export default function Cookies() {
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Cookies"]} />
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Cookies</h1>
        <p className="govuk-body">
          Cookies are small files saved on your phone, tablet or computer when you visit a website. Your Say uses only cookies that are
          strictly necessary for it to work, so we do not need to ask for your consent and there is no cookie banner. We do not use analytics,
          advertising or any other cookies, and nothing on this site loads from another website.
        </p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Strictly necessary cookies</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Purpose</th>
              <th scope="col" className="govuk-table__header">Expires</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">yoursay_draft</td>
              <td className="govuk-table__cell">
                Remembers your answers in progress while you move between pages. It holds a random number, not your answers, and is never stored
                with your response.
              </td>
              <td className="govuk-table__cell">When you close your browser</td>
            </tr>
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">yoursay_staff</td>
              <td className="govuk-table__cell">Keeps OPCC staff signed in. Residents never get this cookie.</td>
              <td className="govuk-table__cell">After 30 minutes without use, or 12 hours</td>
            </tr>
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">yoursay_signin</td>
              <td className="govuk-table__cell">Proves the staff sign-in form was sent from this website. Residents never get this cookie.</td>
              <td className="govuk-table__cell">2 hours</td>
            </tr>
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">yoursay_device</td>
              <td className="govuk-table__cell">Remembers that a staff member has signed in on this browser before, so that someone else guessing at their password cannot hold them up. Residents never get this cookie.</td>
              <td className="govuk-table__cell">90 days</td>
            </tr>
          </tbody>
        </table>
        <p className="govuk-body">On the live website each name starts with __Host-, which tells your browser to send the cookie only to this website, over a secure connection.</p>
      </div>
    </div>
  );
}
