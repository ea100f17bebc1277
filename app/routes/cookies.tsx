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
          ]}
        />
      </div>
    </div>
  );
}
