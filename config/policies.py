"""How the apps' policies are found and asked.

Each app writes who may do what as predicates in its own `policies.py`: `can_<verb>_<entity>(*,
user, <entity>) -> bool`, or `can_<verb>_<entity>(*, user)` for a rule about no one row. The
API asks them through `config.permissions.PolicyPermission`, the pages through
`policy_required`, the templates by name through `{% can %}`; this module is how those find a
policy and hand it its object.
"""

import inspect
from collections.abc import Callable
from functools import cache, wraps
from importlib import import_module

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from config.errors import PermissionDenied

Policy = Callable[..., bool]

# Where `{% can "<name>" %}` looks `can_<name>` up: an app with rules adds its module here.
POLICY_MODULES = [
    "companies.policies",
    "marketplace.policies",
    "marketplace.events.policies",
    "marketplace.tenders.policies",
    "marketplace.webhooks.policies",
]


def refusal(message, *, code: str = "permission_denied"):
    """Decorate a policy with what refusing it says (a lazy translated `message`, a stable
    `code`), written once beside the rule: the API's `PolicyPermission` answers it, and
    services raise it through `refuse_unless`."""

    def attach(policy: Policy) -> Policy:
        policy.refusal_message = message
        policy.refusal_code = code
        return policy

    return attach


def refuse_unless(policy: Policy, *, user, obj=None) -> None:
    """Raise the policy's refusal (a 403 on either face) unless it allows `user` (on `obj`)."""
    if not hasattr(policy, "refusal_message"):
        raise ImproperlyConfigured(f"{policy.__name__} says nothing of its refusal (@refusal).")
    if not allows(policy, user=user, obj=obj):
        raise PermissionDenied(str(policy.refusal_message), code=policy.refusal_code)


@cache
def policy_named(name: str) -> Policy:
    """`can_<name>` from the one module of POLICY_MODULES that defines it."""
    function = f"can_{name}"
    found = []
    for path in POLICY_MODULES:
        policy = getattr(import_module(path), function, None)
        # A module may import another's policy to build on it: only its own count.
        if policy is not None and policy.__module__ == path:
            found.append(policy)
    if len(found) != 1:
        raise ImproperlyConfigured(
            f"{len(found)} policies are named {function} in {', '.join(POLICY_MODULES)}."
        )
    return found[0]


@cache
def object_keyword(policy: Policy) -> str | None:
    """The keyword `policy` takes its row under (`vendor` for `can_edit_vendor`), or None for
    a rule about the user alone."""
    keywords = [
        parameter.name
        for parameter in inspect.signature(policy).parameters.values()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.name != "user"
    ]
    if len(keywords) > 1:
        raise ImproperlyConfigured(f"{policy.__name__} takes more than one row: {keywords}.")
    return keywords[0] if keywords else None


def allows(policy: Policy, *, user, obj=None) -> bool:
    """Ask `policy` about `user` and, if it is about a row, about `obj`."""
    keyword = object_keyword(policy)
    if keyword is None:
        return policy(user=user)
    return policy(user=user, **{keyword: obj})


def policy_required(policy: Policy):
    """Decorate a page for the people `policy` (a rule about the user alone) lets in: anyone
    else gets 404, as for any page that is not theirs. Goes under `login_required`, which sends
    anonymous visitors to log in first."""

    def decorator(view):
        @wraps(view)
        def guarded_view(request, *args, **kwargs):
            if not policy(user=request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return guarded_view

    return decorator


# --- `{% load policies %}` (registered in settings.TEMPLATES) --------------------------------------

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, name: str, obj=None) -> bool:
    """`{% can "edit_vendor" vendor as may_edit %}`: whether the page's user may, by the policy
    `can_edit_vendor`; `{% can "moderate_vendors" as may_moderate %}` for a rule about no row.
    Templates decide nothing themselves: they ask the same policy as the view and the API."""
    return allows(policy_named(name), user=context["user"], obj=obj)
