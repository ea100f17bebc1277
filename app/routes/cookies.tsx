import { PageTitle } from "~/ui/page-title";
import { Table } from "~/ui/table";

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
        {/* Fits a 320px phone: smaller text there, and the cookies' names may break (they have no spaces). */}
        <Table
          className="govuk-table--small-text-until-tablet"
          caption="Strictly necessary cookies"
          captionSize="m"
          head={["Name", "Purpose", "Expires"]}
          rows={[
            {
              key: "yoursay_draft",
              cells: [
                { content: "yoursay_draft", className: "app-break-anywhere" },
                "Remembers your answers in progress while you move between pages. It holds a random number, not your answers, and is never stored with your response.",
                "When you close your browser",
              ],
            },
            { key: "yoursay_staff", cells: [{ content: "yoursay_staff", className: "app-break-anywhere" }, "Keeps OPCC staff signed in. Residents never get this cookie.", "After 30 minutes without use, or 12 hours"] },
            { key: "yoursay_signin", cells: [{ content: "yoursay_signin", className: "app-break-anywhere" }, "Proves the staff sign-in form was sent from this website. Residents never get this cookie.", "2 hours"] },
            {
              key: "yoursay_device",
              cells: [
                { content: "yoursay_device", className: "app-break-anywhere" },
                "Remembers that a staff member has signed in on this browser before, so that someone else guessing at their password cannot hold them up. Residents never get this cookie.",
                "90 days",
              ],
            },
          ]}
        />
        <p className="govuk-body">On the live website each name starts with __Host-, which tells your browser to send the cookie only to this website, over a secure connection.</p>
      </div>
    </div>
  );
}
