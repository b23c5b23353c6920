import { type ReactNode, useId } from 'react';

/**
 * One figure with its name: a region named by its heading, so that a reader (and a browser test) finds the
 * figure by what it is called.
 */
export function FigureCard({
  title,
  value,
  children,
  className,
}: {
  title: string;
  value: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`panel figure-card ${className ?? ''}`}>
      <h3 id={id} className="figure-title">
        {title}
      </h3>
      <p className="figure-value">{value}</p>
      {children}
    </section>
  );
}
