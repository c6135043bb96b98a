declare function FrontChat(cmd: string, options: object): void;

export function identify(userId: string) {
  FrontChat('identity', { chatId: 'abc', userId });
}
