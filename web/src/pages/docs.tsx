import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * /docs: the API reference drawn from the served contract, with the streaming protocol (AsyncAPI)
 * and the first-bot guide beside it. Swagger UI is loaded only here.
 */
export function DocsPage() {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let gone = false;
    import('../docs/reference')
      .then(({ drawReference }) => {
        if (!gone && host.current) {
          drawReference(host.current, '/openapi.yaml');
          setState('ready');
        }
      })
      .catch(() => !gone && setState('failed'));
    return () => { gone = true; };
  }, []);
  return (
    <section class="docs-page">
      <h1>Showfloor API</h1>
      <p>
        Everything the web app does goes through this API: REST under <code>/api</code>, and live events over
        a WebSocket (<code>/ws</code>) or Server-Sent Events (<code>/api/stream</code>). Send{' '}
        <code>Authorization: Bearer &lt;token&gt;</code> or <code>X-API-Key: &lt;key&gt;</code>; refusals are{' '}
        <code>application/problem+json</code> with a stable <code>code</code>.
      </p>
      <ul class="docs-links">
        <li><a href="/docs/first-bot">Your first trading bot in ten minutes</a></li>
        <li><a href="/openapi.yaml" data-native>The REST contract (OpenAPI 3.1, YAML)</a></li>
        <li><a href="/docs/asyncapi.yaml" data-native>The streaming protocol: topics and frames (AsyncAPI 3.0, YAML)</a></li>
      </ul>
      {state === 'loading' && <p role="status">Loading the reference…</p>}
      {state === 'failed' && <p role="alert">The reference could not be loaded; the contract itself is at /openapi.yaml.</p>}
      <div ref={host} class="api-reference" data-testid="api-reference" />
    </section>
  );
}
