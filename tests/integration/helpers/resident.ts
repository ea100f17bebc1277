/**
 * A virtual resident without JavaScript: plain HTTP, following the same forms a browser would,
 * with the draft cookie kept between requests. Used by the integration tests and the bench.
 */

export type Fields = [string, string][];

export interface Reply {
  status: number;
  location: string | null;
  body: string;
}

export class Resident {
  private cookie = "";
  /** Gives up on a request after this long (a browser or a proxy would), when set. */
  timeoutMs?: number;

  /** `headers` go with every request (for example X-Forwarded-For, to be another client behind a proxy). */
  constructor(public base: string, private userAgent = "Mozilla/5.0 (X11; Linux x86_64) yoursay-test-resident", private headers: Record<string, string> = {}) {}

  /** Lets page 1 go to one instance and the submit to another: same cookie, different base. */
  at(base: string): this {
    this.base = base;
    return this;
  }

  async request(method: string, path: string, fields?: Fields, extraHeaders: Record<string, string> = {}): Promise<Reply> {
    const headers: Record<string, string> = { "user-agent": this.userAgent, ...this.headers, ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (fields) {
      body = new URLSearchParams(fields).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual", signal: this.timeoutMs ? AbortSignal.timeout(this.timeoutMs) : undefined });
    // "__Host-yoursay_draft" in production, "yoursay_draft" otherwise.
    const setCookie = res.headers.getSetCookie().find((c) => /^(__Host-)?yoursay_draft=/.test(c));
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  }

  get draftCookie(): string {
    return this.cookie;
  }

  set draftCookie(value: string) {
    this.cookie = value;
  }

  async start(slug: string): Promise<string> {
    const r = await this.request("POST", `/consultations/${slug}`, []);
    if (r.status !== 302 || !r.location) throw new Error(`start: ${r.status} ${r.body.slice(0, 200)}`);
    return r.location;
  }

  async answer(path: string, fields: Fields): Promise<string> {
    const r = await this.request("POST", path, fields);
    if (r.status !== 302 || !r.location) throw new Error(`answer ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    return r.location;
  }

  /** GETs check-your-answers and returns the one-time submission token from the form. */
  async token(slug: string): Promise<string> {
    const r = await this.request("GET", `/consultations/${slug}/check`);
    const token = r.body.match(/name="_token" value="([^"]+)"/)?.[1];
    if (r.status !== 200 || !token) throw new Error(`check: ${r.status} ${r.body.slice(0, 200)}`);
    return token;
  }

  async submit(slug: string, token: string, website = ""): Promise<Reply> {
    return this.request("POST", `/consultations/${slug}/check`, [
      ["_token", token],
      ["_website", website],
    ]);
  }
}

/** The open demo precept consultation (db/demo.ts), answered page by page with a marker comment. */
export const PRECEPT_SLUG = "police-precept-2027-28";

export function preceptPages(marker: string): { page: string; fields: Fields }[] {
  return [
    { page: "priorities", fields: [["investment", "neighbourhood_policing"], ["investment", "more_officers"], ["asb_priority", "high"]] },
    { page: "precept", fields: [["precept_support.increase_14", "support"]] },
    { page: "about-you", fields: [["postcode", "DH1 1AA"], ["about_you.age", "35_44"]] },
    { page: "anything-else", fields: [["comments", marker]] },
  ];
}

/** Answers every page, GETs the check page for a token: ready for the final submit. */
export async function prepareResponse(resident: Resident, marker: string, slug = PRECEPT_SLUG): Promise<string> {
  await resident.start(slug);
  for (const { page, fields } of preceptPages(marker)) await resident.answer(`/consultations/${slug}/questions/${page}`, fields);
  return resident.token(slug);
}

/** True when the submit was acknowledged: the redirect to the thank-you page. */
export const acknowledged = (r: Reply, slug = PRECEPT_SLUG) => r.status === 302 && r.location === `/consultations/${slug}/done`;
