import type { Parameters } from 'fast-check';

/**
 * One fixed seed for every fuzz test, so a failure can be repeated exactly. fast-check prints the
 * seed and the shrunk counterexample when a property fails; `FUZZ_SEED=<n>` runs another seed.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_250_615);

export function fuzzOptions<T>(numRuns: number): Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns,
    // The seed is in fast-check's own failure report; this adds it to the first line too.
    reporter: (details) => {
      if (details.failed)
        throw new Error(
          `fuzz failure with seed ${FUZZ_SEED} (FUZZ_SEED=${FUZZ_SEED}, path "${details.counterexamplePath}"):\n` +
            `counterexample: ${JSON.stringify(details.counterexample)?.slice(0, 2000)}\n` +
            `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
        );
    },
  };
}
