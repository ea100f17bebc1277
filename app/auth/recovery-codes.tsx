/** One-time recovery codes, shown once after they are made (set-up and "new codes"). */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <ul className="govuk-list app-recovery-codes">
      {codes.map((c) => (
        <li key={c}>
          <code>{c}</code>
        </li>
      ))}
    </ul>
  );
}
