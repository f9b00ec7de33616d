-- wrk script for `make bench`: counts responses by status code in every thread and, when the run ends, prints one
-- line "BENCH_RESULT {json}" with the latency percentiles the report needs (wrk's own --latency output has no p95).
-- Each thread runs in its own Lua state, so the counts are kept per thread and summed in done().
--
-- With arguments (wrk ... URL -- PATHS_FILE START THREADS), each request asks for the next address of PATHS_FILE
-- (one path per line) from line START + 1 on, so that no two requests ask for the same page: a varied search.

local threads = {}

wrk.headers["Accept-Encoding"] = "gzip, br"

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  paths = nil
  if args[1] then
    paths = {}
    for line in io.lines(args[1]) do
      if line ~= "" then table.insert(paths, line) end
    end
    -- Threads take turns through the list: thread k of n asks for start + k, start + k + n, ...
    nthreads = tonumber(args[3] or 1)
    next_index = tonumber(args[2] or 0) + tonumber(id or 0)
  end
end

function request()
  if not paths then
    return wrk.request()
  end
  local path = paths[(next_index % #paths) + 1]
  next_index = next_index + nthreads
  return wrk.format("GET", path)
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
