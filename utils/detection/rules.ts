import type { PromptRules } from './session-tracker';
import type { DetectionSettings, FollowUpMode } from '../settings/settings';
import { PRESET_SITES, customSiteDefinition, type SiteDefinition } from './sites';
import { nextLocalDayAt } from './snooze';

/**
 * Settings turned into what the session tracker needs. Pure, local-time arithmetic only: the
 * caller passes the time.
 */

export const minuteOfLocalDay = (at: number): number => {
  const date = new Date(at);
  return date.getHours() * 60 + date.getMinutes();
};

export function promptRules(detection: DetectionSettings): PromptRules {
  return {
    graceMs: detection.graceSeconds * 1000,
    cooldownMs: detection.cooldownMinutes * 60_000,
    minSessionMs: detection.minSessionMinutes === null ? null : detection.minSessionMinutes * 60_000,
    quietHours: detection.quietHours,
    snoozedUntil: detection.snoozedUntil,
    minuteOfDay: minuteOfLocalDay,
  };
}

/** Every site the user could watch: the presets, then their own. */
export function allSites(detection: DetectionSettings): SiteDefinition[] {
  return [...PRESET_SITES, ...detection.customSites.map(customSiteDefinition)];
}

/** The sites the user turned on (access is checked separately, by the browser). */
export function enabledSites(detection: DetectionSettings): SiteDefinition[] {
  return allSites(detection).filter((site) => detection.enabledSites.includes(site.id));
}

/** When the gentler second check-in is due, or null when the user does not want one. */
export function followUpDueAt(mode: FollowUpMode, endedAt: number): number | null {
  if (mode === 'in-3-hours') return endedAt + 3 * 60 * 60_000;
  if (mode === 'next-morning') return nextLocalDayAt(endedAt, 9);
  return null;
}
