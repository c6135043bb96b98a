import { useEffect } from 'react';

declare global {
  interface Window {
    FrontChat?: (command: string, params?: Record<string, unknown>) => void;
  }
}

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  phone?: string;
}

const chatId = process.env.REACT_APP_FRONT_CHAT_ID as string;

/** Boots the Front Chat widget for the signed-in customer. */
export function SupportChat({ user }: { user: CurrentUser }) {
  useEffect(() => {
    if (!window.FrontChat) return;
    window.FrontChat('init', { chatId, useDefaultLauncher: true, userId: user.id });
    return () => window.FrontChat?.('shutdown');
  }, [user.id]);

  return (
    <button type="button" className="support-chat-launcher" onClick={() => window.FrontChat?.('show')}>
      Chat with support
    </button>
  );
}
