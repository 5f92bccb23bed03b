/** `/api/v1/units/<id>` with the id replaced, for anything that logs request URLs. */
export function redactUnitPath(url: string): string {
  return url.replace(/(\/units\/)[^/?#]+/, '$1[redacted]');
}
