// Preloaded into the Azurite that Assay starts (NODE_OPTIONS=--require, see AzuriteProcess.cs), which runs with
// --disableTelemetry. Azurite 3.37 loads Application Insights and OpenTelemetry when it starts even with telemetry off:
// about half of its start (measured on a 2-core machine: ready in 0.86 s with this file, 1.83 s without). With
// telemetry off nothing of that module is called; should a version call it anyway, it gets a no-op object.
"use strict";
const Module = require("module");
const load = Module._load;
const noop = new Proxy(function () {}, {
  get: (_, property) => (property === Symbol.toPrimitive ? () => "" : property === "then" ? undefined : noop),
  apply: () => noop,
  construct: () => noop,
});
Module._load = function (request, ...rest) {
  return request === "applicationinsights" ? noop : load.call(this, request, ...rest);
};
