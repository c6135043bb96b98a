declare global {
  interface Window {
    FrontChat?: (command: string, params?: Record<string, unknown>) => void;
  }
}

export function identify(userId: string) {
  window.FrontChat?.('identity', { chatId: 'abc', userId });
}
