"""Staff curation of users, companies, memberships and invitations."""

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Company, Invitation, Membership, User
from .services import invitation_revoke


class AuditTrailMixin(AuditlogHistoryAdminMixin):
    """Adds an "Audit log" button to the change page: django-auditlog's history of the object,
    with who changed which field and when (see `companies/audit.py`, `marketplace/audit.py`)."""

    change_form_template = "admin/audit_trail_change_form.html"


class OrganisationFilter(admin.SimpleListFilter):
    """Memberships in a company or in a vendor."""

    title = _("organisation")
    parameter_name = "organisation"
    # How the listed model reaches the membership's `company` / `vendor` fields.
    membership_path = ""

    def lookups(self, request, model_admin):
        return [("company", _("Company")), ("vendor", _("Vendor"))]

    def queryset(self, request, queryset):
        if self.value() in ("company", "vendor"):
            return queryset.filter(**{f"{self.membership_path}{self.value()}__isnull": False})
        return queryset


class UserOrganisationFilter(OrganisationFilter):
    """People of a company, of a vendor, or of neither (staff, accounts left without one)."""

    membership_path = "membership__"

    def lookups(self, request, model_admin):
        return [*super().lookups(request, model_admin), ("none", _("None"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(membership__isnull=True)
        return super().queryset(request, queryset)


class UserMembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    fields = ("company", "vendor", "role")
    autocomplete_fields = ("company", "vendor")
    extra = 0


class CompanyMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "company"
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(User)
class UserAdmin(AuditTrailMixin, DjangoUserAdmin):
    inlines = (UserMembershipInline,)
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, UserOrganisationFilter, "membership__role")
    list_select_related = ("membership__company", "membership__vendor")

    @admin.display(description=_("organisation"))
    def organisation(self, user):
        return user.organisation or "—"


@admin.register(Company)
class CompanyAdmin(AuditTrailMixin, admin.ModelAdmin):
    # A website typed without a scheme is https (Django 6 default, explicit under 5.2).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (CompanyMembershipInline,)
    list_display = ("name", "rfc", "state", "city", "verified", "created_at")
    list_filter = ("verified", "state")
    search_fields = ("name", "slug", "rfc", "city")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("name", "slug", "rfc", "verified")}),
        (_("Location"), {"fields": ("state", "city")}),
        (_("Profile"), {"fields": ("description", "website")}),
        (_("Timestamps"), {"fields": ("created_at", "updated_at")}),
    )


@admin.register(Membership)
class MembershipAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = ("user", "company", "vendor", "role", "created_at")
    list_filter = ("role", OrganisationFilter)
    list_select_related = ("user", "company", "vendor")
    search_fields = ("user__username", "user__email", "company__name", "vendor__name")
    autocomplete_fields = ("user", "company", "vendor")
    readonly_fields = ("created_at",)


@admin.register(Invitation)
class InvitationAdmin(AuditTrailMixin, admin.ModelAdmin):
    """Read-only: owners invite from the Team page or the API; staff can withdraw here."""

    list_display = ("email", "company", "vendor", "role", "invited_by", "created_at", "state")
    list_filter = ("role", OrganisationFilter)
    list_select_related = ("company", "vendor", "invited_by")
    search_fields = ("email", "company__name", "vendor__name")
    actions = ["withdraw"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, invitation):
        if invitation.accepted_at:
            return _("accepted")
        if invitation.revoked_at:
            return _("withdrawn")
        if invitation.is_expired(timezone.now()):
            return _("expired")
        return _("pending")

    @admin.action(description=_("Withdraw the selected pending invitations"))
    def withdraw(self, request, queryset):
        withdrawn = 0
        for invitation in queryset.pending():
            invitation_revoke(actor=request.user, invitation=invitation)
            withdrawn += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation withdrawn.", "%(count)d invitations withdrawn.", withdrawn
            )
            % {"count": withdrawn},
        )
