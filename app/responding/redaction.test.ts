import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, redact, REDACTED } from "./redaction";

describe("redact", () => {
  it.each([
    ["email me at jo.bloggs+x@example.co.uk please", "email me at [redacted] please", "email"],
    ["Ring me on 07700 900123 or later", "Ring me on [redacted] or later", "phone number"],
    ["call +44 7700 900123.", "call [redacted].", "phone number"],
    ["landline (0191) 386 1234 today", "landline [redacted] today", "phone number"],
    ["I live at DH1 3HP near the park", "I live at [redacted] near the park", "postcode"],
    ["postcode dl3 7ab", "postcode [redacted]", "postcode"],
    ["the car was AB12 CDE again", "the car was [redacted] again", "vehicle registration"],
    ["my NI number is JM 12 34 56 C", "my NI number is [redacted]", "national insurance number"],
    // Issue 12, reproduction 11: each of these got through.
    ["text 07700.900.123 after six", "text [redacted] after six", "phone number"],
    ["ring 0 7 7 0 0 9 0 0 1 2 3 any time", "ring [redacted] any time", "phone number"],
    ["or 07700  900  123", "or [redacted]", "phone number"],
    ["I am at DH1  3LE by the shop", "I am at [redacted] by the shop", "postcode"],
    ["NI JG-10-37-59-A thanks", "NI [redacted] thanks", "national insurance number"],
    ["write to name dot person at example dot com today", "write to [redacted] today", "email"],
    ["write to name(at)example(dot)org", "write to [redacted]", "email"],
    ["mail jo＠example.com now", "mail [redacted] now", "email"],
    ["ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[redacted]", "email"],
    ["call ０７７００ ９００１２３", "call [redacted]", "phone number"],
    ["my postcode is D H 1 3 L E ok", "my postcode is [redacted] ok", "postcode"],
    ["j o . b l o g g s @ e x a m p l e . c o m", "[redacted]", "email"],
    ["plate A B 1 2 C D E seen", "plate [redacted] seen", "vehicle registration"],
  ])("redacts %s", (input, expected, kind) => {
    const result = redact(input);
    expect(result.text).toBe(expected);
    expect(result.found).toContain(kind);
  });

  it("leaves ordinary text, numbers and outward codes alone", () => {
    const text = "There were 12 cars speeding in DH1 between 3 and 4pm, about 1000 yards from the school.";
    expect(redact(text)).toEqual({ text, found: [] });
  });

  it.each([
    "I would pay £10 a year more for Band D in 2027/28.",
    "Cars do 50 in the 30mph zone on the A167 every day.",
    "I rang 101 twice and 999 once in 2024.",
    "Precept up 4.9% (about £15.64), from £308.81 to £324.45.",
    "We meet at the park at 7.30 on Tuesdays.",
    "Bands A to H, 1 in 3 people, 60% agree, 0.5 of a PCSO.",
    "I live in DH1 and work in DL3, near the A1(M) junction 59.",
    "Meet me at home. Then we walk at 6.",
    "Policing costs £1.20 a week for Band D; 2023 2024 2025 were worse.",
  ])("leaves %s alone", (text) => {
    expect(redact(text)).toEqual({ text, found: [] });
  });

  it("folds one character for one", () => {
    expect(fold("ａ＠ｂ．ｃｏｍ\u00a0－")).toBe("a@b.com -");
    expect(fold("plain")).toBe("plain");
  });

  // Generated variants of each kind: separators, full-width characters, spelled-out and spaced-out forms.
  const sep = fc.constantFrom("", " ", "  ", ".", "-", " - ");
  const maybeWide = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((wide) => [...s].map((c, i) => (wide[i] && c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join(""));
  const joinWith = (parts: string[], seps: string[]) => parts.map((p, i) => (i ? seps[i - 1] : "") + p).join("");
  const around = (pii: string) => fc.tuple(fc.constantFrom("Contact ", "It is ", "", "see: "), fc.constantFrom(" please.", " thanks", "", " today")).map(([a, b]) => ({ pii, text: `${a}${pii}${b}` }));

  const mobile = fc
    .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.array(fc.constantFrom("", " ", "  ", ".", "-"), { minLength: 10, maxLength: 10 }))
    .map(([digits, seps]) => joinWith(["0", "7", ...digits.map(String)], seps))
    .chain(maybeWide);
  const postcode = fc
    .tuple(fc.constantFrom("DH1", "DL3", "SR8", "TS21", "NE1", "DH98"), fc.integer({ min: 0, max: 9 }), fc.constantFrom("AB", "LE", "HP", "NW", "ZZ"), fc.constantFrom(" ", "  ", "", "   "), fc.boolean())
    .map(([out, d, inw, s, lower]) => {
      const p = `${out}${s}${d}${inw}`;
      return lower ? p.toLowerCase() : p;
    })
    .chain(maybeWide);
  const ni = fc
    .tuple(fc.constantFrom("JG", "AB", "CE", "WL"), fc.array(fc.integer({ min: 10, max: 99 }), { minLength: 3, maxLength: 3 }), fc.constantFrom("A", "B", "C", "D"), fc.array(sep, { minLength: 4, maxLength: 4 }))
    .map(([p, nums, s, seps]) => joinWith([p, ...nums.map(String), s], seps))
    .chain(maybeWide);
  const name = fc.stringMatching(/^[a-z]{2,8}$/);
  const email = fc
    .tuple(name, name, fc.constantFrom("example", "durham-pcc", "mail"), fc.constantFrom("com", "org", "co.uk", "gov.uk"), fc.integer({ min: 0, max: 3 }))
    .chain(([a, b, domain, tld, style]) => {
      if (style === 0) return maybeWide(`${a}.${b}@${domain}.${tld}`);
      if (style === 1) return fc.constant(`${a} dot ${b} at ${domain} dot ${tld.replace(".", " dot ")}`);
      if (style === 2) return fc.constant(`${a}(at)${domain}(dot)${tld.replace(".", "(dot)")}`);
      return fc.constant([...`${a}@${domain}.${tld}`].join(" "));
    });

  for (const [kind, arb] of [
    ["phone number", mobile],
    ["postcode", postcode],
    ["national insurance number", ni],
    ["email", email],
  ] as const) {
    it(`catches generated ${kind} variants`, () => {
      fc.assert(
        fc.property(arb.chain(around), ({ pii, text }) => {
          const result = redact(text);
          expect(result.text, JSON.stringify(text)).toContain(REDACTED);
          // None of the identifying characters is left: at most separators remain of it.
          const digitsOrLetters = (s: string) => fold(s).replace(/[^A-Za-z0-9]/g, "");
          expect(digitsOrLetters(result.text)).not.toContain(digitsOrLetters(pii));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("leaves generated everyday sentences with numbers alone", () => {
    const word = fc.constantFrom("I", "we", "the", "police", "would", "pay", "more", "for", "Band", "D", "a", "year", "in", "on", "at", "night", "patrols", "speeding", "cars");
    const number = fc.constantFrom("£10", "£1.20", "2027/28", "30mph", "101", "999", "4.9%", "60%", "1 in 3", "2024", "A167", "DH1", "7.30", "3 or 4", "12", "1000");
    fc.assert(
      fc.property(fc.array(fc.oneof(word, number), { minLength: 3, maxLength: 14 }), (tokens) => {
        const text = `${tokens.join(" ")}.`;
        expect(redact(text), text).toEqual({ text, found: [] });
      }),
      { numRuns: 500 },
    );
  });
});
