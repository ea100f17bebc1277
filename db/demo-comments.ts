/**
 * Synthetic written comments for the demo and the tests: sentences put together from templates
 * by a seeded generator, each labelled with the codes (keys of the starting policing codebook)
 * that a careful analyst would apply. Invented for this purpose; not taken from any real answer.
 */

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const PLACES = [
  "the village",
  "our estate",
  "the town centre",
  "the high street",
  "the park",
  "the back lane",
  "the main road",
  "our street",
  "the bus station",
  "the school",
];
const TIMES = ["every night", "at weekends", "most evenings", "after dark", "in the school holidays", "for months now", "every summer"];

const THEMES: Record<string, ((rng: Rng) => string)[]> = {
  asb: [
    (r) => `Groups of youths hanging around ${pick(r, PLACES)} ${pick(r, TIMES)}, shouting and throwing things.`,
    (r) => `Anti-social behaviour near ${pick(r, PLACES)} has got worse and people feel intimidated.`,
    (r) => `Off-road bikes tearing round ${pick(r, PLACES)} ${pick(r, TIMES)}. Somebody will get hurt.`,
    (r) => `Vandalism to the bus shelter and cars on ${pick(r, PLACES)}.`,
  ],
  drugs: [
    (r) => `Drug dealing goes on openly in ${pick(r, PLACES)} ${pick(r, TIMES)}.`,
    (r) => `You can smell cannabis all over ${pick(r, PLACES)} and everyone knows who the dealers are.`,
    () => `County lines gangs are using young people to sell drugs round here.`,
  ],
  burglary: [
    (r) => `Our shed was broken into and tools stolen, and two neighbours have had the same ${pick(r, TIMES)}.`,
    (r) => `There have been burglaries on ${pick(r, PLACES)} and people are worried about going away.`,
    () => `My car was broken into on the drive and nothing came of it.`,
  ],
  vawg: [
    (r) => `As a woman I do not feel safe walking through ${pick(r, PLACES)} ${pick(r, TIMES)}.`,
    () => `My daughter gets harassed on the way home from college and she has stopped going out.`,
    () => `More needs to be done about domestic abuse. Women need to know they will be believed.`,
  ],
  rural: [
    () => `Farm machinery and quad bikes keep being stolen from farms round here.`,
    () => `Hare coursing and poaching on our land, and the rural team is stretched too thin.`,
    () => `Fly tipping in the lanes is constant and nobody is ever caught.`,
  ],
  online: [
    () => `My mother lost money to a phone scam and it felt like nobody was interested.`,
    () => `Online fraud is the crime most people I know have suffered, not burglary.`,
    () => `Scam texts and emails every day. Older people need more advice.`,
  ],
  speeding: [
    (r) => `Speeding on ${pick(r, PLACES)} is a constant worry, cars go far too fast past the school.`,
    (r) => `Boy racers use ${pick(r, PLACES)} as a race track ${pick(r, TIMES)}.`,
    () => `We need speed cameras or checks on the road through the village. Dangerous driving is daily.`,
    () => `Cars racing each other late at night, it is only a matter of time before someone is killed.`,
  ],
  parking: [
    () => `Parking on the pavements outside the school means children have to walk in the road.`,
    () => `Inconsiderate parking blocks the bus route every morning.`,
  ],
  visible: [
    (r) => `We never see a police officer in ${pick(r, PLACES)} any more. Bring back bobbies on foot.`,
    () => `More visible policing please. A PCSO who knows the area makes all the difference.`,
    (r) => `Patrols in ${pick(r, PLACES)} ${pick(r, TIMES)} would stop a lot of this.`,
  ],
  contact: [
    () => `I rang 101 and was on hold for forty minutes before giving up.`,
    () => `It is very hard to get through on 101, and the online form kept timing out.`,
    () => `Nobody answers the phone, so people just do not bother reporting things.`,
  ],
  response: [
    () => `When I reported a break-in it took hours for anyone to turn up.`,
    () => `I called about a fight in the street and the police never came.`,
    () => `Response times are far too slow in the rural areas.`,
  ],
  victims: [() => `After I reported it I heard nothing for weeks. Keep victims informed.`, () => `Nobody updated me on my case and I had to chase it myself.`],
  praise: [
    () => `Thank you to the neighbourhood team, they have been very helpful.`,
    () => `The officer who came out to us was brilliant and really listened.`,
    () => `Well done to the police for the work on the estate last year.`,
  ],
  trust: [
    () => `People have lost confidence that reporting anything makes a difference.`,
    () => `Honestly it feels pointless reporting crime, it is a waste of time.`,
  ],
  funding: [() => `I do not mind paying more council tax if it means more officers.`, () => `The precept keeps going up but we see less for our money.`],
  survey: [() => `This survey was too long.`, () => `Good to be asked, I hope someone reads this survey.`],
};

const FILLERS = ["", "", " Please do something.", " It has been like this for years.", " Thank you for asking.", " I hope this helps."];

/** Theme keys, with how often residents raise each (weights), shaped on the plan's priorities. */
const WEIGHTS: [string, number][] = [
  ["asb", 18],
  ["speeding", 16],
  ["visible", 15],
  ["drugs", 10],
  ["contact", 9],
  ["burglary", 6],
  ["response", 6],
  ["praise", 5],
  ["vawg", 4],
  ["trust", 4],
  ["online", 3],
  ["rural", 3],
  ["parking", 3],
  ["victims", 3],
  ["funding", 2],
  ["survey", 1],
];

function weighted(rng: Rng): string {
  const total = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [k, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return k;
  }
  return WEIGHTS[0][0];
}

/** One comment: one theme, sometimes two, with the codes that fit it. */
export function demoComment(rng: Rng): { text: string; codes: string[] } {
  const first = weighted(rng);
  const themes = [first];
  if (rng() < 0.3) {
    const second = weighted(rng);
    if (second !== first) themes.push(second);
  }
  const text = themes.map((t) => pick(rng, THEMES[t])(rng)).join(" ") + pick(rng, FILLERS);
  return { text, codes: themes };
}
