/**
 * The little of React this folder uses, typed here because the repository has no `@types/react` (installing it would
 * let this file go). Only `createElement` and `createRoot`: everything else of the page is plain DOM.
 */
declare module 'react' {
  /** An element to render; opaque to this folder. */
  export interface ReactElement {
    readonly type: unknown;
  }
  export function createElement(type: unknown, props?: Record<string, unknown> | null): ReactElement;
}

declare module 'react-dom/client' {
  import type { ReactElement } from 'react';
  export interface Root {
    render(element: ReactElement): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}
