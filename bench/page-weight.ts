import http from "node:http";
import { Resident } from "../tests/integration/helpers/resident";

/** Bytes on the wire with gzip, as a browser asking for gzip receives them. */
function gzipBytes(url: string, headers: Record<string, string> = {}): Promise<{ bytes: number; status: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip", ...headers } }, (res) => {
        let bytes = 0;
        res.on("data", (d: Buffer) => (bytes += d.length));
        res.on("end", () => resolve({ bytes, status: res.statusCode!, encoding: String(res.headers["content-encoding"] ?? "identity") }));
      })
      .on("error", reject);
  });
}

/** The resident question page (with and without its scripts) and the CSS; the consultation must be open. */
export async function questionPageWeight(base: string, slug: string, pageId: string) {
  const resident = new Resident(base);
  await resident.start(slug);
  const pagePath = `/consultations/${slug}/questions/${pageId}`;
  const html = (await resident.request("GET", pagePath)).body;
  const question = await gzipBytes(base + pagePath, { cookie: resident.draftCookie });
  const css = await gzipBytes(`${base}/styles/app.css`);
  const scripts = new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g), ...html.matchAll(/import\(?\s*"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]));
  let js = 0;
  for (const s of scripts) js += (await gzipBytes(base + s)).bytes;
  // A classic <script src> in the head without async or defer holds up the first paint; Remix's
  // scripts are modules (deferred by definition) placed at the end of the body.
  const head = html.split("</head>")[0];
  const renderBlockingScripts = [...head.matchAll(/<script\b([^>]*)>/g)].filter((m) => /\bsrc=/.test(m[1]) && !/\b(async|defer)\b|type="module"/.test(m[1])).length;
  return {
    question: { html: question.bytes, encoding: question.encoding },
    css: css.bytes,
    js,
    scripts: [...scripts],
    renderBlockingScripts,
  };
}

/** The public results page (once published) and the analyst's results page, gzip. */
export async function resultsPageWeight(base: string, slug: string, staff?: { path: string; cookie: string }) {
  const results = await gzipBytes(`${base}/consultations/${slug}/results`);
  const staffResults = staff ? await gzipBytes(base + staff.path, { cookie: staff.cookie }) : undefined;
  return { results: { html: results.bytes, status: results.status }, staffResults: staffResults ? { html: staffResults.bytes, status: staffResults.status } : undefined };
}
