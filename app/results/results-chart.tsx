import { useEffect, useRef, useState } from "react";
import { chartLayout } from "./chart-layout";

/**
 * A chart.js bar chart that enhances a results table. chart.js is imported dynamically inside
 * useEffect, so it is a separate browser chunk fetched only on pages that draw a chart, and
 * never on the server. Without JavaScript nothing is drawn and the table stands alone. The
 * canvas is an image whose text alternative points to the table holding the same figures.
 * chart.js sizes the canvas through the CSSOM, which the Content Security Policy allows
 * (it forbids style attributes in markup, not style set from script).
 */

export interface ChartSpec {
  id: string;
  title: string;
  stacked: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

// GOV.UK colour palette: distinguishable, and dark enough against white.
const COLOURS = ["#1d70b8", "#003078", "#4c2c92", "#28a197", "#f47738", "#d4351c", "#505a5f", "#85994b"];

type ChartInstance = { destroy(): void };

export function ResultsChart({ spec, tableId, withheld = [] }: { spec: ChartSpec; tableId: string; withheld?: string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const [ready, setReady] = useState(false);
  const key = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    // Labels and title wrapped to the width there is, and the canvas as tall as their lines need.
    let wrappedFor = 0;
    // A legend for a stacked chart's answers, or for unweighted and weighted bars side by side.
    const legend = spec.stacked || spec.datasets.length > 1;
    const layoutFor = (width: number) => {
      const layout = chartLayout({ labels: spec.labels, title: spec.title, width, legendRows: legend ? Math.ceil(spec.datasets.length / 2) : 0 });
      wrappedFor = width;
      if (box.current) box.current.style.height = `${layout.height}px`;
      return layout;
    };
    void import("chart.js/auto").then(({ default: Chart }) => {
      if (cancelled || !canvas.current || !box.current) return;
      chart.current?.destroy();
      const layout = layoutFor(box.current.clientWidth);
      chart.current = new Chart(canvas.current, {
        type: "bar",
        data: {
          labels: layout.labels,
          datasets: spec.datasets.map((d, i) => ({ label: d.label, data: d.data, backgroundColor: COLOURS[i % COLOURS.length] })),
        },
        options: {
          indexAxis: "y",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          // Twice the screen's pixels at least, so a printed chart stays sharp on paper.
          devicePixelRatio: Math.max(2, typeof window === "undefined" ? 1 : window.devicePixelRatio),
          scales: {
            x: { stacked: spec.stacked, min: 0, max: spec.stacked ? 100 : undefined, title: { display: true, text: "% of base" } },
            y: { stacked: spec.stacked },
          },
          plugins: { legend: { display: legend }, title: { display: true, text: layout.title } },
          // A phone turned round, or a window resized: wrap again for the new width.
          onResize: (instance, size) => {
            if (Math.abs(size.width - wrappedFor) < 1) return;
            const next = layoutFor(size.width);
            instance.data.labels = next.labels;
            if (instance.options.plugins?.title) instance.options.plugins.title.text = next.title;
            instance.update("none");
          },
        },
      }) as unknown as ChartInstance;
      setReady(true);
    });
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
    };
    // The spec is compared by value: loader data is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const download = () => {
    // A blob URL on a link in the page: Chromium starts a download from it, where a data: URL
    // on a detached link can be ignored.
    canvas.current?.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${spec.id}.png`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, "image/png");
  };

  // Room for a legend above stacked bars.
  const rows = Math.max(spec.stacked ? spec.labels.length + 3 : spec.labels.length, 2);
  return (
    <figure className={`app-chart app-chart--rows-${Math.min(rows, 12)}`} data-chart={spec.id}>
      <div className="app-chart__canvas" ref={box}>
        <canvas ref={canvas} id={spec.id} role="img" aria-label={`Bar chart of “${spec.title}”; the same figures are in the table above.`}>
          The figures are in the table above.
        </canvas>
      </div>
      <figcaption className="govuk-body-s app-muted">
        Chart of the table above<span className="app-no-print"> (<a className="govuk-link" href={`#${tableId}`}>go to the table</a>)</span>.{" "}
        {withheld.length ? <>Not drawn, because withheld to protect respondents ([c]): {withheld.join("; ")}. </> : null}
        {ready ? (
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-no-print" onClick={download}>
            Download chart as PNG<span className="govuk-visually-hidden">: {spec.title}</span>
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
}
