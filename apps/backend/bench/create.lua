-- POST /api/tasks as one authenticated user; DELAY_MS paces each connection as in list.lua.
local token = os.getenv("TOKEN")
local pause = tonumber(os.getenv("DELAY_MS") or "0")
wrk.method = "POST"
wrk.path = "/api/tasks"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"benchmark task","priority":"high","dueDate":"2030-01-01","tags":["bench"]}'
function delay() return pause end
