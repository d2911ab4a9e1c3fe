-- GET /api/tasks (first page of 20) as one authenticated user; the pause per connection
-- (DELAY_MS) sets the offered rate: about connections * 1000 / DELAY_MS requests per second.
local token = os.getenv("TOKEN")
local pause = tonumber(os.getenv("DELAY_MS") or "0")
wrk.method = "GET"
wrk.path = "/api/tasks?status=all&size=20"
wrk.headers["Authorization"] = "Bearer " .. token
function delay() return pause end
