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
    // Tags start closed: Swagger UI 5.36 virtualizes the operation list once it holds 150 rows
    // (tags plus the operations of open tags), drawing only the rows near the viewport; with every
    // tag open (docExpansion 'list') our ~240 operations went over that and a fresh page showed only
    // its first few operations. Closed, the list is the tags; opening one draws all of its
    // operations, and the filter box finds a tag by name.
    docExpansion: 'none',
    filter: true,
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
  });
}
