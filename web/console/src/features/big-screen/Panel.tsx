// A framed panel of the big screen with its title.
import type { ReactNode } from 'react';

export function Panel({
  title,
  extra,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`bs-panel ${className ?? ''}`} data-testid={testId}>
      <header className="bs-panel-title">
        <span>{title}</span>
        {extra && <span className="bs-panel-extra">{extra}</span>}
      </header>
      <div className="bs-panel-body">{children}</div>
    </section>
  );
}
