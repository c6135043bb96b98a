// Just enough types for the HTTP clients the simulator's proof tests drive (test/simulator-*.test.ts):
// got is ESM-only (its types sit behind `exports`, which this project's `moduleResolution: node` does not
// read); needle and superagent ship no types.

declare module 'got' {
  interface GotResponse {
    statusCode: number;
    body: unknown;
  }
  type GotOptions = Record<string, unknown>;
  interface Got {
    (url: string, options?: GotOptions): Promise<GotResponse>;
    get(url: string, options?: GotOptions): Promise<GotResponse>;
    post(url: string, options?: GotOptions): Promise<GotResponse>;
    extend(options: GotOptions): Got;
  }
  const got: Got;
  export default got;
  export class HTTPError extends Error {
    response: GotResponse;
  }
}

declare module 'needle' {
  function needle(method: string, url: string, data: unknown, options?: Record<string, unknown>): Promise<{ statusCode?: number; body: unknown }>;
  export default needle;
}

declare module 'superagent' {
  interface SuperAgentRequest extends Promise<{ status: number; body: unknown }> {
    set(field: string, value: string): SuperAgentRequest;
    set(fields: Record<string, string>): SuperAgentRequest;
    send(body: unknown): SuperAgentRequest;
    redirects(n: number): SuperAgentRequest;
  }
  const superagent: {
    get(url: string): SuperAgentRequest;
    post(url: string): SuperAgentRequest;
  };
  export default superagent;
}
