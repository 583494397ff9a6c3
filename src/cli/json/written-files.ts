/** Where a command wrote its output: part of the `run` and `compare` documents. */
export interface WrittenFiles {
  /** The output folder, absolute. */
  readonly out: string;
  /** Files written there, relative to {@link out}, sorted. */
  readonly files: readonly string[];
}
