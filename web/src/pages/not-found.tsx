import { Page } from '../ui';

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p><a class="button primary" href="/">Back to live shows</a></p>
    </Page>
  );
}
