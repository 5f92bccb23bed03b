/** Whether an If-None-Match header names `etag` (or is `*`); weak validators compare as strong ones. */
export function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
