import type { CurrentUser } from './SupportChat';

const FRONT_CHAT_ID = process.env.REACT_APP_FRONT_CHAT_ID as string;

/** Called after login: tells Front Chat who is talking so the conversation lands on their contact. */
export function identifyChatUser(user: CurrentUser, userHash: string): void {
  window.FrontChat?.('identity', {
    chatId: FRONT_CHAT_ID,
    userId: user.id,
    userHash,
    name: user.name,
    email: user.email,
    phone: user.phone,
  });
}
