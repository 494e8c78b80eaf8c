-- Books the next slot of the shared schedule. KEYS[1]: the schedule.
-- ARGV[1]: the furthest the slot may be, in microseconds; ARGV[2]: the
-- key's time to live, in milliseconds; ARGV[3]: 1 to spread every
-- window evenly (Options.Spread), 0 to spend a confirmed window's budget
-- as it is asked for. Returns {1, wait, id, slot, first, poll} when
-- booked, {0, wait} when the slot is further than ARGV[1] (nothing is
-- booked). A slot in a window no answer has confirmed yet has id, the
-- window's end, and slot, its time: such a request may go early once an
-- answer confirms the window (see hold.lua), which cannot happen before
-- first (a wait, like wait) and is worth asking every poll.
--
-- Fields: tat (GCRA's theoretical arrival time), iv (its emission
-- interval), hold (no slot before it), reset (end of the latest window
-- an answer reported: a confirmed window), lim (the requests of a window
-- the schedule may use), win (the window's length), cw and cn (the
-- window the schedule is counting, by its end, and the slots booked in
-- it; cw = -1 counts the slots booked before any answer).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = redis.call('HMGET', KEYS[1], 'tat', 'iv', 'hold', 'reset', 'lim', 'win', 'cw', 'cn')
local tat = tonumber(s[1]) or 0
local iv = tonumber(s[2]) or 0
local hold = tonumber(s[3]) or 0
local reset = tonumber(s[4]) or 0
local lim = tonumber(s[5]) or 0
local win = tonumber(s[6]) or 0
local cw = tonumber(s[7]) or 0
local cn = tonumber(s[8]) or 0
local bound = tonumber(ARGV[1])
local spread = tonumber(ARGV[3]) == 1
if lim > 0 and win > 0 and reset > 0 and now >= reset then
  -- The reported window is over and no answer has reported the next
  -- one yet: assume it is fresh and spread its whole budget.
  local base = math.floor(win / lim)
  if base < iv then
    iv = base
    redis.call('HSET', KEYS[1], 'iv', iv)
  end
end
local slot = math.max(now, hold)

if spread or lim <= 0 or win <= 0 or reset <= 0 then
  -- GCRA, virtual scheduling, no burst: one slot every iv. Before any
  -- answer iv is 0 (nothing is held); those slots are counted, so that
  -- the first window's budget knows them.
  slot = math.max(slot, tat)
  if slot - now > bound then
    return {0, slot - now}
  end
  redis.call('HSET', KEYS[1], 'tat', slot + iv)
  if not spread and cw <= 0 then
    redis.call('HSET', KEYS[1], 'cw', -1, 'cn', cn + 1)
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, slot - now}
end

local function same(a, b)
  return math.abs(a - b) <= 500000
end
-- No slot within a twentieth of a window (at least 50 ms) of a reset:
-- a request booked just before it could reach Intercom after it and
-- count in the next window, and the reset itself is known to a second
-- and through two clocks.
local guard = math.max(math.floor(win / 20), 50000)

-- A window an answer has confirmed (its end is `reset`) allows its whole
-- budget at once, as Intercom's fixed windows do: a slot now, as long as
-- the slots counted in it (the schedule's, or Intercom's count when
-- higher) leave room.
if slot < reset - guard and same(cw, reset) and cn < lim then
  if slot - now > bound then
    return {0, slot - now}
  end
  redis.call('HSET', KEYS[1], 'cn', cn + 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, slot - now}
end
if slot < reset then
  slot = reset -- the confirmed window is spent, or in its guard
end

-- A window no answer has confirmed yet (its start may be misjudged by
-- the reset's one-second precision): GCRA at the window's budget spread
-- evenly, counted so that the budget left is known when it is
-- confirmed.
slot = math.max(slot, tat)
local id = reset + (math.floor((slot - reset) / win) + 1) * win
if not same(cw, id) then
  cw, cn = id, 0
end
if cn >= lim then
  slot = id -- this window's budget is booked: the next one
  id = id + win
  cw, cn = id, 0
end
slot = math.max(slot, id - win + guard)
if slot - now > bound then
  return {0, slot - now}
end
local piv = math.min(iv, math.floor(win / lim))
redis.call('HSET', KEYS[1], 'tat', slot + piv, 'cw', cw, 'cn', cn + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, slot - now, id, slot, id - win + guard - now, guard}
