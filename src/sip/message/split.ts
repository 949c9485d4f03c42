/**
 * Splitting a header value into list elements on top-level commas (RFC 3261 §7.3.1): commas inside
 * quoted strings (with \-escapes) and inside <...> do not separate elements.
 */

/** Returns the elements trimmed; an empty element is kept (as "") so callers can refuse it. */
export function splitList(v: string): string[] {
  if (v.indexOf(',') < 0) return [v];
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (inQuote) {
      if (c === 92) i++;
      else if (c === 34) inQuote = false;
    } else if (c === 34) inQuote = true;
    else if (c === 60) inAngle = true;
    else if (c === 62) inAngle = false;
    else if (c === 44 && !inAngle) {
      out.push(v.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(v.slice(start).trim());
  return out;
}
