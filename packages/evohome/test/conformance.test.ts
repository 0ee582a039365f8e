import { describeStrategyConformance } from '@tokenwise/auth-core/testing';
import type { EvohomeV1Session, EvohomeV2Session } from '../src/index.js';
import { conformanceHarness } from './harness.js';

describeStrategyConformance<EvohomeV1Session>({
  name: 'evohome V1 sessionId',
  setup: () => conformanceHarness('v1'),
  processes: 4,
});

describeStrategyConformance<EvohomeV2Session>({
  name: 'evohome V2 OAuth password + refresh grant',
  setup: () => conformanceHarness('v2'),
  processes: 4,
});
