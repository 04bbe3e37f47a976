/**
 * Category sets: the labels a statistic counts over, in a fixed order. Weighted kappas and ordinal
 * alpha read that order as the scale; interval and ratio alpha need every label to be a number.
 */

/** True when a label reads as a finite number ("3", "-0.5", "1e3"; not "" or "NaN"). */
function isNumericLabel(label: string): boolean {
  return label.trim() !== '' && Number.isFinite(Number(label));
}

/**
 * The distinct labels, in numeric order when every label is a number, else in lexicographic
 * (UTF-16 code unit) order, which is the same on every machine and locale.
 * Numeric labels of equal value ("1", "1.0") stay distinct, ordered by their text.
 */
export function inferCategories(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (distinct.length > 0 && distinct.every(isNumericLabel)) {
    return distinct.sort((a, b) => Number(a) - Number(b) || byText(a, b));
  }
  return distinct.sort(byText);
}

/** The numeric values of the categories, or null when some label is not a number. */
export function numericValues(categories: readonly string[]): Float64Array | null {
  if (!categories.every(isNumericLabel)) return null;
  return Float64Array.from(categories, Number);
}

/** Map from label to its index in the category set. Duplicate labels are refused. */
export function categoryIndex(categories: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  categories.forEach((c, i) => {
    if (index.has(c)) throw new Error(`category "${c}" is listed twice`);
    index.set(c, i);
  });
  return index;
}
