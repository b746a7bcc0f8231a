import { describe, expect, it } from 'vitest';
import { consumerLayout } from './consumers.js';

const topology = { stream: 'S', prefix: 'kci' };

describe('consumerLayout', () => {
  it('one consumer on one subject, whatever the server', () => {
    for (const multi of [true, false]) {
      expect(consumerLayout('kcidb-submitter', ['objects.parsed'], topology, multi)).toEqual({
        consumers: [{ name: 'kcidb-submitter', filter: { filter_subject: 'kci.objects.parsed' } }],
        predecessors: [],
      });
    }
  });

  it('one consumer on every subject where the server filters on several (2.10+)', () => {
    expect(
      consumerLayout('result-parser', ['results.submitted', 'run.finished'], topology, true),
    ).toEqual({
      consumers: [
        {
          name: 'result-parser',
          filter: { filter_subjects: ['kci.results.submitted', 'kci.run.finished'] },
        },
      ],
      predecessors: ['result-parser--results-submitted', 'result-parser--run-finished'],
    });
  });

  it('one consumer per subject on older servers, taking over the unfiltered one', () => {
    expect(
      consumerLayout('result-parser', ['results.submitted', 'run.finished'], topology, false),
    ).toEqual({
      consumers: [
        {
          name: 'result-parser--results-submitted',
          filter: { filter_subject: 'kci.results.submitted' },
        },
        { name: 'result-parser--run-finished', filter: { filter_subject: 'kci.run.finished' } },
      ],
      predecessors: ['result-parser'],
    });
  });
});
