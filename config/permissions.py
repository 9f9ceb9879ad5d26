"""The API's one permission class: it asks the apps' policies (config/policies.py)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import BasePermission

from config.policies import Policy, allows, object_keyword


@dataclass(frozen=True)
class Rule:
    """A policy, with what the refusal says (`message`, `code`; DRF's "You do not have
    permission to perform this action." and `permission_denied` if not given)."""

    policy: Policy
    message: str | None = None
    code: str | None = None


class PolicyPermission(BasePermission):
    """Asks, for each action, the policy the viewset's `policies` names.

    `policies` maps every action of the viewset to a policy, a `Rule` (a policy with its
    refusal's message and code), `{"GET": …, "POST": …}` for an action answering several
    methods with different rules, or None where the queryset alone decides (lists and reads: a
    row the caller may not see is not found). A policy about the user alone is asked before
    the object is looked up (`has_permission`); one about a row, of the row the view looks up
    (`has_object_permission`). A refusal is a 403 with the rule's message and code, or a 401
    for an anonymous caller (DRF's rule).
    """

    def has_permission(self, request, view):
        rule = self._rule(request, view)
        if rule is None or object_keyword(rule.policy) is not None:
            return True
        return self._allows(rule, request.user)

    def has_object_permission(self, request, view, obj):
        rule = self._rule(request, view)
        if rule is None or object_keyword(rule.policy) is None:
            return True
        return self._allows(rule, request.user, obj)

    def _allows(self, rule: Rule, user, obj=None) -> bool:
        if allows(rule.policy, user=user, obj=obj):
            return True
        # Read by DRF's `permission_denied` from the instance (one per request).
        self.message, self.code = rule.message, rule.code
        return False

    @staticmethod
    def _rule(request, view) -> Rule | None:
        # No action: OPTIONS (`metadata`), or a method the route does not have (405).
        if view.action in (None, "metadata"):
            return None
        if view.action not in view.policies:
            raise ImproperlyConfigured(
                f"{type(view).__name__}.policies says nothing about its action {view.action}."
            )
        rule = view.policies[view.action]
        if isinstance(rule, Mapping):
            rule = rule["GET" if request.method == "HEAD" else request.method]
        if rule is None or isinstance(rule, Rule):
            return rule
        # A policy that says how it refuses (`config.policies.refusal`) says it here too.
        return Rule(
            rule,
            message=getattr(rule, "refusal_message", None),
            code=getattr(rule, "refusal_code", None),
        )
