/**
 * One rounding rule for every figure Your Say shows: round half away from zero, decided on the
 * exact value in integer (BigInt) arithmetic. A percentage is rounded from its count and base
 * (51 of 80 is exactly 63.75%, shown as 63.8; 7 of 400 is exactly 1.75%, shown as 1.8), never
 * from a floating-point quotient, where `Math.round(x * 10) / 10` decides an exact half by
 * representation error (51 / 80 * 100 is 63.74999… in binary, so it went down while 1.75 went
 * up). Mean ranks, average scores and changes in percentage points are ratios of integers too
 * and are rounded the same way. Only a figure that is not a ratio of counts (a Wilson bound, a
 * p-value) is rounded from its double, and then from the double's exact binary value, so the
 * same double always rounds the same way in every output.
 *
 * Half away from zero is the convention of the ONS and the GSS ("Rounding policy"; Office for
 * National Statistics, "Rounding and suppression" in its statistical outputs) and of
 * spreadsheets' ROUND, so a reader who checks a figure by hand gets the same digits.
 */

const TEN = 10n;

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * numerator / denominator × 10^decimals, rounded half away from zero, as an integer: the
 * figure's digits with the decimal point removed.
 */
export function roundRatio(numerator: bigint | number, denominator: bigint | number, decimals: number): bigint {
  let num = BigInt(numerator);
  let den = BigInt(denominator);
  if (den === 0n) throw new RangeError("roundRatio: the denominator is zero");
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const scaled = abs(num) * TEN ** BigInt(decimals);
  // floor(scaled / den + 1/2) for a non-negative scaled: the half goes up, away from zero.
  const rounded = (2n * scaled + den) / (2n * den);
  return num < 0n ? -rounded : rounded;
}

/** Digits with the decimal point put back: (6375n, 2) → "63.75"; trailing zeros kept unless trimmed. */
export function decimalText(scaled: bigint, decimals: number, { trim = false } = {}): string {
  const negative = scaled < 0n;
  const digits = abs(scaled).toString().padStart(decimals + 1, "0");
  let whole = decimals ? digits.slice(0, -decimals) : digits;
  let fraction = decimals ? digits.slice(-decimals) : "";
  if (trim) fraction = fraction.replace(/0+$/, "");
  whole = whole.replace(/^0+(?=\d)/, "");
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** The exact value of a finite double as a fraction of integers (every double is m × 2^e). */
export function exactFraction(x: number): { numerator: bigint; denominator: bigint } {
  if (!Number.isFinite(x)) throw new RangeError(`exactFraction: ${x} is not finite`);
  if (Number.isInteger(x)) return { numerator: BigInt(x), denominator: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let power: number;
  if (exponent === 0) {
    power = -1074;
  } else {
    mantissa |= 1n << 52n;
    power = exponent - 1075;
  }
  // x is not an integer, so power < 0.
  return { numerator: sign * mantissa, denominator: 1n << BigInt(-power) };
}

/** A double rounded half away from zero from its exact binary value, as text. */
export function roundNumberText(x: number, decimals: number, options: { trim?: boolean } = {}): string {
  const { numerator, denominator } = exactFraction(x);
  return decimalText(roundRatio(numerator, denominator, decimals), decimals, options);
}

/** A double rounded half away from zero from its exact binary value (a number, for JSON). */
export function roundNumber(x: number, decimals: number): number {
  return Number(roundNumberText(x, decimals));
}

/** count / base as a percentage to one decimal place: "63.8", "60" (a trailing .0 is dropped). */
export function percentText(count: number, base: number): string | null {
  if (base <= 0) return null;
  return decimalText(roundRatio(BigInt(count) * 100n, BigInt(base), 1), 1, { trim: true });
}

/** count / base as a percentage to one decimal place, as a number (the value behind percentText). */
export function percentOf(count: number, base: number): number | null {
  const text = percentText(count, base);
  return text === null ? null : Number(text);
}

/** A ratio of integers to a fixed number of decimal places: mean rank 170 / 90 → "1.89". */
export function ratioText(numerator: number | bigint, denominator: number | bigint, decimals: number): string | null {
  if (BigInt(denominator) === 0n) return null;
  return decimalText(roundRatio(numerator, denominator, decimals), decimals);
}

/**
 * The change from count1/base1 to count2/base2 in percentage points, to one decimal place,
 * from the exact difference (count2·base1 − count1·base2)·100 / (base1·base2).
 */
export function pointsBetween(count1: number, base1: number, count2: number, base2: number): number | null {
  if (base1 <= 0 || base2 <= 0) return null;
  const numerator = (BigInt(count2) * BigInt(base1) - BigInt(count1) * BigInt(base2)) * 100n;
  return Number(decimalText(roundRatio(numerator, BigInt(base1) * BigInt(base2), 1), 1));
}
