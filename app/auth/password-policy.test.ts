import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems } from "./password-policy";

describe("staff password policy", () => {
  it("accepts a long passphrase with no composition rules", () => {
    expect(passwordProblems("correct horse battery staple")).toEqual([]);
    expect(passwordProblems("a".repeat(11) + "b")).toEqual([]);
  });

  it("needs at least 12 characters, counting characters rather than bytes", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblems("elevenchars")).toEqual(["Password must be 12 characters or more"]);
    // Twelve emoji are twelve characters, though 24 UTF-16 units.
    expect(passwordProblems("🔑".repeat(11))).toEqual(["Password must be 12 characters or more"]);
    expect(passwordProblems("🔑".repeat(12))).toEqual([]);
  });

  it("refuses common passwords whatever their case", () => {
    for (const common of ["password1234", "PASSWORD1234", "Qwertyuiop123", "durhampolice"]) {
      expect(passwordProblems(common)).toEqual(["Password is too common; choose one that is harder to guess, such as three random words"]);
    }
  });

  it("has an upper limit far above what people use", () => {
    expect(passwordProblems("x".repeat(MAX_PASSWORD_LENGTH))).toEqual([]);
    expect(passwordProblems("x".repeat(MAX_PASSWORD_LENGTH + 1))).toEqual([`Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`]);
  });
});
