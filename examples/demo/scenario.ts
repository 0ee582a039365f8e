/** One expectation a demo scenario checks. */
export interface DemoCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What a vendor's demo scenario reports for the summary table. */
export interface ScenarioResult {
  vendor: string;
  requests: number;
  logins: number;
  refreshes: number;
  rateLimited: number;
  checks: DemoCheck[];
}

/** Shared by all scenarios: where sessions go and how to print. */
export interface DemoContext {
  /** A FileStore path private to this demo run. */
  storePath: string;
  log(line: string): void;
}

/** A vendor's part of the demo. */
export interface DemoScenario {
  vendor: string;
  run(context: DemoContext): Promise<ScenarioResult>;
}

/** Records a check and prints it as it happens. */
export function check(
  checks: DemoCheck[],
  log: (line: string) => void,
  name: string,
  ok: boolean,
  detail: string,
): void {
  checks.push({ name, ok, detail });
  log(`  ${ok ? '✔' : '✘'} ${name} — ${detail}`);
}
