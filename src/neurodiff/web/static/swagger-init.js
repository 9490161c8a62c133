// Starts the vendored Swagger UI on the app's own OpenAPI document (no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
