import { afterAll, describe, expect, it } from "vitest";
import { EvidenceApiSchema } from "~/evidence/evidence";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { emptyServerDatabase, serverDatabaseKinds } from "./helpers/databases";
import { htmlText } from "./helpers/html";

/**
 * A first start shows the chain the product exists for (issue 11, point 7): `npm start` on an
 * empty database, and a newcomer who has never signed in finds residents' answers turned into the
 * OPCC's published figures, each a sentence under its Police and Crime Plan section, each linked
 * to "You said, we did" results that show the same figure and what the Commissioner did.
 */


/** The figures as the OPCC published them (Q4 2021/22 performance report; Police and Crime Plan 2021-24), with their bases. */
const PUBLISHED = [
  { section: "Safer Communities", slug: "police-precept-2022-23", percent: "76.4%", n: 500, words: "of respondents want to see investment in Neighbourhood Policing" },
  { section: "Safer Communities", slug: "police-precept-2022-23", percent: "46.6%", n: 500, words: "of respondents want to see improved response times" },
  { section: "Safer Communities", slug: "police-precept-2022-23", percent: "91.4%", n: 500, words: "consider tackling anti-social behaviour a priority" },
  { section: "Safer Communities", slug: "police-precept-2022-23", percent: "60%", n: 500, words: "of respondents want to see more police officers" },
  { section: "Safer People", slug: "police-and-crime-survey-2021", percent: "34%", n: 200, words: "of victims of crime who responded did not report it" },
  { section: "Safer People", slug: "police-and-crime-survey-2021", percent: "68%", n: 600, words: "found it difficult to report issues" },
  { section: "Safer Communities", slug: "police-and-crime-survey-2021", percent: "6%", n: 600, words: "agree they receive regular crime prevention advice" },
];


for (const kind of serverDatabaseKinds()) {
  describe(`a first start shows the evidence chain [${kind}]`, () => {
    let app: AppProcess | undefined;
    let db: { url: string; drop(): Promise<void> } | undefined;
    afterAll(async () => {
      await stopApp(app);
      await db?.drop();
    });

    it("npm start on an empty database: the published figures are evidence statements, on the public evidence page and API, each linked to its results", async () => {
      db = await emptyServerDatabase(kind);
      app = await startApp({ buildDir: buildOnce(), databaseUrl: db.url, port: await freePort(), script: "scripts/start.ts", env: { SEED_DEMO: "true" } });

      const api = EvidenceApiSchema.parse(await (await fetch(`${app.url}/api/evidence.json`)).json());
      const sentences = api.statements.map((s) => ({ section: s.section.name, slug: s.consultation.slug, statement: s.statement, n: s.base.n }));
      expect(sentences).toEqual(
        expect.arrayContaining(PUBLISHED.map((p) => ({ section: p.section, slug: p.slug, statement: `${p.percent} ${p.words}`, n: p.n }))),
      );
      expect(api.statements).toHaveLength(PUBLISHED.length);
      // "34% of victims": the base is those who said they had been a victim, and says so.
      expect(api.statements.find((s) => s.question.id === "reported")!.base.description).toMatch(/victim/i);

      const evidence = htmlText(await (await fetch(`${app.url}/evidence`)).text());
      for (const p of PUBLISHED) expect(evidence).toContain(`${p.percent} ${p.words}`);

      const index = htmlText(await (await fetch(`${app.url}/results`)).text());
      expect(index).toContain("Police precept 2022/23 consultation");
      expect(index).toContain("Police and Crime Survey");

      // Each statement's link opens the public results at its question, which show what was done and the same figure.
      for (const s of api.statements) {
        const [page, anchor] = s.consultation.resultsUrl.split("#");
        expect(page).toBe(`${app.url}/consultations/${s.consultation.slug}/results`);
        expect(anchor).toBe(`q-${s.question.id}`);
        const reply = await fetch(page);
        expect(reply.status).toBe(200);
        const html = await reply.text();
        expect(html).toContain(`id="${anchor}"`);
        const shown = htmlText(html);
        expect(shown).toContain("You said, we did");
        expect(shown).toContain("What we did");
        // The statement itself, with the figure its table shows.
        expect(shown).toContain(s.statement!);
      }
      expect(htmlText(await (await fetch(`${app.url}/consultations/police-precept-2022-23/results`)).text())).toContain("Recruiting more officers is a key deliverable of the Police and Crime Plan");
    }, 240_000);
  });
}
