/** An account the mock cloud knows (demo values, never real ones). */
export interface DemoAccount {
  username: string;
  password: string;
}

/** The accounts {@link TadoCloud} accepts unless told otherwise. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo@example.com', password: 'demo-password' },
  { username: 'second@example.com', password: 'second-password' },
];
