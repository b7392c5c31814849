// React 19 no longer declares a global JSX namespace; components here annotate
// their return type as JSX.Element, so re-expose React's.
import type { JSX as ReactJSX } from 'react';

declare global {
  namespace JSX {
    type Element = ReactJSX.Element;
  }
}
