// The HTTP layer's front door: routing, problem documents, bodies, cookies' security, the
// OpenAPI document and the Node ↔ Fetch bridge of the production server. Domain modules never
// import it; lib/api, the adapters in app/ and the server (through lib/api/standalone.ts) do.
export {
  MAX_BODY_BYTES,
  type MultipartUpload,
  queryObject,
  readJsonBody,
  readMultipartFile,
  type UploadedFile,
} from "./body";
export { createRouter, dispatch, type Router } from "./dispatch";
export {
  endpoint,
  json,
  noContent,
  type Access,
  type Context,
  type Endpoint,
  type Method,
  type ResponseHeader,
  type ResponseSpec,
  type Session,
} from "./endpoint";
export { clientAddress, isSecure } from "./forwarded";
export {
  type AnsweredRequest,
  createNodeHandler,
  type FetchHandler,
  type NodeHandler,
  normalizeForwarding,
  rejectConnect,
  rejectMalformedRequest,
  rejectUndecodablePath,
  sendFetchResponse,
  toFetchRequest,
} from "./node-bridge";
export { lifecycle } from "./lifecycle";
export { createPageCache, PAGE_CACHE_HEADER, SHARED_PAGE_HEADER } from "./page-cache";
export { buildOpenApi, type Alias } from "./openapi";
export { type MessageOverrides, userMessage, userMessages } from "./messages";
export {
  fieldErrors,
  problemBody,
  problemFor,
  problemResponse,
  ProblemSchema,
  problemSpec,
  validationError,
} from "./problem";
export { safeRedirect } from "./safe-redirect";
export { securityHeaders } from "./security-headers";
