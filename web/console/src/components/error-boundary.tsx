// Catches a screen that fails to render or whose chunk fails to load, and offers a reload
// instead of a blank page. `resetKey` (the path) clears the error when the user navigates.
import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

interface Props {
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  key: string;
}

class Boundary extends Component<Props & { fallback: (reset: () => void) => ReactNode }, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return this.props.fallback(() => this.setState({ error: null }));
    return this.props.children;
  }
}

export function ErrorBoundary({ resetKey, children }: Props) {
  const { t } = useI18n();
  return (
    <Boundary
      resetKey={resetKey}
      fallback={() => (
        <Result
          status="error"
          title={t('error.pageCrashed')}
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              {t('error.reload')}
            </Button>
          }
        />
      )}
    >
      {children}
    </Boundary>
  );
}
