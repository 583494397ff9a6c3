/**
 * The ISSUE_ASSIGNED entry the conductor appends, and its parsing: the message the world writes and
 * consumers read. It lives below both so their imports go one way (world → consumers → protocol).
 */

/** An issue as a consumer sees it after parsing the stream entry. */
export interface IssueMessage {
  /** The stream entry ID that carried it. */
  readonly entryId: string;
  readonly issue: number;
  readonly title: string;
  readonly complexity: string;
}

/** Field/value pairs of an ISSUE_ASSIGNED entry, ready for XADD. */
export function issueFields(issue: number, title: string, complexity: string): string[] {
  return ['type', 'ISSUE_ASSIGNED', 'issue', String(issue), 'title', title, 'complexity', complexity];
}

/**
 * Parses one `[id, fields]` entry of a reply. Returns null for a deleted entry (fields null) or an
 * entry that is not an ISSUE_ASSIGNED event.
 */
export function parseIssueEntry(entry: readonly [string, readonly string[] | null]): IssueMessage | null {
  const [entryId, fields] = entry;
  if (fields === null) return null;
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!); // i + 1 < length
  if (map.get('type') !== 'ISSUE_ASSIGNED') return null;
  const issue = Number(map.get('issue'));
  if (!Number.isInteger(issue)) return null;
  return { entryId, issue, title: map.get('title') ?? '', complexity: map.get('complexity') ?? 'medium' };
}
