/**
 * Staff password rules (NCSC / ASVS): at least 12 characters, no upper limit worth meeting in
 * practice, no composition rules, and not one of the passwords attackers try first.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// A short list of the commonest passwords of 12 characters or more (breach corpora), plus
// obvious service-specific ones. Compared case-insensitively.
const COMMON = new Set([
  "123456789012",
  "1234567890123",
  "12345678910",
  "123456789101",
  "qwertyuiop12",
  "qwertyuiopas",
  "qwertyuiop123",
  "passwordpassword",
  "password1234",
  "password12345",
  "password123456",
  "password123!",
  "passw0rd1234",
  "iloveyou1234",
  "welcome12345",
  "welcome123456",
  "letmein12345",
  "administrator",
  "administrator1",
  "changeme1234",
  "trustno1trustno1",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "zaq12wsxcde3",
  "abcdefghijkl",
  "abc123456789",
  "aaaaaaaaaaaa",
  "111111111111",
  "000000000000",
  "football1234",
  "sunshine1234",
  "princess1234",
  "monkey123456",
  "superman1234",
  "starwars1234",
  "yoursay12345",
  "yoursaypassword",
  "durhampolice",
  "durhampolice1",
  "policeandcrime",
  "darlington123",
  "countydurham1",
]);

export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`Password must be ${MIN_PASSWORD_LENGTH} characters or more`);
  if ([...password].length > MAX_PASSWORD_LENGTH) problems.push(`Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`);
  if (COMMON.has(password.toLowerCase())) problems.push("Password is too common; choose one that is harder to guess, such as three random words");
  return problems;
}

/**
 * A staff member changing their own password: what is wrong with the form, field by field, in
 * the order the fields appear. Whether the current password is right is checked afterwards,
 * against its hash, only when nothing else is wrong.
 */
export function passwordChangeProblems({ current, password, confirm }: { current: string; password: string; confirm: string }): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (current === "") errors.push({ field: "current", message: "Enter your current password" });
  const problems = passwordProblems(password);
  if (password === "") errors.push({ field: "password", message: "Enter a new password" });
  else if (problems.length) errors.push({ field: "password", message: problems[0] });
  else if (password === current) errors.push({ field: "password", message: "Choose a new password that is different from your current one" });
  if (password !== "" && confirm !== password) errors.push({ field: "confirm", message: "The passwords do not match: type the new password again" });
  return errors;
}
