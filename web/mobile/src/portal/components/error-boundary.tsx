// A screen that fails to render (or whose code fails to download on a bad network) shows a
// message and a reload button instead of a blank page.
import { Component, type ReactNode } from 'react';
import { translate, type Lang } from '../i18n/i18n.tsx';

function lang(): Lang {
  return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const l = lang();
    return (
      <div className="pt-error pt-gap" role="alert">
        <div className="pt-error-title">{translate(l, 'app.crash.title')}</div>
        <div className="pt-error-hint">{translate(l, 'app.crash.hint')}</div>
        <button type="button" className="pt-link-button" onClick={() => window.location.reload()}>
          {translate(l, 'common.reload')}
        </button>
      </div>
    );
  }
}
