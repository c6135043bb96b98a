// UI check as a person would do it, in the real workbench (code-server + headless Chromium) with the
// packaged .vsix installed: open the example app, run "Front Contacts: Scan Workspace" from the command
// palette, read the Problems panel (a redirect finding with its related location), open the light-bulb
// (Ctrl+.) on a team-contacts-endpoint finding, pick the fix and check the editor text changed, read the
// language status item and open the output from it, open the migration walkthrough. Each screenshot in
// test-results/ is checked by what the page shows when it is taken.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { codeServerCli, launchChromium, startServer } from './server.mjs';

const RULE = 'team-contacts-endpoint';
// The safe fix's label says what it does: "Replace `/teams/${teamId}/contacts` with `/contacts`".
const FIX_TITLE = 'with `/contacts`';

/** @param {{ vsix: string, folder: string, screenshotDir: string }} o  @returns {Promise<number>} exit code */
export async function uiCheck(o) {
  const t0 = Date.now();
  mkdirSync(o.screenshotDir, { recursive: true });
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const state = mkdtempSync(join(tmpdir(), 'fc-ui-'));
  mkdirSync(join(state, 'exts'), { recursive: true });
  mkdirSync(join(state, 'ud', 'User'), { recursive: true });
  // No Welcome page at startup (it would cover the editor area in the screenshots); the walkthrough is opened later.
  writeFileSync(join(state, 'ud', 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }));
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
    await page.goto(`${server.url}/?folder=${encodeURIComponent(o.folder)}`, { timeout: 180_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });

    // Command palette -> Front Contacts: Scan Workspace.
    await runCommand(page, 'Front Contacts: Scan Workspace');
    await page.keyboard.press('Control+Shift+M');
    const rowsLoc = page.locator('.markers-panel .monaco-list-row');
    await rowsLoc.filter({ hasText: RULE }).first().waitFor({ timeout: 120_000 });
    // The scan's summary, in the notification center (a toast may have hidden already), next to the Problems panel.
    const SUMMARY = /Front Contacts: \d+ problems? in \d+ of \d+ files/;
    let summaryText = '';
    for (let i = 0; i < 60 && !SUMMARY.test(summaryText); i++) {
      await page.waitForTimeout(2000);
      summaryText = (await page.locator('.notifications-toasts, .notifications-center').allInnerTexts()).join(' ').replace(/\s+/g, ' ');
      if (!SUMMARY.test(summaryText) && i % 5 === 0) await runCommand(page, 'Notifications: Show Notifications');
    }
    check(SUMMARY.test(summaryText), `the scan's summary notification: ${summaryText.slice(0, 200)}`);
    await shot('vscode-after-scan-command.png');
    const rows = (await rowsLoc.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`Problems panel (${rows.length} rows):\n  ${rows.join('\n  ')}`);
    const findingRows = rows.filter((r) => /front-contacts\(/.test(r) || r.includes(RULE));
    check(findingRows.some((r) => r.includes(RULE)), `Problems panel lists ${RULE} findings`);
    // Related locations are rows under their problem: the option that turns redirects off in notes.ts.
    check(rows.some((r) => /followRedirect: false turns redirect following off here/.test(r)), 'Problems panel shows the related location of the notes.ts finding (followRedirect: false)');
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
    check(items.some((i) => i.startsWith('Replace `') && i.endsWith(FIX_TITLE)), 'light-bulb menu offers "Replace `…` with `/contacts`"');
    // ("Fix all … in this file" only shows with two fixable problems of the rule in the file.)
    check(items.includes(`Ignore \`${RULE}\` for this line`) && items.includes(`Ignore \`${RULE}\` for this file`), 'light-bulb menu offers the ignore actions');
    await shot('vscode-lightbulb-menu.png');
    await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().click();
    await page.waitForTimeout(1000);
    const fileAfter = await editorText(page);
    const removed = fileBefore.split('\n').filter((l) => l.includes('/teams/') && !fileAfter.includes(l));
    check(fileAfter !== fileBefore && removed.length > 0, `applying the fix changed the text of ${fixedFile}: ${JSON.stringify(removed)} -> ${JSON.stringify(fileAfter.split('\n').filter((l) => !fileBefore.includes(l)))}`);
    await shot('vscode-after-fix.png');

    await checkStatusItem(page, check, shot);
    await checkWalkthrough(page, check, shot);
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

/**
 * The language status item of the active JS/TS editor: the "{ }" entry of the status bar opens the language status
 * hover, where our item shows the file's problem count; its link opens the Front Contacts output.
 */
async function checkStatusItem(page, check, shot) {
  await page.keyboard.press('Escape');
  const languageStatus = page.locator('.statusbar-item[id="status.languageStatus"] a, .statusbar-item[id="status.languageStatus"]').first();
  await languageStatus.click({ timeout: 30_000 });
  const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Front Contacts' }).first();
  await hover.waitFor({ timeout: 30_000 });
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  console.log(`language status: ${text}`);
  check(/Front Contacts/.test(text) && /problems? in this file/.test(text), `the status item shows the file's problems: ${text}`);
  await shot('vscode-status-item.png');
  // Its command: Show Output.
  await hover.locator('a', { hasText: 'Show Output' }).first().click({ timeout: 10_000 });
  const output = page.locator('.output-view, .panel .monaco-editor', { hasText: 'engine worker ready' }).first();
  const shown = await output.waitFor({ timeout: 30_000 }).then(() => true, () => false);
  check(shown, 'the status item opens the Front Contacts output, which logs the worker start');
  await shot('vscode-output.png');
}

/** Help > Welcome's walkthrough for the migration, opened from the command palette like a user. */
async function checkWalkthrough(page, check, shot) {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  const input = page.locator('.quick-input-widget input');
  await input.fill('Migrate to Front');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: "Migrate to Front's company-wide contacts" }).first().click({ timeout: 30_000 });
  const walkthrough = page.locator('.gettingStartedContainer', { hasText: 'Scan the workspace' }).first();
  await walkthrough.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500); // the step's markdown media renders in a webview
  const text = (await walkthrough.innerText()).replace(/\s+/g, ' ');
  for (const step of ['Scan the workspace', 'Review the problems', 'Fix all in the workspace', 'Remap stored contact ids', 'Wrap clients with the runtime helper', 'Test before the migration'])
    check(text.includes(step), `the walkthrough lists "${step}"`);
  await shot('vscode-walkthrough.png');
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
