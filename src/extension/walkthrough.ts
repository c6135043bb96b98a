// Commands behind the migration walkthrough's later steps (package.json contributes.walkthroughs): they put the
// next command in front of the user without running anything (a terminal with the command typed, an example file).
import * as vscode from 'vscode';

export const WALKTHROUGH_COMMANDS = {
  legacyIds: 'frontContacts.walkthrough.legacyIds',
  runtime: 'frontContacts.walkthrough.runtime',
  simulate: 'frontContacts.walkthrough.simulate',
} as const;

export const WALKTHROUGH_ID = 'front-contacts.front-contacts#migrate';

export const LEGACY_IDS_COMMAND = 'npx front-contacts legacy-ids --out legacy-ids.csv';
export const SIMULATE_COMMAND = 'npx front-contacts simulate --migrate crd_old=crd_new';

const RUNTIME_EXAMPLE = `// Requests that must survive the 301 of a migrated contact: same method, body and Authorization re-sent to the new id.
import { withContactRedirects, installContactRedirects } from 'front-contacts-runtime';

const frontFetch = withContactRedirects(fetch);

export async function addNote(contactId: string, body: string, token: string): Promise<void> {
  await frontFetch(\`https://api2.frontapp.com/contacts/\${contactId}/notes\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ author_id: 'tea_123', body }),
  });
}

// axios: installContactRedirects(axiosInstance);
`;

/** A terminal named after the step with `command` typed and not run: the user reads it, edits it, presses Enter. */
function typeInTerminal(name: string, command: string): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name });
  terminal.show();
  terminal.sendText(command, false);
  return terminal;
}

export function registerWalkthroughCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.legacyIds, () => typeInTerminal('Front Contacts: legacy ids', LEGACY_IDS_COMMAND)),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.simulate, () => typeInTerminal('Front Contacts: simulator', SIMULATE_COMMAND)),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.runtime, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: RUNTIME_EXAMPLE });
      return vscode.window.showTextDocument(doc, { preview: false });
    }),
  ];
}
