import { useMemo, useState } from 'preact/hooks';
import type { JournalEntry } from '@/utils/journal/db';
import {
  groupDays,
  moodAfterSessionsVsOutside,
  moodByDay,
  sessionsPerWeek,
  yearCalendar,
  type DayMood,
} from '@/utils/journal/trends';
import { t } from '@/utils/shared/i18n';

const RANGES = [7, 30, 365] as const;
type Range = (typeof RANGES)[number];
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

function MoodLine({ days, range }: { days: DayMood[]; range: Range }) {
  const points = range === 365 ? groupDays(days, 7) : days;
  const width = 600;
  const height = 150;
  const pad = { left: 24, right: 8, top: 10, bottom: 22 };
  const x = (i: number) =>
    pad.left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (width - pad.left - pad.right));
  const y = (mood: number) => pad.top + ((5 - mood) / 4) * (height - pad.top - pad.bottom);
  // Days without a mood break the line rather than pretending to know.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((point, i) => {
    if (point.average === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(point.average).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const withMood = points.filter((p) => p.average !== null);
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('journalTrendMoodLabel', [String(range), String(withMood.length)])}
    >
      {[1, 2, 3, 4, 5].map((mood) => (
        <g key={mood}>
          <line class="trend-grid" x1={pad.left} x2={width - pad.right} y1={y(mood)} y2={y(mood)} />
          <text class="trend-axis" x={4} y={y(mood) + 4}>
            {mood}
          </text>
        </g>
      ))}
      {segments.map((segment) => (
        <polyline key={segment} class="trend-line" points={segment} />
      ))}
      {points.map((point, i) =>
        point.average === null ? null : (
          <circle key={point.day} class="trend-dot" cx={x(i)} cy={y(point.average)} r={range === 7 ? 4 : 2.5}>
            <title>{`${dayFormat.format(point.start)}: ${point.average.toFixed(1)}`}</title>
          </circle>
        ),
      )}
      <text class="trend-axis" x={pad.left} y={height - 4}>
        {dayFormat.format(points[0]!.start)}
      </text>
      <text class="trend-axis" x={width - pad.right} y={height - 4} text-anchor="end">
        {dayFormat.format(points.at(-1)!.start)}
      </text>
    </svg>
  );
}

const moodClass = (average: number | null) =>
  average === null ? 'mood-none' : `mood-${Math.round(average)}`;

function YearCalendar({ entries, now }: { entries: readonly JournalEntry[]; now: number }) {
  const cells = useMemo(() => yearCalendar(entries, now), [entries, now]);
  const size = 11;
  const gap = 2;
  const weeks = cells.at(-1)!.week + 1;
  const daysWithMood = cells.filter((cell) => cell.average !== null).length;
  return (
    <svg
      class="trend-calendar"
      viewBox={`0 0 ${weeks * (size + gap)} ${7 * (size + gap)}`}
      role="img"
      aria-label={t('journalTrendCalendarLabel', String(daysWithMood))}
    >
      {cells.map((cell) => (
        <rect
          key={cell.day}
          class={moodClass(cell.average)}
          x={cell.week * (size + gap)}
          y={cell.weekday * (size + gap)}
          width={size}
          height={size}
          rx={2}
        >
          <title>
            {cell.average === null
              ? dayFormat.format(cell.start)
              : `${dayFormat.format(cell.start)}: ${cell.average.toFixed(1)} (${cell.count})`}
          </title>
        </rect>
      ))}
    </svg>
  );
}

function SessionsPerWeek({ entries, now }: { entries: readonly JournalEntry[]; now: number }) {
  const weeks = useMemo(() => sessionsPerWeek(entries, 12, now), [entries, now]);
  const max = Math.max(1, ...weeks.map((week) => week.count));
  const width = 600;
  const height = 110;
  const bar = width / weeks.length;
  const total = weeks.reduce((sum, week) => sum + week.count, 0);
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('journalTrendSessionsLabel', String(total))}
    >
      {weeks.map((week, i) => {
        const barHeight = (week.count / max) * (height - 30);
        return (
          <g key={week.weekStart}>
            <rect
              class="trend-bar"
              x={i * bar + 4}
              y={height - 18 - barHeight}
              width={bar - 8}
              height={barHeight}
              rx={3}
            >
              <title>{`${dayFormat.format(week.weekStart)}: ${week.count}`}</title>
            </rect>
            {week.count > 0 && (
              <text class="trend-axis" x={i * bar + bar / 2} y={height - 22 - barHeight} text-anchor="middle">
                {week.count}
              </text>
            )}
            {i % 3 === 0 && (
              <text class="trend-axis" x={i * bar + 4} y={height - 4}>
                {dayFormat.format(week.weekStart)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function SessionComparison({ entries }: { entries: readonly JournalEntry[] }) {
  const { afterSessions, outside } = useMemo(() => moodAfterSessionsVsOutside(entries), [entries]);
  const rows = [
    { label: t('journalTrendAfterSessions'), summary: afterSessions },
    { label: t('journalTrendOutsideSessions'), summary: outside },
  ];
  return (
    <svg class="trend-chart" viewBox="0 0 400 80" role="img" aria-label={t('journalTrendCompareHeading')}>
      {rows.map(({ label, summary }, i) => (
        <g key={label}>
          <text class="trend-label" x={0} y={i * 40 + 22}>
            {label}
          </text>
          <rect class="trend-track" x={170} y={i * 40 + 8} width={160} height={20} rx={4} />
          {summary.average !== null && (
            <rect
              class="trend-bar"
              x={170}
              y={i * 40 + 8}
              width={(summary.average / 5) * 160}
              height={20}
              rx={4}
            />
          )}
          <text class="trend-label" x={340} y={i * 40 + 22}>
            {summary.average === null ? '–' : `${summary.average.toFixed(1)} / 5`}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * Pictures of how things have been going; nothing here is a score or a judgement. The section and
 * its heading, with the button that shows them, are the journal's own (JournalApp.tsx).
 */
export function JournalTrends({ entries, now }: { entries: readonly JournalEntry[]; now: number }) {
  const [range, setRange] = useState<Range>(30);
  const days = useMemo(() => moodByDay(entries, range, now), [entries, range, now]);
  return (
    <>
      <figure class="card">
        <figcaption>{t('journalTrendMoodHeading')}</figcaption>
        <div class="actions range-choice" role="group" aria-label={t('journalTrendRange')}>
          {RANGES.map((value) => (
            <button type="button" key={value} aria-pressed={range === value} onClick={() => setRange(value)}>
              {t('journalTrendDays', String(value))}
            </button>
          ))}
        </div>
        <MoodLine days={days} range={range} />
      </figure>
      <figure class="card">
        <figcaption>{t('journalTrendCalendarHeading')}</figcaption>
        <YearCalendar entries={entries} now={now} />
        <p class="calendar-legend muted" aria-hidden="true">
          {t('journalMood1')}
          {([1, 2, 3, 4, 5] as const).map((mood) => (
            <svg key={mood} viewBox="0 0 10 10" class="legend-swatch">
              <rect class={`mood-${mood}`} width={10} height={10} rx={2} />
            </svg>
          ))}
          {t('journalMood5')}
        </p>
      </figure>
      <figure class="card">
        <figcaption>{t('journalTrendSessionsHeading')}</figcaption>
        <SessionsPerWeek entries={entries} now={now} />
      </figure>
      <figure class="card">
        <figcaption>{t('journalTrendCompareHeading')}</figcaption>
        <SessionComparison entries={entries} />
      </figure>
    </>
  );
}
