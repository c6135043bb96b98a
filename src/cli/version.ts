import pkg from '../../package.json';

/** The package version, bundled into dist/cli.js at build time. */
export const TOOL_VERSION: string = pkg.version;
