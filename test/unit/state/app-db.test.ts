import { describe, expect, it } from 'vitest';
import { statsStores } from '../../../src/state/app-db';
import { pipelineServices, pipelineStore } from '../../../src/state/pipeline-services';

describe('the app’s stores', () => {
  it('share one pipeline store between the Runs page and the statistics pages', () => {
    const fromStats = statsStores().runs;
    expect(fromStats).toBe(pipelineStore());
    expect(pipelineServices().store).toBe(fromStats);
    expect(statsStores().runs).toBe(fromStats);
  });
});
