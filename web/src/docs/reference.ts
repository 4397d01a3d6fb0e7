// Loaded only by the /docs page (a chunk of its own): Swagger UI drawing the contract the node
// serves at /openapi.yaml, the same document that validates every request.
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

export function drawReference(host: HTMLElement, url: string) {
  SwaggerUI({
    domNode: host,
    url,
    // no call to validator.swagger.io: the node's own validation is the one that counts
    validatorUrl: 'none',
    deepLinking: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
  });
}
