import { STATUS_LABELS, type EffectiveStatus } from "~/lifecycle/lifecycle";

const COLOURS: Record<EffectiveStatus, string> = {
  draft: "govuk-tag--grey",
  scheduled: "govuk-tag--yellow",
  open: "govuk-tag--green",
  closed: "govuk-tag--grey",
  published: "govuk-tag--blue",
};

export function StatusTag({ status }: { status: EffectiveStatus }) {
  return <strong className={`govuk-tag ${COLOURS[status]}`}>{STATUS_LABELS[status]}</strong>;
}
