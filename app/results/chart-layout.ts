/**
 * Chart text that fits a phone. chart.js draws a category label on one line however long it is,
 * so on a 320px screen long answers ("Improved response times and meeting increased demand")
 * were cut off at the canvas edge. Labels are wrapped into lines (chart.js draws a string[] as
 * several lines) that fit the share of the width the axis may take, and the chart is made tall
 * enough for every line.
 */

/** chart.js's default font is 12px; an average character of it is about this wide. */
const CHAR_PX = 6.5;
const LINE_PX = 15;
/** The axis labels may take this share of the chart's width; the bars need the rest. */
const LABEL_SHARE = 0.4;
/** Room for the title, the value axis and padding. */
const FRAME_PX = 70;
const MIN_BAR_PX = 34;

/** Breaks text into lines of at most maxChars, at spaces; a longer word is cut. */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > maxChars) {
      if (line) lines.push(line);
      line = "";
      lines.push(w.slice(0, maxChars));
      w = w.slice(maxChars);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= maxChars) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

export interface ChartLayout {
  labels: string[][];
  title: string[];
  /** The canvas height in px, for labels of this many lines. */
  height: number;
}

/** Wrapped labels and title, and the height they need, for a chart this many px wide. */
export function chartLayout({ labels, title, width, legendRows = 0 }: { labels: string[]; title: string; width: number; legendRows?: number }): ChartLayout {
  const labelChars = Math.max(10, Math.floor((width * LABEL_SHARE) / CHAR_PX));
  const titleChars = Math.max(20, Math.floor(width / (CHAR_PX * 1.2)));
  const wrapped = labels.map((l) => wrapLabel(l, labelChars));
  const titleLines = wrapLabel(title, titleChars);
  const bars = wrapped.reduce((h, lines) => h + Math.max(MIN_BAR_PX, lines.length * LINE_PX + 8), 0);
  return { labels: wrapped, title: titleLines, height: FRAME_PX + (titleLines.length - 1) * LINE_PX + legendRows * 22 + bars };
}
