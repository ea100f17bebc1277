import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { numeric, Table } from "./table";

/** The markup govuk-frontend's table macro writes (components/table/template.njk), as React renders it. */

const html = (el: JSX.Element) => renderToStaticMarkup(el);

describe("Table", () => {
  const table = html(
    <Table
      id="totals"
      className="app-results-table"
      caption="How people responded"
      captionSize="m"
      captionId="totals-caption"
      head={["Channel", { content: "Responses", format: "numeric", width: "one-quarter" }]}
      firstCellIsHeader
      rows={[
        { key: "online", cells: [{ content: "Online", className: "govuk-!-font-weight-regular" }, numeric("1,234")] },
        { key: "total", className: "app-net-row", cells: ["Total", numeric(<strong>1,300</strong>, { id: "response-count" })] },
      ]}
    />,
  );

  it("has the table's own classes and id, and a sized caption with its id", () => {
    expect(table).toMatch(/^<table class="govuk-table app-results-table" id="totals"><caption id="totals-caption" class="govuk-table__caption govuk-table__caption--m">How people responded<\/caption>/);
  });

  it("heads each column with scope=col, numeric columns right-aligned, widths as override classes", () => {
    expect(table).toContain(
      '<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Channel</th><th scope="col" class="govuk-table__header govuk-table__header--numeric govuk-!-width-one-quarter">Responses</th></tr></thead>',
    );
  });

  it("makes each row's first cell its header, and figures numeric cells", () => {
    expect(table).toContain(
      '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header govuk-!-font-weight-regular">Online</th><td class="govuk-table__cell govuk-table__cell--numeric">1,234</td></tr>',
    );
    expect(table).toContain(
      '<tr class="govuk-table__row app-net-row"><th scope="row" class="govuk-table__header">Total</th><td class="govuk-table__cell govuk-table__cell--numeric" id="response-count"><strong>1,300</strong></td></tr>',
    );
  });

  it("without firstCellIsHeader, a head or a caption, writes plain cells and no thead or caption", () => {
    const plain = html(<Table rows={[{ key: "a", cells: ["yoursay_draft", 3] }]} />);
    expect(plain).toBe(
      '<table class="govuk-table"><tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell">yoursay_draft</td><td class="govuk-table__cell">3</td></tr></tbody></table>',
    );
  });

  it("adds caption classes after the size (a visually hidden caption still names the table)", () => {
    expect(html(<Table caption="All consultations" captionSize="s" captionClassName="govuk-visually-hidden" rows={[]} />)).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">All consultations</caption>',
    );
  });

  it("scrolls a wide table inside a focusable region named by its caption", () => {
    expect(html(<Table id="audit" caption="Audit trail" scroll rows={[]} />)).toBe(
      '<div class="app-table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0"><table class="govuk-table" id="audit"><caption id="audit-caption" class="govuk-table__caption">Audit trail</caption><tbody class="govuk-table__body"></tbody></table></div>',
    );
    expect(() => html(<Table id="x" scroll rows={[]} />)).toThrow(/needs a caption/);
  });
});
