// extensionTestsPath entry: loaded INSIDE the VS Code extension host by both runners
// (code-server offline, @vscode/test-electron). Runs every *.test.js next to it with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.FC_TEST_GREP) mocha.grep(process.env.FC_TEST_GREP);
  // Files run in name order; each file leaves the workspace as it found it.
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`MOCHA_RESULT failures=${failures}`);
      if (failures) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
