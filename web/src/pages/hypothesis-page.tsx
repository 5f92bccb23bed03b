import { useParams } from 'react-router-dom';
import { HypothesisView } from '../components/hypothesis/hypothesis-view';
import { ErrorMessage, Loading } from '../components/query-state';
import { useHypothesis } from '../hooks/use-hypotheses';
import { usePageTitle } from '../hooks/use-page-title';

export function HypothesisPage() {
  const { id = '' } = useParams();
  const hypothesis = useHypothesis(id);
  usePageTitle(hypothesis.data?.title);
  if (hypothesis.isPending) return <Loading label="Loading the hypothesis…" />;
  if (hypothesis.isError) return <ErrorMessage error={hypothesis.error} title="Could not load the hypothesis" />;
  return <HypothesisView hypothesis={hypothesis.data} />;
}
