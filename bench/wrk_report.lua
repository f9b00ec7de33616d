-- wrk script for `make bench`: counts responses by status code in every thread and, when the run ends, prints one
-- line "BENCH_RESULT {json}" with the latency percentiles the report needs (wrk's own --latency output has no p95).
-- Each thread runs in its own Lua state, so the counts are kept per thread and summed in done().

local threads = {}

wrk.headers["Accept-Encoding"] = "gzip, br"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

local function json_object(map)
  local parts = {}
  for key, value in pairs(map) do
    table.insert(parts, string.format('"%s": %d', key, value))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local codes = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses") or {}
    for code, count in pairs(counted) do
      codes[code] = (codes[code] or 0) + count
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"duration_us": %d, "requests": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d}, ' ..
    '"statuses": %s}\n',
    summary.duration, summary.requests, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    json_object(codes)))
end
