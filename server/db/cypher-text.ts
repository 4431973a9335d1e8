/**
 * The statement text sent over Bolt. A `.cypher` file explains itself in comments and indents its
 * clauses for the reader; Neo4j needs neither. The driver frames a message in chunks of 1,400 bytes
 * and writes each chunk to the socket on its own, and every statement's text travels with every run,
 * so a 4 KB file cost three socket writes per call where its statement alone needs one or two (a
 * write on loopback costs about as much CPU as parsing a small row set). `compactCypher` drops
 * comments and the indentation and blank lines around them; everything inside string literals
 * ('…', "…") and quoted names (`…`) is kept exactly, and each line stays a line, so no two tokens
 * are ever joined.
 */

/** The statement without comments, leading and trailing blanks on each line, or empty lines. */
export function compactCypher(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  const skipBlanks = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  };
  skipBlanks();
  while (i < n) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      const end = stringEnd(text, i, c);
      out += text.slice(i, end);
      i = end;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1; // a doubled `` inside a name is two quoted runs in a row
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol; // the newline itself is kept
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      if (out !== '' && !/\s$/.test(out)) out += ' '; // `a/* … */b` is two tokens
      skipBlanks();
    } else if (c === '\n') {
      out = out.trimEnd();
      if (out !== '') out += '\n';
      i++;
      skipBlanks();
    } else {
      out += c;
      i++;
    }
  }
  return out.trimEnd();
}

/** Index just past the string literal that opens at `start` with `quote` (backslash escapes honoured). */
function stringEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
  }
  return text.length;
}
