// Loaded first by the standalone server (scripts/assemble-standalone.mjs puts a require of it at
// the top of server.js). When src/proxy.ts forwards /api/* to BACKEND_URL, Next.js also sends the
// browser an `x-middleware-rewrite` header holding the absolute backend URL, which tells anyone
// the cluster-internal address (http://<todoapp>-backend:8080/...). The browser never needs it for
// an external rewrite, so it is dropped; relative values (Next's own page rewrites, which its
// client router reads) are kept.
"use strict";

const HEADER = "x-middleware-rewrite";
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

function revealsBackend(name, value) {
  if (String(name).toLowerCase() !== HEADER) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => ABSOLUTE.test(String(v)));
}

function install(http) {
  const proto = http.ServerResponse.prototype;
  if (proto.__todoHidesBackendUrl) return;
  const setHeader = proto.setHeader;
  proto.setHeader = function (name, value) {
    return revealsBackend(name, value) ? this : setHeader.call(this, name, value);
  };
  Object.defineProperty(proto, "__todoHidesBackendUrl", { value: true });
}

install(require("node:http"));

module.exports = { install, revealsBackend };
