// Swagger UI over the three services' OpenAPI documents, proxied by the gateway at /docs/api/<service>.
window.ui = SwaggerUIBundle({
  urls: [
    { name: 'users-service', url: '/docs/api/users' },
    { name: 'inventory-service', url: '/docs/api/inventory' },
    { name: 'orders-service', url: '/docs/api/orders' }
  ],
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout'
});
