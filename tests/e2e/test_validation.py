"""Bad input of every kind gets a clear 4xx and changes nothing."""
import pytest


def count(owner, ws, resource="contacts"):
    n, cursor = 0, None
    while True:
        r = owner.get(f"{ws}/{resource}?limit=200" + (f"&cursor={cursor}" if cursor else ""))
        n += len(r.json["data"])
        cursor = r.json["nextCursor"]
        if not cursor:
            return n


BAD_BODIES = [
    # (raw body, expected status, words in the message)
    (b'{"firstName": "a",', 400, "Malformed JSON"),
    (b"[1, 2]", 400, "JSON object"),
    (b'"just a string"', 400, "JSON object"),
    (b'{"firstName": 5}', 400, "must be a string"),
    (b'{"replied": "yes"}', 400, "true or false"),
    (b'{"nope": 1}', 400, "Unknown field 'nope'"),
    (b'{"id": 5}', 400, "read-only"),
    (b'{"createdAt": "2026-01-01"}', 400, "read-only"),
    (b'{"companyId": 1e400}', 400, "overflow"),
    (b'{"companyId": 123456789012345678901234567890}', 400, "too big"),
    (b'{"firstName": "\xff\xfe"}', 400, "UTF-8"),
    (b'{"a": 1, "a": 2}', 400, "duplicate"),
    (b'{"email": "not-an-email"}', 422, "Invalid email address: not-an-email"),
    (b'{"firstName": "' + b"x" * 300 + b'"}', 422, "longer than 200"),
    (b'{"customFields": {"nope": 1}}', 422,
     "Custom field 'nope' not found. Create field first."),
    (b'{"tags": "x"}', 400, "array of strings"),
    (b'{"tags": [""]}', 422, "1 to 64"),
    (b'{"linkedinUrl": "ftp://x"}', 422, "URL"),
    (b"[" * 200 + b"]" * 200, 400, "deeper"),
    (b"", 400, "JSON object"),
]


@pytest.mark.parametrize("body,status,words", BAD_BODIES)
def test_bad_bodies_change_nothing(owner, ws, body, status, words):
    before = count(owner, ws)
    r = owner.request("POST", f"{ws}/contacts", raw=body)
    assert r.status == status, r
    err = r.json["error"]
    assert set(err) == {"code", "message", "details"}
    assert words.lower() in err["message"].lower(), err
    assert count(owner, ws) == before


def test_update_with_bad_input_changes_nothing(owner, ws):
    c = owner.get(f"{ws}/contacts/1").json
    r = owner.patch(f"{ws}/contacts/1", {"title": "New", "email": "broken"})
    assert r.status == 422
    assert owner.get(f"{ws}/contacts/1").json == c


def test_wrong_types_in_deals(owner, ws):
    assert owner.post(f"{ws}/deals", {"name": "x", "value": "big"}).status == 400
    assert owner.post(f"{ws}/deals", {"name": "x", "stage": "Won"}).status == 422
    assert owner.post(f"{ws}/deals", {"name": "x", "value": 1e16}).status == 422
    assert owner.post(f"{ws}/deals", {"value": 5}).status == 422
    assert owner.post(f"{ws}/deals", {"name": "  "}).status == 422


def test_oversized_body_gets_413(owner, ws):
    before = count(owner, ws)
    big = b'{"firstName": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    r = owner.request("POST", f"{ws}/contacts", raw=big)
    assert r.status == 413
    assert r.json["error"]["code"] == "payload_too_large"
    assert count(owner, ws) == before


def test_wrong_content_type_gets_415(owner, ws):
    r = owner.request("POST", f"{ws}/contacts", raw=b"firstName=a",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 415


@pytest.mark.parametrize("query,words", [
    ("limit=0", "limit"), ("limit=201", "limit"), ("limit=abc", "limit"),
    ("cursor=garbage!!", "cursor"),
    ("sort=email", "contacts cannot be sorted by 'email'; use one of id, "
                   "firstName, lastName, status, createdAt, updatedAt"),
    ("bogus=1", "Unknown filter"), ("title__near=x", "Unknown filter"),
    ("value__gt=abc", "expected a number"),
    ("createdAt__gte=yesterday-ish", "relative time"),
    ("replied=maybe", "true or false"),
    ("companyId=1e30", "out of range"),
])
def test_bad_list_queries(owner, ws, query, words):
    resource = "deals" if query.startswith("value") else "contacts"
    r = owner.get(f"{ws}/{resource}?{query}")
    assert r.status == 400, r
    assert words.lower() in r.json["error"]["message"].lower()


def test_unknown_query_parameter_on_single_resource(owner, ws):
    r = owner.get(f"{ws}/contacts/1?verbose=1")
    assert r.status == 400 and "verbose" in r.json["error"]["message"]


def test_duplicate_query_parameter(owner, ws):
    r = owner.get(f"{ws}/contacts?limit=1&limit=2")
    assert r.status == 400


def test_unknown_routes_and_methods(owner, ws):
    r = owner.get("/api/nothing-here")
    assert r.status == 404 and r.json["error"]["code"] == "not_found"
    r = owner.request("PUT", f"{ws}/contacts/1", body={})
    assert r.status == 405 and "PATCH" in r.headers["allow"]
    assert owner.get(f"{ws}/contacts/abc").status == 404
    assert owner.get(f"{ws}/contacts/0").status == 404
    assert owner.get(f"{ws}/contacts/99999999").status == 404
