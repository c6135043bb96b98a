/**
 * A small JSON parser that also accepts comments and trailing commas (tsconfig.json style)
 * and reports errors with a 1-based line and column. JSON.parse's messages in Node 20 do
 * not always carry a position, and a config error must point at the right place.
 */

export class JsoncSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

export function parseJsonc(input: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let i = 0;

  const fail = (reason: string, at = i): never => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++)
      if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    throw new JsoncSyntaxError(reason, line, at - lineStart + 1);
  };
  const describe = () => (i >= text.length ? 'end of input' : `'${text[i]}'`);

  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) fail('unterminated comment');
        i = close + 2;
      } else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\n') fail('unterminated string', start);
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else fail(`bad escape '\\${e ?? ''}'`);
      } else {
        out += c;
        i++;
      }
    }
  };

  const parseValue = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skip();
      while (text[i] !== '}') {
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const key = parseString();
        skip();
        if (text[i] !== ':') fail(`expected ':' after property name, found ${describe()}`);
        i++;
        obj[key] = parseValue();
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== '}') fail(`expected ',' or '}', found ${describe()}`);
      }
      i++;
      return obj;
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skip();
      while (text[i] !== ']') {
        arr.push(parseValue());
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== ']') fail(`expected ',' or ']', found ${describe()}`);
      }
      i++;
      return arr;
    }
    if (c === '"') return parseString();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return fail(`unexpected ${describe()}`);
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
  };

  const value = parseValue();
  skip();
  if (i < text.length) fail(`unexpected ${describe()} after the value`);
  return value;
}
