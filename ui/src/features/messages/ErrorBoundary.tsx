// Catches a render error anywhere below it and shows it with a way back to the library,
// so the window is never left blank.
import { Component, type ErrorInfo, type ReactNode } from "react";

type Props = { children: ReactNode; onBackToLibrary: () => void };
type State = { error: Error | null };

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("Journeymap UI error", error, info.componentStack);
  }

  // The parent remounts this boundary (with a new key) on its way to the library.
  private back = () => this.props.onBackToLibrary();

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>Something went wrong</h1>
        <p>The view could not be shown. Your data is safe: every edit is saved as it is made.</p>
        <pre className="crash__message">{error.message}</pre>
        <button type="button" className="primary" onClick={this.back} autoFocus>
          Back to library
        </button>
      </div>
    );
  }
}
