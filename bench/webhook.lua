-- Chat2Desk "inbox" webhooks for wrk, shaped as Chat2Desk's documented example, each with a
-- unique message_id, spread over clients and channels, signed as Chat2Desk signs them
-- (HMAC-SHA256 over body .. timestamp, keyed with the hex MD5 of the channel's token), and with
-- the send time in the text ("ts:<epoch ms>") so that the Chat2Desk stand-in can time the reply.
--
-- wrk ... -s webhook.lua URL -- <first message id> <keys file> <clients> [<delay ms>]
--   keys file: one line per channel, "<channel key> <hex md5 of its token>"
--   delay ms:  mean pause of each connection before its next request (0 = as fast as possible);
--              with c connections and latency L the rate is about c * 1000 / (delay + L)
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
]]
local ok, crypto = pcall(ffi.load, "crypto")
if not ok then crypto = ffi.load("libcrypto.so.3") end
local tv = ffi.new("bench_timeval")
local md = ffi.new("unsigned char[32]")
local md_len = ffi.new("unsigned int[1]")
local sha256 = crypto.EVP_sha256()
local hex = {}
for i = 0, 255 do hex[i] = string.format("%02x", i) end
local digest = {}

local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local function sign(key, message)
  crypto.HMAC(sha256, key, #key, message, #message, md, md_len)
  for i = 0, 31 do digest[i + 1] = hex[md[i]] end
  return table.concat(digest)
end

local template = '{"message_id":%.0f,"type":"from_client","text":"Hi *there*, __see__ [site](https://x.example) ts:%.0f",'
  .. '"transport":"whatsapp","client_id":%d,"operator_id":null,"dialog_id":%d,"channel_id":1,'
  .. '"photo":null,"coordinates":null,"audio":null,"pdf":null,'
  .. '"client":{"id":%d,"phone":"[chat] 1d0bb2e221762cfcc05c","client_phone":null,'
  .. '"name":"[chat] 1d0bb2e221762cfcc05c","assigned_name":null,"external_id":null},'
  .. '"hook_type":"inbox","request_id":%d,"attachments":[],"is_new_request":false,'
  .. '"is_new_client":false,"insta_comment":false,"extra_data":{},"is_new":true,'
  .. '"event_time":"2025-04-03T11:50:06.984494Z"}'

-- BENCH_SPREAD="host:port host:port ...": the threads send to these in turn instead of the URL's
-- address, as a load balancer spreads connections over instances (without one on this machine)
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  local spread = {}
  for address in (os.getenv("BENCH_SPREAD") or ""):gmatch("%S+") do spread[#spread + 1] = address end
  if #spread > 0 then
    local host, port = spread[#threads % #spread + 1]:match("^(.+):(%d+)$")
    thread.addr = wrk.lookup(host, port)[1]
  end
  table.insert(threads, thread)
end

local first, clients, pause, sent = 0, 1000, 0, 0
local keys, secrets = {}, {}
local headers = {["Content-Type"] = "application/json"}

function init(args)
  first = tonumber(args[1]) + tid * 1e9
  for line in io.lines(args[2]) do
    local key, secret = line:match("^(%S+)%s+(%S+)$")
    if key then
      -- a key that starts with "/" is a path of its own (to load the stand-ins directly)
      keys[#keys + 1] = key:sub(1, 1) == "/" and key or "/webhooks/chat2desk/" .. key
      secrets[#secrets + 1] = secret
    end
  end
  clients = tonumber(args[3] or "1000")
  pause = tonumber(args[4] or "0")
  if pause > 0 then
    -- jittered around the mean, so that the connections do not send in lock step
    function delay() return math.floor(pause * (0.5 + math.random())) end
  end
end

function request()
  sent = sent + 1
  local id = first + sent
  local client = (sent * 7 + tid * 13) % clients + 1
  local channel = (sent + tid) % #keys + 1
  local body = string.format(template, id, now_ms(), client, client, client, client)
  local ts = tostring(os.time())
  headers["X-Timestamp"] = ts
  headers["X-Signature"] = sign(secrets[channel], body .. ts)
  return wrk.format("POST", keys[channel], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
