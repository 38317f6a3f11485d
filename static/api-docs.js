// The API page: Swagger UI (vendored) renders /api/openapi.json. A file, not inline script: the CSP allows
// only the site's own scripts. "Try it out" sends GET requests, the only method the API has.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    deepLinking: true,
    supportedSubmitMethods: ["get"],
  });
});
