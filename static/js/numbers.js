// Numbers as a person reads them: how much picture is left, and σ rounded, in powers of ten when huge.

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** "0.0 % picture" … "100.0 % picture": ᾱ_t, the share of the picture's signal still in x_t. */
export function pictureShare(alphaBar) {
  return `${(alphaBar * 100).toFixed(1)} % picture`;
}

/** σ with two significant digits: 0.52, 3.1, 47, then 2.0 × 10⁴ instead of 20,291. */
export function formatSigma(sigma) {
  if (!Number.isFinite(sigma)) return "∞";
  if (sigma < 100) return sigma.toPrecision(2);
  const [mantissa, exponent] = sigma.toExponential(1).split("e");
  const power = [...String(Number(exponent))].map((c) => SUPERSCRIPT[c]).join("");
  return `${mantissa} × 10${power}`;
}
