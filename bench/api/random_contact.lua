-- wrk script: GET one contact with a random id per request.
-- MAX_ID and TOKEN and WS come from the environment.
local max_id = tonumber(os.getenv("MAX_ID"))
local token = os.getenv("TOKEN")
local ws = os.getenv("WS")
math.randomseed(os.time())
request = function()
  local id = math.random(1, max_id)
  return wrk.format("GET", "/api/workspaces/" .. ws .. "/contacts/" .. id,
                    {["Authorization"] = "Bearer " .. token})
end
