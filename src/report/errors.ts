/**
 * Bad report input (a missing folder, an unreadable or invalid results.json, a broken events.jsonl).
 * Its name is `UsageError` so the CLI prints the message alone and exits 2; it lives here rather
 * than being imported from the CLI because the report layer sits below the CLI.
 */
export class ReportInputError extends Error {
  override readonly name = 'UsageError';
}
