-- How long the shared hold (a 429 or a spent window) still lasts, in
-- microseconds; 0 when there is none. KEYS[1]: the schedule.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local hold = tonumber(redis.call('HGET', KEYS[1], 'hold')) or 0
if hold > now then
  return hold - now
end
return 0
