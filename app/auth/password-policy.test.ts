import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordChangeProblems, passwordProblems } from "./password-policy";

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

describe("changing one's own password", () => {
  const good = "three random words here";
  it("asks for each field in turn, with what is wrong", () => {
    expect(passwordChangeProblems({ current: "", password: "", confirm: "" })).toEqual([
      { field: "current", message: "Enter your current password" },
      { field: "password", message: "Enter a new password" },
    ]);
    expect(passwordChangeProblems({ current: "old one", password: "short", confirm: "short" })).toEqual([{ field: "password", message: "Password must be 12 characters or more" }]);
    expect(passwordChangeProblems({ current: "old one", password: good, confirm: "three random word here" })).toEqual([
      { field: "confirm", message: "The passwords do not match: type the new password again" },
    ]);
    expect(passwordChangeProblems({ current: good, password: good, confirm: good })).toEqual([
      { field: "password", message: "Choose a new password that is different from your current one" },
    ]);
  });

  it("passes a good change, leaving the current password to be checked against its hash", () => {
    expect(passwordChangeProblems({ current: "the old passphrase", password: good, confirm: good })).toEqual([]);
  });
});
