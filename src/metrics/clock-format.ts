/** `HH:MM` of a virtual time (day 0 starts at 00:00); later days as `d2 HH:MM`. */
export function clockTime(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const day = Math.floor(totalMinutes / 1440);
  const hh = String(Math.floor((totalMinutes % 1440) / 60)).padStart(2, '0');
  const mm = String(totalMinutes % 60).padStart(2, '0');
  return day === 0 ? `${hh}:${mm}` : `d${day + 1} ${hh}:${mm}`;
}

/** `HH:MM:SS` of a virtual time, later days as `d2 HH:MM:SS`: for events seconds apart, such as crashes. */
export function clockTimeSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000) % 60;
  return `${clockTime(ms)}:${String(seconds).padStart(2, '0')}`;
}
