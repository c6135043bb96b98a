/** A small, strict command-line parser: unknown options are usage errors, not ignored. */

export class UsageError extends Error {}

export interface OptionSpec {
  name: string;
  /** Placeholder shown in help for options that take a value. */
  value?: string;
  repeatable?: boolean;
  help: string;
}

export interface ParsedArgs {
  /** Flag options map to true; valued options to their value(s). */
  options: Map<string, string[] | true>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options = new Map<string, string[] | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) : arg === '-h' ? 'help' : arg.slice(1);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option ${eq > 0 ? arg.slice(0, eq) : arg}`);
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`option --${name} does not take a value`);
      options.set(name, true);
      continue;
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value (${spec.value})`);
      value = argv[++i];
    }
    const prev = options.get(name);
    if (prev && prev !== true && !spec.repeatable) throw new UsageError(`option --${name} given more than once`);
    options.set(name, prev && prev !== true ? [...prev, value] : [value]);
  }
  return { options, positionals };
}

export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return v === undefined || v === true ? undefined : v[v.length - 1];
}

export function optionValues(args: ParsedArgs, name: string): string[] {
  const v = args.options.get(name);
  return v === undefined || v === true ? [] : v;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

export function formatHelp(usage: string, description: string, specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => [`--${s.name}${s.value ? ` ${s.value}` : ''}`, s.help + (s.repeatable ? ' (repeatable)' : '')]);
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.map(([a, b]) => `  ${a.padEnd(width)}${b.replace(/\n/g, '\n' + ' '.repeat(width + 2))}`).join('\n')}\n`;
}
