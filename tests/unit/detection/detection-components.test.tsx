// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DetectionRules } from '@/components/detection/DetectionRules';
import { SiteSettings } from '@/components/detection/SiteSettings';
import { getSettings, settingsItem, updateSettings, type Settings } from '@/utils/settings/settings';

type PermissionsFake = {
  request: (p: { origins?: string[]; permissions?: string[] }) => Promise<boolean>;
  remove: (p: { origins?: string[]; permissions?: string[] }) => Promise<boolean>;
  contains: (p: { origins?: string[] }) => Promise<boolean>;
  onRemoved: { trigger: (p: unknown) => Promise<void> };
};
const permissions = () => fakeBrowser.permissions as unknown as PermissionsFake;

async function detection(change: Partial<Settings['detection']>) {
  await updateSettings((current) => ({ ...current, detection: { ...current.detection, ...change } }));
}

/** Lets every in-memory storage write that is still under way land (they are promise chains). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;

describe('the "when and how to check in" rules', () => {
  beforeEach(() => {
    permissions().request = vi.fn(async () => true);
    permissions().remove = vi.fn(async () => true);
  });

  it.each([
    ['a number above the range', '601'],
    ['a number below the range', '0'],
    ['a fraction', '2.5'],
    ['nothing', ' '],
  ])('answers %s with a kind error and changes nothing', async (_name, value) => {
    render(<DetectionRules />);
    const grace = (await screen.findByLabelText(/wait this many seconds/)) as HTMLInputElement;
    const before = await settingsItem.getValue();
    fireEvent.change(grace, { target: { value } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Please use a whole number from 1 to 600. Nothing was changed.',
    );
    await settle();
    expect(await settingsItem.getValue()).toEqual(before);
  });

  it('saves a good number, and says so', async () => {
    render(<DetectionRules />);
    const cooldown = await screen.findByLabelText('Minutes between check-ins');
    fireEvent.change(cooldown, { target: { value: '45' } });
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect((await getSettings()).detection.cooldownMinutes).toBe(45);
  });

  it('an empty minimum means "each site\'s own"; a bad one changes nothing', async () => {
    await detection({ minSessionMinutes: 10 });
    render(<DetectionRules />);
    const minimum = await screen.findByLabelText(/Shortest session/);
    fireEvent.change(minimum, { target: { value: '241' } });
    await screen.findByRole('alert');
    expect((await getSettings()).detection.minSessionMinutes).toBe(10);
    fireEvent.change(minimum, { target: { value: '' } });
    await waitFor(async () => expect((await getSettings()).detection.minSessionMinutes).toBeNull());
  });

  it('asks for notifications from the click that chooses them, and saves the choice once allowed', async () => {
    render(<DetectionRules />);
    await screen.findByText('When and how to check in');
    fireEvent.click(radio(/quiet notification/));
    await waitFor(async () => expect((await getSettings()).detection.askMode).toBe('notification'));
    expect(permissions().request).toHaveBeenCalledExactlyOnceWith({ permissions: ['notifications'] });
    expect(radio(/quiet notification/).checked).toBe(true);
  });

  it('keeps the way of asking as it was, with a kind word, when notifications are refused', async () => {
    permissions().request = vi.fn(async () => false);
    await detection({ askMode: 'badge' });
    render(<DetectionRules />);
    await screen.findByText('When and how to check in');
    fireEvent.click(radio(/quiet notification/));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Notifications weren't allowed, so nothing changed. You can choose this again any time.",
    );
    await settle();
    expect(screen.getByRole('alert')).toBeTruthy();
    expect((await getSettings()).detection.askMode).toBe('badge');
    expect(radio(/quiet notification/).checked).toBe(false);
    expect(radio(/mark on the toolbar icon/).checked).toBe(true);
  });

  it('treats a failed request like a refusal', async () => {
    permissions().request = vi.fn(async () => {
      throw new Error('This function must be called during a user gesture');
    });
    render(<DetectionRules />);
    await screen.findByText('When and how to check in');
    fireEvent.click(radio(/quiet notification/));
    await screen.findByRole('alert');
    await settle();
    expect((await getSettings()).detection.askMode).toBe('window');
  });

  it('gives the notifications permission back when another way is chosen', async () => {
    await detection({ askMode: 'notification' });
    render(<DetectionRules />);
    await screen.findByText('When and how to check in');
    fireEvent.click(radio(/Open the check-in window/));
    await waitFor(() =>
      expect(permissions().remove).toHaveBeenCalledWith({ permissions: ['notifications'] }),
    );
    expect((await getSettings()).detection.askMode).toBe('window');
    expect(permissions().request).not.toHaveBeenCalled();
  });
});

describe('the list of sites, each with its honest state', () => {
  let allowed: Set<string>;
  beforeEach(() => {
    allowed = new Set(['http://127.0.0.1/*', 'https://meet.google.com/*']);
    permissions().contains = async ({ origins = [] }) => origins.every((origin) => allowed.has(origin));
    permissions().request = vi.fn(async () => false);
    permissions().remove = vi.fn(async () => true);
  });

  const stateOf = (siteId: string) => {
    const row = document.querySelector(`[data-site-id="${siteId}"]`);
    return { access: row?.getAttribute('data-access'), text: row?.querySelector('.site-state')?.textContent };
  };

  it('says Watching, Not watching or Turned off, as it really is', async () => {
    await detection({ enabledSites: ['practice', 'zoom'] });
    render(<SiteSettings />);
    await waitFor(() => expect(stateOf('practice')).toEqual({ access: 'allowed', text: 'Watching' }));
    await waitFor(() => expect(stateOf('zoom')).toEqual({ access: 'not-allowed', text: 'Not watching' }));
    // Allowed by the browser but turned off here: not watched, and it says so.
    expect(stateOf('meet')).toEqual({ access: 'turned-off', text: 'Turned off' });
    expect(stateOf('teams')).toEqual({ access: 'turned-off', text: 'Turned off' });
    expect(screen.getByRole('button', { name: 'Allow Zoom' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Allow Practice call' })).toBeNull();
  });

  it('changes to Not watching when access is taken away while the page is open', async () => {
    render(<SiteSettings />);
    await waitFor(() => expect(stateOf('practice').text).toBe('Watching'));
    allowed.delete('http://127.0.0.1/*');
    await permissions().onRemoved.trigger({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => expect(stateOf('practice')).toEqual({ access: 'not-allowed', text: 'Not watching' }));
  });

  it('says kindly that nothing changed when access is not given', async () => {
    await detection({ enabledSites: ['zoom'] });
    render(<SiteSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow Zoom' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      "Access wasn't given, so nothing changed. You can try again any time.",
    );
    expect(stateOf('zoom').text).toBe('Not watching');
  });

  it('turning a site off says Turned off and saves it', async () => {
    render(<SiteSettings />);
    await waitFor(() => expect(stateOf('practice').text).toBe('Watching'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Watch Practice call' }));
    await waitFor(() => expect(stateOf('practice').text).toBe('Turned off'));
    expect((await getSettings()).detection.enabledSites).not.toContain('practice');
  });

  it('refuses an address that would cover too much, with a kind error, and changes nothing', async () => {
    render(<SiteSettings />);
    const before = await settingsItem.getValue();
    fireEvent.input(await screen.findByLabelText('Address'), { target: { value: '*.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add this site' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That would cover too many sites. Please name one site.',
    );
    expect(permissions().request).not.toHaveBeenCalled();
    expect(await settingsItem.getValue()).toEqual(before);
  });

  it('adds a site of my own, asks for that site only, and shows it as not watched until allowed', async () => {
    render(<SiteSettings />);
    fireEvent.input(await screen.findByLabelText('Address'), { target: { value: 'calls.example.org/room' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add this site' }));
    expect((await screen.findByRole('status')).textContent).toBe('Added calls.example.org/room.');
    expect(permissions().request).toHaveBeenCalledExactlyOnceWith({
      origins: ['https://calls.example.org/*'],
    });
    await waitFor(() =>
      expect(stateOf('custom-calls-example-org-room')).toEqual({
        access: 'not-allowed',
        text: 'Not watching',
      }),
    );
    expect((await getSettings()).detection.enabledSites).toContain('custom-calls-example-org-room');
  });
});
