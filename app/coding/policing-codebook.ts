import type { CodebookFile } from "./codebook";

/**
 * The starting codebook for policing consultations, built from the themes of the Police and
 * Crime Plan 2021-24 for County Durham and Darlington (Safer Communities, Safer People, Safer
 * Roads, Safer Countryside, Safer Online, Safer Business) and what residents raise about contact
 * with the police. Staff edit it from here; it is a start, not a fixed frame.
 */
const c = (key: string, name: string, definition: string, rules: string[], planSection: string | null, include = "", exclude = "") => ({
  key,
  name,
  definition,
  include,
  exclude,
  rules,
  planSection,
  examples: [],
  retired: false,
});

export const POLICING_CODEBOOK: CodebookFile = {
  format: "yoursay-codebook",
  formatVersion: 1,
  name: "Policing (starting codebook)",
  codes: [
    {
      ...c("crime", "Crime and disorder", "The answer is about a kind of crime or disorder where the resident lives.", [], "Safer Communities"),
      children: [
        c(
          "asb",
          "Anti-social behaviour",
          "Nuisance, rowdy or intimidating behaviour, vandalism, groups causing trouble, off-road bikes in estates.",
          ["anti-social", "antisocial", "asb", "youths", "vandal*", "nuisance"],
          "Safer Communities",
          "Off-road motorbikes ridden on estates and paths.",
          "Speeding or dangerous driving on roads (Speeding and road safety)."
        ),
        c(
          "drugs",
          "Drugs",
          "Drug dealing, drug use in public, county lines, drug-related crime.",
          ["drug*", "dealing", "dealer*", "cannabis", "county lines"],
          "Safer Communities"
        ),
        c(
          "burglary",
          "Burglary and theft",
          "Break-ins to homes, sheds and garages, theft from people or vehicles.",
          ["burglar*", "break-in*", "broken into", "theft", "stolen", "steal*"],
          "Safer Communities"
        ),
        c(
          "vawg",
          "Violence against women and girls",
          "Safety of women and girls: harassment, domestic abuse, stalking, sexual violence, feeling unsafe as a woman.",
          ["domestic abuse", "harass*", "stalk*", "women", "girls", "vawg"],
          "Safer People"
        ),
        c(
          "rural",
          "Rural crime",
          "Crime in the countryside: farm and machinery theft, livestock worrying, poaching, fly-tipping on land.",
          ["rural", "farm*", "livestock", "poach*", "fly-tipping", "fly tipping"],
          "Safer Countryside"
        ),
        c(
          "online",
          "Online crime and fraud",
          "Scams, fraud, online abuse and crime committed online.",
          ["scam*", "fraud*", "online", "phishing"],
          "Safer Online"
        ),
        c(
          "shops",
          "Business and shop crime",
          "Shoplifting, crime against businesses and their staff.",
          ["shoplift*", "shop staff", "business*"],
          "Safer Business"
        ),
      ],
    },
    {
      ...c("roads", "Roads", "The answer is about roads and driving.", [], "Safer Roads"),
      children: [
        c(
          "speeding",
          "Speeding and road safety",
          "Speeding, racing, dangerous or careless driving, road safety near schools.",
          ["speed*", "racing", "boy racers", "dangerous driving", "20mph", "30mph"],
          "Safer Roads"
        ),
        c("parking", "Parking", "Inconsiderate or illegal parking.", ["parking", "parked"], "Safer Roads"),
      ],
    },
    {
      ...c("police", "Policing and the police", "The answer is about the police service itself.", [], null),
      children: [
        c(
          "visible",
          "Visible and neighbourhood policing",
          "Wanting to see officers or PCSOs, foot patrols, a local team that knows the area.",
          ["visible", "patrol*", "on foot", "bobby", "pcso*", "neighbourhood team", "never see"],
          "Safer Communities"
        ),
        c(
          "contact",
          "Contacting the police and 101",
          "Getting through on 101, online reporting, phone waits, being passed around.",
          ["101", "get through", "on hold", "phone*", "online form"],
          null
        ),
        c(
          "response",
          "Response times",
          "How long the police took to come, or not coming at all.",
          ["response time*", "never came", "turn up", "turned up", "hours to"],
          null
        ),
        c(
          "victims",
          "Keeping victims informed",
          "Being kept up to date after reporting, victim support, feeling listened to.",
          ["kept informed", "update*", "heard nothing", "victim support"],
          "Safer People"
        ),
        c("praise", "Praise for the police", "Thanks or praise for officers, staff or a team.", ["thank*", "well done", "great job", "brilliant"], null),
        c(
          "trust",
          "Trust and confidence",
          "Whether the resident trusts the police or believes reporting makes a difference.",
          ["trust", "confidence", "pointless", "waste of time"],
          null
        ),
      ],
    },
    {
      ...c("other", "Other matters", "Matters that are not about a crime or the police service.", [], null),
      children: [
        c(
          "funding",
          "Council tax and funding",
          "The policing part of council tax, budgets, value for money.",
          ["council tax", "precept", "funding", "money"],
          null
        ),
        c("survey", "About this survey", "Comments about the survey itself.", ["survey", "questionnaire"], null),
      ],
    },
  ],
};
