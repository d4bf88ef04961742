// The self-contained Swagger UI bundle of swagger-ui-react (aliased in next.config.ts).
declare module "swagger-ui-standalone" {
  /** What `onComplete` receives: enough to pre-fill the Authorize dialog. */
  export type SwaggerSystem = { preauthorizeApiKey(name: string, value: string): void };
  /** Options of the Swagger UI constructor (swagger-ui's documented configuration). */
  export type SwaggerOptions = {
    url: string;
    domNode: HTMLElement;
    tryItOutEnabled?: boolean;
    persistAuthorization?: boolean;
    deepLinking?: boolean;
    onComplete?: () => void;
  };
  const SwaggerUIBundle: (options: SwaggerOptions) => SwaggerSystem;
  export default SwaggerUIBundle;
}
