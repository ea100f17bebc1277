import { STATUS_LABELS, type EffectiveStatus } from "~/lifecycle/lifecycle";

const COLOURS: Record<EffectiveStatus, string> = {
  draft: "govuk-tag--grey",
  scheduled: "govuk-tag--yellow",
  open: "govuk-tag--green",
  closed: "govuk-tag--grey",
  published: "govuk-tag--blue",
};

/** app-status-tag lifts govuk-frontend's 160px limit, which broke "Results published" over two lines. */
export function StatusTag({ status }: { status: EffectiveStatus }) {
  return <strong className={`govuk-tag app-status-tag ${COLOURS[status]}`}>{STATUS_LABELS[status]}</strong>;
}
