/** Redis glob patterns as regular expressions. */

/** Redis's glob (`stringmatchlen`: KEYS, SCAN MATCH, PSUBSCRIBE): `*`, `?`, `[...]`, backslash escapes. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '\\' && i + 1 < glob.length) source += escapeRegExp(glob.charAt(++i));
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        if (body.startsWith('^')) body = `^${body.slice(1).replace(/\\/g, '\\\\')}`;
        else body = body.replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
