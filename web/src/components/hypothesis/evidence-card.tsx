import type { Evidence } from '@verdict/shared';

/** The research that led to the hypothesis. */
export function EvidenceCard({ evidence }: { evidence: Evidence[] }) {
  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      {evidence.length === 0 ? (
        <p className="muted">No evidence recorded.</p>
      ) : (
        <ul className="evidence-list">
          {evidence.map((item, index) => (
            <li key={index}>
              <span className={`tag tag-${item.kind}`}>{item.kind}</span> <strong>{item.source}</strong>
              {item.note && <p className="small">{item.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
