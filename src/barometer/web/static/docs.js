// Starts the vendored Swagger UI on the app's own OpenAPI schema (no CDN, no validator badge).
"use strict";
window.addEventListener("load", function () {
  window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null,
    deepLinking: true, presets: [window.SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
});
