import { API_KEY_SCOPES } from '@verdict/shared';
import type { ApiKeyScope, CreatedApiKey } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Field } from '../components/form/field';
import { FormActions } from '../components/form/form-actions';
import { FormError } from '../components/form/form-error';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { dateTime } from '../format';
import { useApiKeyActions, useApiKeys } from '../hooks/use-api-keys';
import { usePageTitle } from '../hooks/use-page-title';
import { VocabularyOptions } from '../components/vocabulary-options';

export function ApiKeysPage() {
  const keys = useApiKeys();
  usePageTitle('API keys');
  const { create, revoke } = useApiKeyActions();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('sdk');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), scope },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="keys-title">
      <div className="page-header">
        <div>
          <h1 id="keys-title">API keys</h1>
          <p className="muted">
            <strong>sdk</strong> keys may only assign, send exposures and events, and read the SDK config: give them to apps.
            For people: <strong>viewer</strong> keys read everything but keys and webhooks, <strong>editor</strong> keys also
            create and change flows, cohorts, hypotheses and experiments, and <strong>admin</strong> keys can do everything.
          </p>
        </div>
      </div>
      <form className="card form" onSubmit={onSubmit} aria-label="New API key">
        <div className="field-row">
          <Field label="Name" htmlFor="key-name" className="grow">
            <input id="key-name" required value={name} placeholder="web app (production)" onChange={(event) => setName(event.target.value)} />
          </Field>
          <Field label="Scope" htmlFor="key-scope">
            <select id="key-scope" value={scope} onChange={(event) => setScope(event.target.value as ApiKeyScope)}>
              <VocabularyOptions values={API_KEY_SCOPES} label={String} />
            </select>
          </Field>
        </div>
        <FormActions submitLabel="Create key" pending={create.isPending} disabled={!name.trim()} error={create.error} />
        {created && (
          <div className="banner" role="status">
            <strong>Copy the key for “{created.name}” now:</strong> it is shown only once.
            <pre className="secret" data-testid="new-key">
              {created.key}
            </pre>
          </div>
        )}
      </form>
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <ErrorMessage error={keys.error} title="Could not load the API keys" />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>Create an sdk key for each app that assigns units or sends step events.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll card flush">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scope</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <span className="tag">{key.scope}</span>
                  </td>
                  <td>{dateTime(key.createdAt)}</td>
                  <td>{dateTime(key.lastUsedAt)}</td>
                  <td className="num">
                    {confirming === key.id ? (
                      <span className="button-row">
                        <button type="button" className="button danger small" onClick={() => revoke.mutate(key.id, { onSettled: () => setConfirming(null) })}>
                          Confirm revoke
                        </button>
                        <button type="button" className="button ghost small" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="button ghost small" onClick={() => setConfirming(key.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormError error={revoke.error} />
        </div>
      )}
    </section>
  );
}
