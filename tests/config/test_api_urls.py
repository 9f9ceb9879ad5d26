"""config/api_urls.py: every object address under /api/v1/ takes only what its lookup can be
(digits that fit a bigint, or a slug); anything else is an unknown route, a JSON 404, before a
view or the database sees it. `POST /api/v1/requests/abc/rematch/` and `GET
/api/v1/requests/abc/matches/` were 500s."""

import pytest

from config.api import EVENT_KIND_PATTERN, ID_PATTERN, SLUG_PATTERN
from config.api_urls import router

from ..errors import error

NOT_FOUND = {"type": "not_found", "code": "not_found", "message": "Not found."}

# The values no lookup of that kind accepts.
REFUSED = {
    ID_PATTERN: ["abc", "-1", "1e3", "9" * 19, "9" * 30],
    SLUG_PATTERN: ["x" * 61, "caf%C3%A9", "a%20b"],
    EVENT_KIND_PATTERN: ["question", "Question.Asked", "question.asked.x", "x" * 31 + ".sent"],
}


def object_routes():
    """(method, path) for every detail route and detail action of every registered viewset."""
    for prefix, viewset, basename in router.registry:
        yield pytest.param(prefix, viewset, None, "get", id=f"{basename}-detail")
        for action in viewset.get_extra_actions():
            if action.detail:
                method = next(iter(action.mapping))
                yield pytest.param(
                    prefix, viewset, action.url_path, method, id=f"{basename}-{action.url_path}"
                )


@pytest.mark.parametrize(("prefix", "viewset", "action", "method"), list(object_routes()))
def test_an_address_no_lookup_can_match_is_a_json_404(api, staff, prefix, viewset, action, method):
    assert viewset.lookup_value_regex in REFUSED, f"{viewset.__name__} needs a bounded lookup"

    for value in REFUSED[viewset.lookup_value_regex]:
        path = f"/api/v1/{prefix}/{value}/" + (f"{action}/" if action else "")
        for client in (api(), api(staff)):
            response = getattr(client, method)(path)

            assert response.status_code == 404, path
            assert error(response) == NOT_FOUND, path


@pytest.mark.parametrize("path", ["/api/v1/requests/abc/rematch/", "/api/v1/requests/abc/matches/"])
def test_the_reported_non_numeric_ids_are_404s_for_the_companys_owner(api, alice, path):
    client = api(alice)
    response = client.post(path) if path.endswith("rematch/") else client.get(path)

    assert response.status_code == 404


def test_the_largest_id_the_address_takes_is_an_ordinary_404(api, staff):
    for path in [
        "/api/v1/requests/999999999999999999/",
        "/api/v1/requests/999999999999999999/matches/",
    ]:
        assert api(staff).get(path).status_code == 404
