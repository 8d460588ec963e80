// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReachOut } from '@/components/reach-out/ReachOut';
import { updateReachOut, getReachOut } from '@/utils/reach-out/reach-out-store';
import type { Contact } from '@/utils/reach-out/contacts';
import { MESSAGE_FIRST_CONTACT_COMMAND } from '@/utils/reach-out/reach-out-command';
import background from '@/entrypoints/background';

const sam: Contact = {
  id: 'sam',
  name: 'Sam',
  channel: 'whatsapp',
  address: '+44 7700 900123',
  message: 'Hey, rough call - could you check in on me?',
  timeZone: 'Europe/London',
  reachableFrom: '08:00',
  reachableUntil: '23:00',
};
const alex: Contact = {
  ...sam,
  id: 'alex',
  name: 'Alex',
  channel: 'sms',
  address: '+1 555 010 2030',
  timeZone: 'America/Los_Angeles',
};
const SAM_URL =
  'https://wa.me/447700900123?text=Hey%2C%20rough%20call%20-%20could%20you%20check%20in%20on%20me%3F';
const evening = () => new Date('2026-01-15T19:10:00Z');
const night = () => new Date('2026-01-15T03:10:00Z');

describe('the Reach out section', () => {
  // happy-dom would follow a clicked link over the network; the browser's part is proven end to end.
  beforeEach(() => document.addEventListener('click', (event) => event.preventDefault()));

  it('offers one click to the first contact and shows where it goes', async () => {
    await updateReachOut((d) => ({ ...d, contacts: [sam, alex], primaryId: 'sam' }));
    render(<ReachOut now={evening} />);
    const button = await screen.findByRole('link', { name: 'Message Sam' });
    expect(button.getAttribute('href')).toBe(SAM_URL);
    expect(button.getAttribute('target')).toBe('_blank');
    expect(button.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText('Opens WhatsApp: wa.me/447700900123')).toBeTruthy();
    expect(screen.queryByText(/It's .* for Sam/)).toBeNull();
  });

  it("says kindly when it's the middle of the night for them, offers someone awake or a helpline, and still lets me go ahead", async () => {
    await updateReachOut((d) => ({
      ...d,
      contacts: [sam, alex],
      primaryId: 'sam',
      helplineCountries: ['GB'],
    }));
    render(<ReachOut now={night} />);
    expect(await screen.findByText("It's 03:10 for Sam.")).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Message Alex instead' }).getAttribute('href')).toBe(
      'sms:+15550102030?body=Hey%2C%20rough%20call%20-%20could%20you%20check%20in%20on%20me%3F',
    );
    expect(screen.getByRole('link', { name: 'Message Sam' }).getAttribute('href')).toBe(SAM_URL);
    expect(screen.getAllByRole('button', { name: 'Talk to a helpline' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a helpline' }));
    expect(await screen.findByRole('link', { name: 'Call 116 123' })).toBeTruthy();
    expect(screen.getByText(/not an emergency service/)).toBeTruthy();
  });

  it('asks before opening a link I added myself, once', async () => {
    const own: Contact = { ...sam, channel: 'custom', address: 'https://chat.example.org/sam' };
    await updateReachOut((d) => ({ ...d, contacts: [own] }));
    render(<ReachOut now={evening} />);
    expect(await screen.findByText('Opens a web page: chat.example.org')).toBeTruthy();
    fireEvent.click(await screen.findByRole('link', { name: 'Message Sam' }));
    expect(
      await screen.findByText('This opens chat.example.org, a link you added yourself. Open it?'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Yes, open chat.example.org' }));
    await waitFor(async () =>
      expect((await getReachOut()).contacts[0]?.confirmedUrl).toBe('https://chat.example.org/sam'),
    );
  });

  it('for Signal, says the message cannot be filled in and offers to copy it', async () => {
    await updateReachOut((d) => ({ ...d, contacts: [{ ...sam, channel: 'signal' }] }));
    render(<ReachOut now={evening} />);
    expect(
      await screen.findByText("Signal can't fill in your message, so copy it first if you like."),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy my message' })).toBeTruthy();
  });

  it('with no one added yet, points to settings', async () => {
    render(<ReachOut />);
    expect(await screen.findByText("You haven't added anyone to reach out to yet.")).toBeTruthy();
  });
});

describe('the keyboard shortcut', () => {
  it('is registered by the background, synchronously', () => {
    expect(background.main()).toBeUndefined();
    expect(fakeBrowser.commands.onCommand.hasListeners()).toBe(true);
    expect(MESSAGE_FIRST_CONTACT_COMMAND).toBe('message-first-contact');
  });

  it('opens the Reach out window, where the user sees where the link goes before it opens', async () => {
    const windows: string[] = [];
    fakeBrowser.windows.create = (async (props: { url?: string | string[] }) => {
      windows.push(String(props.url));
      return { id: 2 };
    }) as typeof fakeBrowser.windows.create;
    const tabs: string[] = [];
    fakeBrowser.tabs.create = (async (props: { url?: string }) => {
      tabs.push(props.url ?? '');
      return { id: 1 };
    }) as typeof fakeBrowser.tabs.create;
    await updateReachOut((d) => ({ ...d, contacts: [sam] }));
    background.main();
    // setup.ts gives the fake browser a `commands.onCommand` that can be triggered.
    const onCommand = fakeBrowser.commands.onCommand as unknown as { trigger(name: string): Promise<void> };
    await onCommand.trigger(MESSAGE_FIRST_CONTACT_COMMAND);
    await onCommand.trigger('something-else');
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatch(/reach-out\.html$/);
    expect(tabs).toEqual([]);
  });
});

describe('"Message …" from the toolbar popup (the Reach out page with ?message=first)', () => {
  let opened: string[];
  let closed: number;
  beforeEach(() => {
    opened = [];
    closed = 0;
    vi.spyOn(window, 'open').mockImplementation((url) => {
      opened.push(String(url));
      return null;
    });
    vi.spyOn(window, 'close').mockImplementation(() => void closed++);
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens the conversation at once and closes itself', async () => {
    await updateReachOut((d) => ({ ...d, contacts: [sam, alex], primaryId: 'sam' }));
    render(<ReachOut now={evening} messageFirst />);
    await waitFor(() => expect(opened).toEqual([SAM_URL]));
    expect(closed).toBe(1);
  });

  it("says kindly first when it's the middle of the night for them, and opens nothing", async () => {
    await updateReachOut((d) => ({ ...d, contacts: [sam, alex], primaryId: 'sam' }));
    render(<ReachOut now={night} messageFirst />);
    expect(await screen.findByText("It's 03:10 for Sam.")).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Message Sam' })).toBeTruthy();
    expect(opened).toEqual([]);
    expect(closed).toBe(0);
  });

  it('asks first about a link I added myself, and opens it only after yes', async () => {
    const own: Contact = { ...sam, channel: 'custom', address: 'https://chat.example.org/sam' };
    await updateReachOut((d) => ({ ...d, contacts: [own], primaryId: 'sam' }));
    render(<ReachOut now={evening} messageFirst />);
    expect(
      await screen.findByText('This opens chat.example.org, a link you added yourself. Open it?'),
    ).toBeTruthy();
    expect(opened).toEqual([]);
    fireEvent.click(screen.getByRole('link', { name: 'Yes, open chat.example.org' }));
    await waitFor(async () =>
      expect((await getReachOut()).contacts[0]?.confirmedUrl).toBe('https://chat.example.org/sam'),
    );
  });

  it('opens a link I already said yes to straight away', async () => {
    const own: Contact = {
      ...sam,
      channel: 'custom',
      address: 'https://chat.example.org/sam',
      confirmedUrl: 'https://chat.example.org/sam',
    };
    await updateReachOut((d) => ({ ...d, contacts: [own], primaryId: 'sam' }));
    render(<ReachOut now={evening} messageFirst />);
    await waitFor(() => expect(opened).toEqual(['https://chat.example.org/sam']));
  });

  it('without it, the page only shows the way (the keyboard shortcut and the check-in)', async () => {
    await updateReachOut((d) => ({ ...d, contacts: [sam], primaryId: 'sam' }));
    render(<ReachOut now={evening} />);
    await screen.findByRole('link', { name: 'Message Sam' });
    expect(opened).toEqual([]);
  });
});
