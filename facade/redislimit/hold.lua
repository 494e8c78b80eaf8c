-- After a request slept towards its slot: how long the shared hold (a
-- 429 or a spent window) still lasts, and how much longer the request
-- must wait, both in microseconds. KEYS[1]: the schedule. ARGV[1]: the
-- end of the window the slot lies in when no answer had confirmed that
-- window at booking (0 otherwise), ARGV[2]: the slot (Redis's clock).
-- Returns {hold, wait}: a hold > 0 means book again; otherwise the
-- request goes when wait is 0. A slot in a window that an answer has
-- confirmed since goes at once: it was counted in the window's budget.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = redis.call('HMGET', KEYS[1], 'hold', 'reset', 'win')
local hold = tonumber(s[1]) or 0
if hold > now then
  return {hold - now, 0}
end
local id = tonumber(ARGV[1])
local slot = tonumber(ARGV[2])
if id <= 0 or slot <= now then
  return {0, 0}
end
local reset = tonumber(s[2]) or 0
local win = tonumber(s[3]) or 0
local guard = math.max(math.floor(win / 20), 50000)
if math.abs(reset - id) <= 500000 and now < reset - guard then
  return {0, 0}
end
return {0, slot - now}
