import leven from 'leven';

/*
 * "Did you mean": the closest of the names a value could have been, for errors about a misspelt
 * key, prop or rule id. leven (MIT) measures the edit distance.
 */

/**
 * The known name closest to `value` (case-insensitive), when it is close enough to be a typo: at
 * most a third of its length away (at least 2 edits allowed), or equal ignoring case and separators.
 */
export function closest(value: string, known: Iterable<string>): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_.: ]/g, '');
  // A name the value begins (`repo` of `repository`) is what was meant, before any near spelling.
  const extensions = [...known].filter((name) => fold(value).length >= 3 && fold(name).startsWith(fold(value)) && fold(name) !== fold(value));
  if (extensions.length > 0) {
    return extensions.sort((a, b) => a.length - b.length)[0];
  }
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = fold(name) === fold(value) ? 0 : leven(value.toLowerCase(), name.toLowerCase());
    if (best === undefined || distance < best.distance) {
      best = { name, distance };
    }
  }
  if (best === undefined) {
    return undefined;
  }
  return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** ` Did you mean "x"?` when a known name is close, else ''. */
export function didYouMean(value: string, known: Iterable<string>): string {
  const match = closest(value, known);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
