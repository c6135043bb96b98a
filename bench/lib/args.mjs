// `--name value` options of the benchmark scripts: option('runs', 5) is the value after --runs, or 5.
const args = process.argv.slice(2);

export const option = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};

export const flag = (name) => args.includes(`--${name}`);
