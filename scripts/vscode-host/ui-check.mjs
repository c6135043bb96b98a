// UI check as a person would do it, in the real workbench (code-server + headless Chromium) with the
// packaged .vsix installed: open the example app, run "Front Contacts: Scan Workspace" from the command
// palette, read the Problems panel, open the light-bulb (Ctrl+.) on a team-contacts-endpoint finding,
// pick the fix and check the editor text changed. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { codeServerCli, launchChromium, startServer } from './server.mjs';

const RULE = 'team-contacts-endpoint';
const FIX_TITLE = `Fix this ${RULE} problem`;

/** @param {{ vsix: string, folder: string, screenshotDir: string }} o  @returns {Promise<number>} exit code */
export async function uiCheck(o) {
  const t0 = Date.now();
  mkdirSync(o.screenshotDir, { recursive: true });
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const state = mkdtempSync(join(tmpdir(), 'fc-ui-'));
  mkdirSync(join(state, 'exts'), { recursive: true });
  mkdirSync(join(state, 'ud'), { recursive: true });
  // Installed the way a user installs it: from the .vsix file.
  const installed = await codeServerCli(state, ['--install-extension', o.vsix]);
  console.log(installed.trim().split('\n').filter((l) => /install/i.test(l)).join('\n'));
  const listed = await codeServerCli(state, ['--list-extensions', '--show-versions']);
  if (!/front-contacts\.front-contacts@/.test(listed)) throw new Error(`extension not installed from ${o.vsix}:\n${listed}`);
  const server = await startServer({ state });
  const browser = await launchChromium(chromium, state);
  const shot = (name) => page.screenshot({ path: join(o.screenshotDir, name) }).then(() => console.log(`screenshot test-results/${name}`));
  let page;
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(o.folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });

    // Command palette -> Front Contacts: Scan Workspace (activates the extension through its command).
    await runCommand(page, 'Front Contacts: Scan Workspace');
    await page.waitForTimeout(3000);
    await shot('vscode-after-scan-command.png');
    await page.keyboard.press('Control+Shift+M');
    const rowsLoc = page.locator('.markers-panel .monaco-list-row');
    await rowsLoc.filter({ hasText: RULE }).first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000); // let the scan finish filling the panel
    // File rows are collapsible headers; expand them all so every finding is listed.
    const rows = (await rowsLoc.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`Problems panel (${rows.length} rows):\n  ${rows.join('\n  ')}`);
    const findingRows = rows.filter((r) => /front-contacts\(/.test(r) || r.includes(RULE));
    check(findingRows.some((r) => r.includes(RULE)), `Problems panel lists ${RULE} findings`);
    await shot('vscode-problems-panel.png');

    // Go to the first team-contacts-endpoint problem and open the quick-fix menu there.
    await rowsLoc.filter({ hasText: RULE }).first().click();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    const fileBefore = await editorText(page);
    const title = (await page.title()) || '';
    const fixedFile = title.split(/ [-—] /)[0];
    // The editor has the problem selected (opened from the Problems panel): focus it and open the quick-fix menu.
    await page.keyboard.press('Control+1');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+.');
    const menuWith = page.locator('.action-widget', { hasText: FIX_TITLE }).first();
    // On a loaded machine the code actions (computed in the extension's worker) can take many seconds.
    if (!(await menuWith.waitFor({ timeout: 20_000 }).then(() => true, () => false))) {
      // The keyboard shortcut did not reach the editor: close whatever menu opened instead, then click the
      // light bulb in the gutter like a user.
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
      await page.locator('.lightBulbWidget').first().click({ timeout: 30_000 });
    }
    await menuWith.waitFor({ timeout: 30_000 });
    const items = (await page.locator('.action-widget').allInnerTexts()).join('\n').split('\n').map((s) => s.trim()).filter(Boolean);
    console.log(`light-bulb menu: ${JSON.stringify(items)}`);
    check(items.includes(FIX_TITLE), `light-bulb menu offers "${FIX_TITLE}"`);
    check(items.some((i) => i.startsWith(`Fix all ${RULE} problems`)), 'light-bulb menu offers fix-all for the rule');
    await shot('vscode-lightbulb-menu.png');
    await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().click();
    await page.waitForTimeout(1000);
    const fileAfter = await editorText(page);
    const removed = fileBefore.split('\n').filter((l) => l.includes('/teams/') && !fileAfter.includes(l));
    check(fileAfter !== fileBefore && removed.length > 0, `applying the fix changed the text of ${fixedFile}: ${JSON.stringify(removed)} -> ${JSON.stringify(fileAfter.split('\n').filter((l) => !fileBefore.includes(l)))}`);
    await shot('vscode-after-fix.png');
  } catch (e) {
    console.error('UI CHECK ERROR', e);
    if (page) await shot('vscode-ui-error.png').catch(() => {});
    failures.push(String(e?.message ?? e));
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`${failures.length ? 'UI CHECK FAILED' : 'UI CHECK PASSED'} (${basename(o.folder)}, ${Date.now() - t0} ms)`);
  return failures.length ? 1 : 0;
}

/** Runs a command from the command palette; retries while the extension's contributions are still loading. */
async function runCommand(page, label, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3_000 });
      await row.click();
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (Date.now() > end) throw e;
      await page.waitForTimeout(2_000);
    }
  }
}

/** The visible lines of the active editor, top to bottom. */
async function editorText(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')];
    return lines
      .map((l) => ({ top: parseFloat(l.style.top || '0'), text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n');
  });
}

if (process.argv[1] && process.argv[1].endsWith('ui-check.mjs')) {
  const [vsix, folder, dir = 'test-results'] = process.argv.slice(2);
  if (!vsix || !existsSync(vsix) || !folder) {
    console.error('usage: node scripts/vscode-host/ui-check.mjs <file.vsix> <folder> [screenshotDir]');
    process.exit(2);
  }
  process.exit(await uiCheck({ vsix, folder, screenshotDir: dir }));
}
