/** `feature/issue-201-unit-test-coverage-gap`: the branch name an agent gives its work. */
export function branchName(issue: number, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `feature/issue-${issue}${slug ? `-${slug}` : ''}`;
}
