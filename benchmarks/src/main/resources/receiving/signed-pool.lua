-- wrk script of the receiving benchmark (docs/benchmarks.md): every request carries the next entry of a pool of
-- requests signed in advance (webhook-id, webhook-timestamp, webhook-signature), so no id repeats and the
-- receiver's de-duplication never answers for a request it has seen. Each wrk thread reads its own pool file,
-- <prefix><thread>.txt, one "id timestamp signature" per line. Arguments: the pool prefix, the body file.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[2], "rb"))
  body = file:read("*a")
  file:close()
  pool = {}
  for line in io.lines(args[1] .. index .. ".txt") do
    local id, timestamp, signature = line:match("^(%S+) (%S+) (.+)$")
    pool[#pool + 1] = { id, timestamp, signature }
  end
  next_entry = 1
  wrapped = 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  if next_entry > #pool then
    -- the pool was too small for this run: ids repeat from here, which the benchmark reports as a failure
    next_entry = 1
    wrapped = wrapped + 1
  end
  local entry = pool[next_entry]
  next_entry = next_entry + 1
  headers["webhook-id"] = entry[1]
  headers["webhook-timestamp"] = entry[2]
  headers["webhook-signature"] = entry[3]
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("wrapped")
  end
  io.write(string.format("pool wrapped: %d\n", total))
end
