-- Feeds one answer's X-RateLimit-* headers to the shared schedule.
-- KEYS[1]: the schedule. ARGV: limit, remaining, microseconds until the
-- reset (by the caller's clock), 1 for a 429, margin (0: 2% of the
-- limit, at least ARGV[7]), the key's time to live in milliseconds, the
-- least default margin (1 when windows are spread evenly, where a
-- request that reaches Intercom late can make a window's limit plus one;
-- 0 otherwise, where each window counts its own slots).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local lim = tonumber(ARGV[1])
local rem = tonumber(ARGV[2])
local left = tonumber(ARGV[3])
local is429 = tonumber(ARGV[4]) == 1
local margin = tonumber(ARGV[5])
if margin <= 0 then
  margin = math.max(tonumber(ARGV[7]), math.floor(lim / 50))
end
local s = redis.call('HMGET', KEYS[1], 'reset', 'rem', 'win', 'hold', 'cw', 'cn')
local cur = tonumber(s[1]) or 0
local hold = tonumber(s[4]) or 0
local reset = now + left
-- The same window seen from two machines maps to slightly different
-- instants of Redis's clock: half a second apart is the same window.
if cur > 0 then
  if reset < cur - 500000 then
    return 0 -- a late answer from an earlier window
  end
  if math.abs(reset - cur) <= 500000 then
    reset = cur
    rem = math.min(rem, tonumber(s[2]) or rem) -- answers arrive out of order
  end
end
local eff = math.max(1, lim - margin)
if left <= 0 then
  redis.call('HSET', KEYS[1], 'reset', reset, 'rem', rem, 'lim', eff)
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  return 0
end
-- The answer confirms its window: the slots counted in it are at least
-- the requests Intercom has counted (lim - rem), which include those of
-- anyone spending the same limit without this schedule. Slots booked
-- before any answer (cw = -1) are taken to be in this window.
local cw = tonumber(s[5]) or 0
local cn = tonumber(s[6]) or 0
local used = math.max(0, lim - rem)
if cw <= 0 or math.abs(cw - reset) <= 500000 then
  cw, cn = reset, math.max(cn, used)
elseif cw < reset then
  -- Counted under another end (the window's length was misjudged):
  -- slots of a window not over yet may be in this one.
  if cw <= now then
    cn = 0
  end
  cw, cn = reset, math.max(cn, used)
end
if (is429 or rem <= margin) and cw == reset then
  cn = math.max(cn, eff) -- spent: nothing more in this window
end
-- X-RateLimit-Reset has whole seconds: the longest distance seen,
-- rounded up to a second, is the window's length.
local win = math.max(tonumber(s[3]) or 0, math.ceil(left / 1000000) * 1000000)
local base = math.floor(win / eff)
local iv
if is429 or rem <= margin then
  hold = math.max(hold, reset)
  iv = base
else
  iv = math.max(base, math.floor(left / (rem - margin)))
end
redis.call('HSET', KEYS[1], 'reset', reset, 'rem', rem, 'lim', eff, 'win', win, 'iv', iv, 'hold', hold, 'cw', cw, 'cn', cn)
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
