-- Books the next slot of the shared schedule (GCRA, virtual scheduling,
-- no burst). KEYS[1]: the schedule. ARGV[1]: the furthest the slot may
-- be, in microseconds; ARGV[2]: the key's time to live, in milliseconds.
-- Returns {1, wait} when booked, {0, wait} when the slot is further than
-- ARGV[1] (nothing is booked).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = redis.call('HMGET', KEYS[1], 'tat', 'iv', 'hold', 'reset', 'lim', 'win')
local tat = tonumber(s[1]) or 0
local iv = tonumber(s[2]) or 0
local hold = tonumber(s[3]) or 0
local reset = tonumber(s[4]) or 0
local lim = tonumber(s[5]) or 0
local win = tonumber(s[6]) or 0
if lim > 0 and reset > 0 and now >= reset then
  -- The reported window is over and no answer has reported the next
  -- one yet: assume it is fresh and spread its whole budget.
  local base = math.floor(win / lim)
  if base < iv then
    iv = base
    redis.call('HSET', KEYS[1], 'iv', iv)
  end
end
local slot = math.max(now, tat, hold)
if slot - now > tonumber(ARGV[1]) then
  return {0, slot - now}
end
redis.call('HSET', KEYS[1], 'tat', slot + iv)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, slot - now}
