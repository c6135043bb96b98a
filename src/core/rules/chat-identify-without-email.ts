// chat-identify-without-email: Front Chat identify with a userId but no email. Front dedupes contacts on
// email (and phone), so a userId alone creates a new contact instead of joining the existing one.
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import { chatIdentifyCalls, optionKeys, isEmptyValue } from './chat-calls';
import { chatIdentifyWithoutEmailMessage } from './messages';

const MESSAGE = chatIdentifyWithoutEmailMessage();

export const chatIdentifyWithoutEmail: Rule = {
  id: 'chat-identify-without-email',
  mightApply: (text) => /FrontChat|front-chat-sdk/i.test(text),
  check(run: RuleRun) {
    for (const c of chatIdentifyCalls(run)) {
      const { props, complete } = optionKeys(run, c.options, run.ctx, new Map());
      const userId = props.get('userId');
      if (!userId || isEmptyValue(run, userId)) continue;
      // `email: null | undefined | ''` sends no email: the same duplicate as leaving it out.
      const email = props.get('email');
      if (email && !isEmptyValue(run, email)) continue;
      const contact = props.get('contact');
      if (contact?.value) {
        const inner = optionKeys(run, contact.value, contact.ctx, contact.env);
        const innerEmail = inner.props.get('email');
        if ((innerEmail && !isEmptyValue(run, innerEmail)) || !inner.complete) continue;
      }
      // An options object we could not read in full may carry the email: stay quiet.
      if (!complete) continue;
      run.report({ ruleId: 'chat-identify-without-email', node: c.call, message: MESSAGE });
    }
  },
};
