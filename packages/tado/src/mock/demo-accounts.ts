/** A tado account the simulator knows, with its homes and zones. */
export interface MockTadoAccount {
  email: string;
  name: string;
  /** `/me` shape: `homes` (default), `homeId` only, or `{}` (tado.md §3.1). */
  meVariant?: 'homes' | 'homeId' | 'empty';
  homes: Array<{ id: number; name: string; zones: Array<{ id: number; name: string; type: string }> }>;
}

/** The demo accounts (demo values, never real ones). The first is the sandbox browser's account. */
export const DEMO_ACCOUNTS: readonly MockTadoAccount[] = [
  {
    email: 'demo@example.com',
    name: 'Demo User',
    homes: [
      {
        id: 1907,
        name: 'Home',
        zones: [
          { id: 1, name: 'Living room', type: 'HEATING' },
          { id: 2, name: 'Bedroom', type: 'HEATING' },
          { id: 3, name: 'Hot water', type: 'HOT_WATER' },
        ],
      },
    ],
  },
];
