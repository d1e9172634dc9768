-- wrk script: a filtered, sorted page of 50 contacts, the filter values
-- varying per request so that no single page is hot.
local token = os.getenv("TOKEN")
local ws = os.getenv("WS")
local countries = {"Germany", "France", "Spain", "Japan", "Canada", "Sweden"}
local statuses = {"Lead", "Qualified", "Customer", "Engaged"}
math.randomseed(os.time())
request = function()
  local q = "status=" .. statuses[math.random(#statuses)] ..
            "&country=" .. countries[math.random(#countries)] ..
            "&limit=50&sort=-createdAt"
  return wrk.format("GET", "/api/workspaces/" .. ws .. "/contacts?" .. q,
                    {["Authorization"] = "Bearer " .. token})
end
