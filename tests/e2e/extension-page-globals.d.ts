/**
 * The few `chrome.*` calls the end-to-end tests make inside extension pages (page.evaluate), typed
 * just enough for tsc: the test code runs in Node, but these functions run in the page.
 */
declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
    };
    session: { get(key: string | null): Promise<Record<string, unknown>> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: { clearAll(): Promise<boolean> };
  action: { getBadgeText(details: Record<string, never>): Promise<string> };
  permissions: { remove(permissions: { origins: string[] }): Promise<boolean> };
};
