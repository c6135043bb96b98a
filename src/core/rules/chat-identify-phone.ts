// chat-identify-phone: `phone` passed to the Front Chat identify call, which does not support it.
import type { Rule } from './rule';
import type { RuleRun } from '../run';
import { chatIdentifyCalls, optionKeys } from './chat-calls';
import { chatIdentifyPhoneMessage } from './messages';

const MESSAGE = chatIdentifyPhoneMessage();

export const chatIdentifyPhone: Rule = {
  id: 'chat-identify-phone',
  mightApply: (text) => /FrontChat|front-chat-sdk/i.test(text) && /phone/i.test(text),
  check(run: RuleRun) {
    for (const c of chatIdentifyCalls(run)) {
      const { props } = optionKeys(run, c.options, run.ctx, new Map());
      const top = props.get('phone');
      // Report on the property when it is written in this file, else on the call.
      if (top) run.report({ ruleId: 'chat-identify-phone', node: top.ctx === run.ctx ? top.node : c.call, message: MESSAGE });
      const contact = props.get('contact');
      if (contact?.value) {
        const inner = optionKeys(run, contact.value, contact.ctx, contact.env).props.get('phone');
        if (inner) run.report({ ruleId: 'chat-identify-phone', node: inner.ctx === run.ctx ? inner.node : c.call, message: MESSAGE });
      }
    }
  },
};
