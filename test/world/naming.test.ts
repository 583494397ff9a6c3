import { describe, expect, it } from 'vitest';
import { createRngFactory } from '../../src/engine/index.js';
import { consumerIdFor, podName, randomSuffix } from '../../src/world/naming.js';
import { issueFields, parseIssueEntry } from '../../src/protocol/issue-message.js';
import { branchName } from '../../src/world/branch-name.js';

describe('pod and consumer names', () => {
  it('names Deployment pods name-hash-suffix and StatefulSet pods by ordinal', () => {
    const rng = createRngFactory(1)('names');
    const suffix = randomSuffix(rng, 5);
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(podName('deployment', 'dev-e-dotnet', 0, '6f7b9c', 'xk2p1')).toBe('dev-e-dotnet-6f7b9c-xk2p1');
    expect(podName('statefulset', 'dev-e-dotnet', 2, '6f7b9c', 'xk2p1')).toBe('dev-e-dotnet-2');
  });

  it('derives consumer ids from each strategy', () => {
    const pod = { deployment: 'dev-e', ordinal: 1, hash: 'abc123', suffix: 'xk2p1', podName: 'dev-e-abc123-xk2p1' };
    expect(consumerIdFor({ strategy: 'static', name: 'dev-e-worker' }, pod)).toBe('dev-e-worker');
    expect(consumerIdFor({ strategy: 'pod-name' }, pod)).toBe('dev-e-abc123-xk2p1');
    expect(consumerIdFor({ strategy: 'template', template: '{deployment}-{ordinal}-{hash}' }, pod)).toBe('dev-e-1-abc123');
  });

  it('round-trips ISSUE_ASSIGNED entries and slugs branch names', () => {
    const fields = issueFields(201, 'Unit test coverage gap!', 'high');
    expect(parseIssueEntry(['5-0', fields])).toEqual({ entryId: '5-0', issue: 201, title: 'Unit test coverage gap!', complexity: 'high' });
    expect(parseIssueEntry(['5-0', null])).toBeNull();
    expect(parseIssueEntry(['5-0', ['type', 'OTHER']])).toBeNull();
    expect(branchName(201, 'Unit test coverage gap!')).toBe('feature/issue-201-unit-test-coverage-gap');
  });
});
