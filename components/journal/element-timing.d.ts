// The Element Timing API's attribute (https://w3c.github.io/element-timing/), which Preact's JSX
// types do not list: the browser then reports when that element was first painted.
import 'preact';

declare module 'preact' {
  namespace JSX {
    interface HTMLAttributes {
      elementtiming?: string;
    }
  }
}
