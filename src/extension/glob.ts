// `ignore` globs from front-contacts.config.json, matched against paths relative to the config file.
// Supports `**`, `*`, `?`, `{a,b}` and `[...]`; a pattern without a slash matches at any depth,
// and a pattern that names a folder matches everything inside it (as in .gitignore).

export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  const anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  if (g.endsWith('/')) g = g.slice(0, -1);
  let re = '';
  let inBrace = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        const atEnd = i + 2 === g.length || g[i + 2] === '/';
        if (atStart && atEnd) {
          i += 2; // consume '**' and the slash after it
          re += i >= g.length ? '.*' : '(?:.*/)?';
          continue;
        }
        re += '[^/]*';
        i++;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBrace++;
      re += '(?:';
    } else if (c === '}' && inBrace) {
      inBrace--;
      re += ')';
    } else if (c === ',' && inBrace) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let body = g.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const prefix = anchored || g.includes('/') ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${re}(?:/.*)?$`);
}

/** A matcher for paths relative to the config's folder ('/'-separated). */
export function compileIgnore(globs: readonly string[]): (relativePath: string) => boolean {
  const res = globs.filter((g) => g.trim() && !g.trim().startsWith('#')).map(globToRegExp);
  return (rel) => {
    const p = rel.replace(/\\/g, '/');
    return res.some((r) => r.test(p));
  };
}
