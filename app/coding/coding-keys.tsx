import { useNavigate } from "@remix-run/react";
import { useEffect, type RefObject } from "react";
import { useHydrated } from "~/ui/use-hydrated";

/**
 * The coding pages' keyboard, for when JavaScript runs (everything also works by form and link):
 *   n / j  next answer            p / k  previous answer
 *   1-99   apply or remove code n s      save (and go to the next answer)
 *   /      find a code by name    u      undo your last save
 * Keys are ignored while typing in a field. Every change is announced through the page's live
 * region (#coding-announcer), so a screen reader user hears what a key did.
 */

export const SHORTCUTS: [string, string][] = [
  ["n or j", "next answer"],
  ["p or k", "previous answer"],
  ["1 to 99", "apply or remove the code with that number"],
  ["/", "find a code by typing its name, then Enter"],
  ["s", "save and go to the next answer"],
  ["u", "undo your last save"],
];

export function announce(message: string) {
  const region = document.getElementById("coding-announcer");
  if (!region) return;
  // Cleared first so the same message twice is still announced.
  region.textContent = "";
  window.setTimeout(() => (region.textContent = message), 30);
}

function checkboxFor(n: number): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(`input[data-code-number="${n}"]`);
}

function labelOf(input: HTMLInputElement): string {
  return input.closest<HTMLElement>("[data-code-label]")?.dataset.codeLabel ?? "code";
}

function toggle(input: HTMLInputElement) {
  input.click();
  announce(`${input.checked ? "Applied" : "Removed"} ${labelOf(input)}`);
}

export function useCodingKeys({
  form,
  next,
  previous,
  undo,
  find,
}: {
  form: RefObject<HTMLFormElement>;
  next: string | null;
  previous: string | null;
  undo: RefObject<HTMLFormElement>;
  find: RefObject<HTMLInputElement>;
}) {
  const navigate = useNavigate();
  useEffect(() => {
    let digits = "";
    let timer: number | undefined;
    const count = document.querySelectorAll("input[data-code-number]").length;
    const applyDigits = () => {
      const n = Number(digits);
      digits = "";
      const input = checkboxFor(n);
      if (input) toggle(input);
      else announce(`There is no code ${n}`);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input:not([type=checkbox]):not([type=radio]), textarea, select")) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        digits += e.key;
        window.clearTimeout(timer);
        // Wait for a second digit only when one could follow (code 1 of 25 might be 12).
        if (digits.length >= 2 || Number(digits) * 10 > count || digits === "0") applyDigits();
        else timer = window.setTimeout(applyDigits, 600);
        return;
      }
      switch (e.key) {
        case "n":
        case "j":
          if (next) {
            e.preventDefault();
            announce("Next answer");
            navigate(next);
          } else announce("This is the last answer in the list");
          break;
        case "p":
        case "k":
          if (previous) {
            e.preventDefault();
            announce("Previous answer");
            navigate(previous);
          } else announce("This is the first answer in the list");
          break;
        case "s":
          e.preventDefault();
          form.current?.requestSubmit();
          break;
        case "u":
          if (undo.current) {
            e.preventDefault();
            undo.current.requestSubmit();
          } else announce("Nothing to undo");
          break;
        case "/":
          e.preventDefault();
          find.current?.focus();
          break;
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      window.clearTimeout(timer);
    };
  }, [form, next, previous, undo, find, navigate]);
}

/** Type-ahead: filters the code list as you type; Enter applies the first match. Shown only with JavaScript. */
export function CodeFinder({ inputRef }: { inputRef: RefObject<HTMLInputElement> }) {
  const ready = useHydrated();
  if (!ready) return null;
  const items = () => [...document.querySelectorAll<HTMLElement>("[data-code-name]")];
  const filter = (text: string) => {
    const q = text.trim().toLowerCase();
    let shown = 0;
    for (const item of items()) {
      const match = !q || (item.dataset.codeName ?? "").includes(q);
      item.hidden = !match;
      if (match) shown++;
    }
    return shown;
  };
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor="code-finder">
        Find a code
      </label>
      <div id="code-finder-hint" className="govuk-hint">
        Type part of a code&apos;s name, then press Enter to apply or remove the first match. Escape goes back to the shortcuts.
      </div>
      <input
        ref={inputRef}
        className="govuk-input govuk-!-width-two-thirds"
        id="code-finder"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-describedby="code-finder-hint"
        onChange={(e) => {
          const shown = filter(e.currentTarget.value);
          announce(`${shown} ${shown === 1 ? "code matches" : "codes match"}`);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            const first = items()
              .find((i) => !i.hidden)
              ?.querySelector<HTMLInputElement>("input");
            if (first) toggle(first);
            e.currentTarget.value = "";
            filter("");
          } else if (e.key === "Escape") {
            e.currentTarget.value = "";
            filter("");
            e.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}
