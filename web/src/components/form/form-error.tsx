import { ApiRequestError, describeError } from '../../api/client';

/** A form's submit error: the API's field problems as a list, anything else as one line. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiRequestError && error.fieldErrors.length > 0) {
    return (
      <div className="state error" role="alert">
        <strong>Please fix the following</strong>
        <ul>
          {error.fieldErrors.map((problem) => (
            <li key={`${problem.field}:${problem.reason}`}>
              <code>{problem.field}</code> {problem.reason}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="state error" role="alert">
      <strong>Could not save</strong>
      <span>{describeError(error)}</span>
    </div>
  );
}
