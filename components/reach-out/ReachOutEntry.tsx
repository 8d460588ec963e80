import { ReachOut } from './ReachOut';

/**
 * "Reach out" inside the check-in: the primary contact in one click, the late-hour notice, and
 * helplines. A <section> with its own heading, so it sits inside the form's <main>.
 */
export function ReachOutEntry() {
  return <ReachOut />;
}
