/**
 * The answers to a "support each proposal" precept question: one set of words, used on the
 * question page and read back on check your answers, so the resident sees there exactly the
 * answer they chose ("I do not support this increase", not an internal "Oppose").
 */
export const SUPPORT_CHOICES = [
  { id: "support", label: "I support this increase" },
  { id: "oppose", label: "I do not support this increase" },
  { id: "dont_know", label: "Don't know" },
] as const;

export type SupportChoice = (typeof SUPPORT_CHOICES)[number]["id"];

export function isSupportChoice(value: string): value is SupportChoice {
  return SUPPORT_CHOICES.some((c) => c.id === value);
}

export function supportLabel(choice: SupportChoice): string {
  return SUPPORT_CHOICES.find((c) => c.id === choice)!.label;
}
